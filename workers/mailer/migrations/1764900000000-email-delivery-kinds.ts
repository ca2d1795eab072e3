import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EmailDeliveries1764500000000 gave the rows it carried over their event type as `kind`, but a
 * delivery's kind is the email's (`welcome`, `order-status`, ...), so a redelivery of one of those
 * events would not have found its email as sent and would have mailed it again. Those rows get
 * the kind the handlers use; where one event had two kinds (a paid order's customer and vendors,
 * a line refund's), the subject tells them apart. A row already written under the right kind by
 * a later retry makes the carried-over one redundant, and it goes.
 */
export class EmailDeliveryKinds1764900000000 implements MigrationInterface {
  name = 'EmailDeliveryKinds1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TEMPORARY TABLE delivery_kinds ON COMMIT DROP AS
      SELECT id, CASE
          WHEN event_type = 'user.registered' THEN 'welcome'
          WHEN event_type = 'user.verification_requested' THEN 'verification'
          WHEN event_type = 'user.password_reset_requested' THEN 'password-reset'
          WHEN event_type = 'order.status_changed' AND subject LIKE 'New paid order %'
            THEN 'vendor-new-order'
          WHEN event_type = 'order.status_changed' THEN 'order-status'
          WHEN event_type = 'payment.refunded' THEN 'late-payment-refund'
          WHEN event_type = 'order.refunded' AND subject LIKE 'Refund confirmed:%'
            THEN 'vendor-line-refund'
          WHEN event_type = 'order.refunded' THEN 'line-refund'
          WHEN event_type = 'stock.low' THEN 'low-stock'
        END AS kind
        FROM email_deliveries
       WHERE kind = event_type`);
    await runner.query(`
      DELETE FROM email_deliveries old USING delivery_kinds k, email_deliveries current
       WHERE old.id = k.id AND current.event_id = old.event_id
         AND current.recipient = old.recipient AND current.kind = k.kind`);
    await runner.query(`
      UPDATE email_deliveries d SET kind = k.kind
        FROM delivery_kinds k
       WHERE d.id = k.id AND k.kind IS NOT NULL`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the email kinds are what the handlers write; the old spelling was the bug.
  }
}
