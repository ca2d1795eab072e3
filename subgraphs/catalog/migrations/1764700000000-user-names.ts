import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog's copy of users' public display names, so a product's vendor is answered with the
 * product instead of by the users subgraph. Fed by `user.registered` and `user.profile_updated`
 * and by the vendor's own access token; each row keeps the name known as of the latest `as_of`,
 * whatever order those arrive in. Every user's name is kept (customers' too): a rename may
 * arrive before the registration it follows, and names are public anyway. The CHECK repeats
 * users' rule for a display name's length.
 */
export class UserNames1764700000000 implements MigrationInterface {
  name = 'UserNames1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE user_names (
        user_id uuid PRIMARY KEY,
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80),
        as_of timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE user_names');
  }
}
