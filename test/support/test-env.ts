import { randomBytes } from 'node:crypto';
import { DATABASES } from '../../launcher/databases';
import type { Env } from '../../lib/config/parse-env';
import { temporaryDirectory } from './temporary-directories';

/** Where the tests find Postgres and NATS: the CI's (or developer's) servers, overridable. */
export const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A fresh name for this run's databases and subjects, so runs never see each other. */
export function uniquePrefix(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Environment for a system under test: fresh databases and subject prefix, free ports, a private
 * data folder, quiet logs (TEST_LOG_LEVEL to see them), dev signing keys.
 */
export function testEnv(prefix: string, overrides: Env = {}): Env {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    DATA_DIR: temporaryDirectory('bazaar-test-'),
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_PREFIX: prefix,
    NATS_URL: TEST_NATS_URL,
    EVENT_PREFIX: prefix,
    PORT: '0',
    ...Object.fromEntries(
      Object.keys(DATABASES).map((service) => [`${service.toUpperCase()}_PORT`, '0']),
    ),
    PATH: process.env.PATH,
    // Every test signs up from 127.0.0.1; the tests of these limits set their own.
    REGISTER_MAX_PER_IP: '100000',
    ACCOUNT_EMAIL_MAX_PER_IP: '100000',
    ...overrides,
  };
}
