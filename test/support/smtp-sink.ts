import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-for';

export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server that keeps what it receives, for asserting on emails. It can be stopped and
 * started again on the same port to simulate an outage.
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  private server: SMTPServer | null = null;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail: ParsedMail) => {
          this.received.push({
            to: [mail.to ?? []]
              .flat()
              .map((a) => a.text)
              .join(', '),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Emails to `to` so far. */
  to(to: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to.includes(to));
  }

  /** Waits for the `count`-th email to `to` and returns it. */
  async waitForEmail(to: string, count = 1): Promise<ReceivedEmail> {
    await waitFor(() => this.to(to).length >= count, `email #${count} to ${to}`);
    return this.to(to)[count - 1];
  }
}

/** The `token` query parameter of the first link in an email. */
export function tokenFrom(email: ReceivedEmail): string {
  const link = /https?:\/\/\S+\?token=[\w-]+/.exec(email.text)?.[0];
  if (!link) throw new Error(`no token link in email "${email.subject}"`);
  return new URL(link).searchParams.get('token') as string;
}
