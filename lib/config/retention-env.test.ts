import { z } from 'zod';
import { ConfigError, parseEnv } from './parse-env';
import { eventRetentionFromEnv, retentionEnv } from './retention-env';
import { parseServiceEnv } from './service-config';

const HOUR_MS = 3_600_000;

describe('retention settings', () => {
  it('defaults to a day of outbox, a week of streams and eight days of inbox', () => {
    expect(eventRetentionFromEnv(parseEnv(retentionEnv, {}))).toEqual({
      publishedOutboxMs: 24 * HOUR_MS,
      streamMaxAgeMs: 7 * 24 * HOUR_MS,
      inboxMs: 8 * 24 * HOUR_MS,
      pruneIntervalMs: 600_000,
      pruneBatchSize: 1000,
    });
  });

  it('keeps the inbox a day longer than the configured stream max_age', () => {
    const retention = eventRetentionFromEnv(
      parseEnv(retentionEnv, {
        OUTBOX_RETENTION_HOURS: '2',
        EVENT_STREAM_MAX_AGE_HOURS: '12',
        EVENT_PRUNE_INTERVAL_SECONDS: '30',
      }),
    );

    expect(retention).toMatchObject({
      publishedOutboxMs: 2 * HOUR_MS,
      streamMaxAgeMs: 12 * HOUR_MS,
      inboxMs: 36 * HOUR_MS,
      pruneIntervalMs: 30_000,
    });
  });

  it('refuses a retention that is zero, negative or shorter than the duplicate window', () => {
    const parse = () =>
      parseEnv(retentionEnv, {
        OUTBOX_RETENTION_HOURS: '-1',
        EVENT_STREAM_MAX_AGE_HOURS: '0.1',
        EVENT_PRUNE_INTERVAL_SECONDS: '0',
      });

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/OUTBOX_RETENTION_HOURS/);
    expect(parse).toThrow(/EVENT_STREAM_MAX_AGE_HOURS/);
    expect(parse).toThrow(/EVENT_PRUNE_INTERVAL_SECONDS/);
  });

  it("is part of every service's event bus settings", () => {
    const { base } = parseServiceEnv(
      'catalog',
      z.object({}),
      { NODE_ENV: 'test', OUTBOX_RETENTION_HOURS: '6' },
      () => 0,
    );

    expect(base.nats.retention.publishedOutboxMs).toBe(6 * HOUR_MS);
  });
});
