import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-for';

export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server that keeps what it receives, for asserting on emails. It can be stopped and
 * started again on the same port to simulate an outage, and told to refuse chosen messages.
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  /** Messages answered with a refusal, in order. */
  readonly refused: ReceivedEmail[] = [];
  private server: SMTPServer | null = null;
  private port = 0;
  /** Messages that reached the DATA stage, accepted or not. */
  private messagesSeen = 0;
  private readonly refuseNumbers = new Set<number>();
  private readonly refuseTo = new Map<string, number>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        this.messagesSeen += 1;
        const refuse = this.shouldRefuse(
          this.messagesSeen,
          session.envelope.rcptTo.map((r) => r.address),
        );
        simpleParser(stream).then((mail: ParsedMail) => {
          const email = {
            to: [mail.to ?? []]
              .flat()
              .map((a) => a.text)
              .join(', '),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
          };
          if (!refuse) {
            this.received.push(email);
            callback();
            return;
          }
          this.refused.push(email);
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
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

  /**
   * Refuses, with a temporary error after the message was transmitted, the `nth` message that
   * reaches the sink from now on (1 = the next one), once.
   */
  refuseNthMessage(nth: number): void {
    this.refuseNumbers.add(this.messagesSeen + nth);
  }

  /** Refuses the next `times` messages to `address`, as {@link refuseNthMessage} does. */
  refuseMessagesTo(address: string, times = 1): void {
    this.refuseTo.set(address, (this.refuseTo.get(address) ?? 0) + times);
  }

  private shouldRefuse(messageNumber: number, recipients: string[]): boolean {
    const byNumber = this.refuseNumbers.delete(messageNumber);
    const address = recipients.find((r) => (this.refuseTo.get(r) ?? 0) > 0);
    if (address) this.refuseTo.set(address, (this.refuseTo.get(address) ?? 0) - 1);
    return byNumber || address !== undefined;
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
