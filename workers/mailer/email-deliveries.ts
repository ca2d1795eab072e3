import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '../../lib/events/catalogue';
import type { Logger } from '../../lib/logger';
import { EmailDelivery, type DeliveryStatus } from './email-delivery.entity';
import type { MailSender } from './mail-sender';
import type { RenderedEmail } from './templates/layout';

/** One email to send for an event. */
export interface Outgoing {
  to: string;
  /**
   * Which email of the event this is, e.g. `order-status` or `vendor-new-order`: with the event
   * id and the address, the key of its delivery. Never reuse a kind for two emails of one event.
   */
  kind: string;
  email: RenderedEmail;
}

interface Claim {
  id: string;
  messageId: string;
  attempts: number;
  previousStatus: DeliveryStatus | null;
}

/**
 * Sends the emails of an event at least once each and, short of a crash, exactly once.
 *
 * Each email is recorded in `email_deliveries` on its own connection, outside the event's inbox
 * transaction, so what is recorded survives the rollback that makes the event retry: `sending` is
 * committed before the SMTP call and `sent` right after the server accepted the email, before the
 * next email goes. A retry skips what is `sent`. A process that dies between the server's
 * acceptance and the `sent` commit (one round trip) leaves `sending`, and the retry sends that
 * email again: SMTP offers no way to ask whether a message arrived, so at-least-once per
 * recipient is the best it allows. The repeat carries the same Message-ID, which lets mail
 * systems that deduplicate on it show one email.
 *
 * No two attempts at one event run at once: the inbox row inserted by the event's transaction
 * stays locked until that transaction ends, so another delivery of the same event waits on it.
 */
export class EmailDeliveries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: MailSender,
    private readonly logger: Logger,
  ) {}

  /**
   * Sends every email of `event` not yet sent, one after another. An email the server refuses is
   * recorded as failed and the next still goes; the event then fails so it is retried. When the
   * server cannot be reached at all, the rest wait for that retry.
   */
  async deliver(event: EventEnvelope, outgoing: Outgoing[]): Promise<void> {
    let refused: unknown = null;
    for (const item of outgoing) {
      try {
        await this.deliverOne(event, item);
      } catch (error) {
        if (!serverAnswered(error)) throw error;
        refused ??= error;
      }
    }
    if (refused) throw refused;
  }

  private async deliverOne(event: EventEnvelope, { to, kind, email }: Outgoing): Promise<void> {
    const claim = await this.claim(event, to, kind, email.subject);
    if (!claim) return; // sent by an earlier attempt
    const log = this.logger.child({ eventId: event.id, kind, deliveryId: claim.id });
    if (claim.previousStatus === 'sending') {
      log.warn(
        { attempt: claim.attempts },
        'an earlier attempt stopped after sending began; sending again may repeat the email',
      );
    }
    try {
      await this.sender.send(to, email, claim.messageId);
    } catch (error) {
      await this.record(claim.id, { status: 'failed', lastError: smtpFailureSummary(error) });
      throw error;
    }
    await this.record(claim.id, { status: 'sent', sentAt: () => 'now()' });
  }

  /**
   * Marks the email `sending` and returns its row, or null when it was sent already. A row from an
   * earlier attempt keeps its Message-ID; `previous` reads the row as it was before this statement
   * (every part of one statement sees the same snapshot).
   */
  private async claim(
    event: EventEnvelope,
    to: string,
    kind: string,
    subject: string,
  ): Promise<Claim | null> {
    const rows: Claim[] = await this.dataSource.query(
      `WITH previous AS (
         SELECT status FROM email_deliveries WHERE event_id = $1 AND recipient = $3 AND kind = $4
       )
       INSERT INTO email_deliveries
         (event_id, event_type, recipient, kind, subject, message_id, status, attempts, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending', 1, now())
       ON CONFLICT (event_id, recipient, kind) DO UPDATE
         SET status = 'sending', subject = EXCLUDED.subject,
             attempts = email_deliveries.attempts + 1, updated_at = now()
         WHERE email_deliveries.status <> 'sent'
       RETURNING id, message_id AS "messageId", attempts,
                 (SELECT status FROM previous) AS "previousStatus"`,
      [event.id, event.type, to, kind, subject, this.sender.newMessageId()],
    );
    return rows[0] ?? null;
  }

  private async record(
    id: string,
    change: { status: DeliveryStatus; lastError?: string; sentAt?: () => string },
  ): Promise<void> {
    await this.dataSource.getRepository(EmailDelivery).update(id, {
      ...change,
      updatedAt: () => 'now()',
    });
  }
}

interface SmtpError {
  code?: string;
  responseCode?: number;
}

/** The SMTP server answered with a refusal (as opposed to a connection that failed). */
function serverAnswered(error: unknown): boolean {
  return typeof (error as SmtpError | null)?.responseCode === 'number';
}

/**
 * What went wrong, without the server's text: SMTP replies often quote the address or the
 * message, and the ledger keeps no more personal data than it needs.
 */
export function smtpFailureSummary(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as SmtpError;
  return [code ?? 'ERROR', responseCode].filter((part) => part !== undefined).join(' ');
}
