import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { RenderedEmail } from './templates/layout';

/** Sends rendered emails over SMTP (a production relay, Mailpit, or the dev mailbox). */
export class MailSender {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.messageIdDomain = domainOf(from);
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // `smtp:` upgrades with STARTTLS when the server offers it; `smtps:` is TLS from the start.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** A fresh Message-ID in the sender's domain, as nodemailer would make one. */
  newMessageId(): string {
    return `<${randomUUID()}@${this.messageIdDomain}>`;
  }

  /**
   * Resolves once the SMTP server has accepted the email; rejects when it refuses or cannot be
   * reached. The caller chooses `messageId`, so a repeated send can carry the same one.
   */
  async send(to: string, email: RenderedEmail, messageId: string): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, messageId, ...email });
  }

  /** Whether the SMTP server answers (readiness). */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}

/** The domain of the sender address in `from` (`Bazaar <no-reply@bazaar.local>` → `bazaar.local`). */
export function domainOf(from: string): string {
  const address = addressparser(from, { flatten: true })[0]?.address ?? '';
  return address.split('@')[1] || 'localhost';
}
