import nodemailer, { type Transporter } from 'nodemailer';
import type { RenderedEmail } from './templates/layout';

/** Sends rendered emails over SMTP (a production relay, Mailpit, or the dev mailbox). */
export class MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
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

  /** Resolves with the SMTP message id; rejects when the server refuses or cannot be reached. */
  async send(to: string, email: RenderedEmail): Promise<string> {
    const info = await this.transport.sendMail({ from: this.from, to, ...email });
    return info.messageId;
  }

  /** Whether the SMTP server answers (readiness). */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
