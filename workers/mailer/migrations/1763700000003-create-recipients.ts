import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRecipients1763700000003 implements MigrationInterface {
  name = 'CreateRecipients1763700000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE recipients (
        user_id uuid PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE order_customers (
        order_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE order_customers');
    await runner.query('DROP TABLE recipients');
  }
}
