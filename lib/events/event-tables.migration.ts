import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables every service with events needs; listed first in its migrations. */
export class EventTables1763700000000 implements MigrationInterface {
  name = 'EventTables1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        -- Insert order: with row locks serialising writers, a later change is inserted later, so
        -- publishing by seq keeps events in the order their changes were made (created_at is the
        -- transaction's start time and can invert them).
        seq bigserial NOT NULL,
        type text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await runner.query(
      'CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL',
    );
    await runner.query(`
      CREATE TABLE inbox (
        event_id uuid NOT NULL,
        consumer text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inbox');
    await runner.query('DROP TABLE outbox');
  }
}
