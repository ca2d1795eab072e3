import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The development mailbox: a real SMTP server on localhost that keeps every message as an `.eml`
 * file under `dir`. The mailer talks SMTP to it exactly as to a production relay; the gateway
 * lists the files at `/dev/mailbox`.
 */
export async function startDevMailbox(
  dir: string,
  port = 0,
): Promise<{ url: string; stop(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const name = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}.eml`;
        writeFile(join(dir, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MailboxMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  html: string | null;
}

/** Messages in the mailbox, newest first. */
export async function readMailbox(dir: string, limit = 100): Promise<MailboxMessage[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    newest.map(async (name) => {
      const parsed = await simpleParser(await readFile(join(dir, name)));
      return {
        id: name.replace(/\.eml$/, ''),
        from: parsed.from?.text ?? '',
        to: [parsed.to ?? []]
          .flat()
          .map((address) => address.text)
          .join(', '),
        subject: parsed.subject ?? '',
        date: (parsed.date ?? new Date(0)).toISOString(),
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : null,
      };
    }),
  );
}
