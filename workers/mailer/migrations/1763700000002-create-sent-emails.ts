import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSentEmails1763700000002 implements MigrationInterface {
  name = 'CreateSentEmails1763700000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sent_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        message_id text,
        sent_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, recipient)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sent_emails');
  }
}
