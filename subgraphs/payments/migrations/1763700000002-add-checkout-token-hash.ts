import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash of the token that opens a dev checkout page. Dev sessions created before it have no
 * hash, so their pages (whose ids were derived from the order id) open for no one.
 */
export class AddCheckoutTokenHash1763700000002 implements MigrationInterface {
  name = 'AddCheckoutTokenHash1763700000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE payments ADD COLUMN checkout_token_hash text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE payments DROP COLUMN checkout_token_hash');
  }
}
