import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of rate-limiter-flexible (columns as its RateLimiterPostgres expects: `expire` is epoch
 * milliseconds). They replace `login_failures`: failures were counted after the password check,
 * so parallel guesses were all checked before the first was recorded.
 */
export class RateLimits1764400000000 implements MigrationInterface {
  name = 'RateLimits1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await runner.query('CREATE INDEX rate_limits_expire_idx ON rate_limits (expire)');
    await runner.query('DROP TABLE login_failures');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at)');
    await runner.query('DROP TABLE rate_limits');
  }
}
