import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sent-log becomes the delivery ledger: one row per (event, recipient, kind), committed as
 * `sending` before the SMTP call and as `sent` right after it, outside the event's transaction, so
 * a retry of a partly delivered event sends only what is missing. `kind` is part of the key
 * because one event may mail one address twice (a customer who is also a vendor of the order).
 * Earlier rows were all sent; their kind is their event type.
 */
export class EmailDeliveries1764500000000 implements MigrationInterface {
  name = 'EmailDeliveries1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE sent_emails RENAME TO email_deliveries');
    await runner.query(`
      ALTER TABLE email_deliveries
        DROP CONSTRAINT sent_emails_event_id_recipient_key,
        ADD COLUMN kind text,
        ADD COLUMN status text NOT NULL DEFAULT 'sent',
        ADD COLUMN attempts integer NOT NULL DEFAULT 1,
        ADD COLUMN last_error text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ALTER COLUMN sent_at DROP NOT NULL,
        ALTER COLUMN sent_at DROP DEFAULT`);
    await runner.query('UPDATE email_deliveries SET kind = event_type, updated_at = sent_at');
    await runner.query(`
      ALTER TABLE email_deliveries
        ALTER COLUMN kind SET NOT NULL,
        ALTER COLUMN status DROP DEFAULT,
        ADD CONSTRAINT email_deliveries_status_check
          CHECK (status IN ('sending', 'sent', 'failed')),
        ADD CONSTRAINT email_deliveries_sent_at_check
          CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        ADD CONSTRAINT email_deliveries_event_recipient_kind_key
          UNIQUE (event_id, recipient, kind)`);
    await runner.query('ALTER INDEX sent_emails_pkey RENAME TO email_deliveries_pkey');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Only sent rows fit the old log, and only one per (event, recipient).
    await runner.query(`DELETE FROM email_deliveries WHERE status <> 'sent'`);
    await runner.query(`
      DELETE FROM email_deliveries d USING email_deliveries e
       WHERE d.event_id = e.event_id AND d.recipient = e.recipient AND d.id > e.id`);
    await runner.query(`
      ALTER TABLE email_deliveries
        DROP CONSTRAINT email_deliveries_event_recipient_kind_key,
        DROP CONSTRAINT email_deliveries_sent_at_check,
        DROP CONSTRAINT email_deliveries_status_check,
        DROP COLUMN kind,
        DROP COLUMN status,
        DROP COLUMN attempts,
        DROP COLUMN last_error,
        DROP COLUMN updated_at,
        ALTER COLUMN sent_at SET NOT NULL,
        ALTER COLUMN sent_at SET DEFAULT now(),
        ADD CONSTRAINT sent_emails_event_id_recipient_key UNIQUE (event_id, recipient)`);
    await runner.query('ALTER INDEX email_deliveries_pkey RENAME TO sent_emails_pkey');
    await runner.query('ALTER TABLE email_deliveries RENAME TO sent_emails');
  }
}
