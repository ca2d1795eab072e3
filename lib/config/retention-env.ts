import { z } from 'zod';
import { DEFAULT_EVENT_RETENTION, eventRetention, type EventRetention } from '../events/retention';

const HOUR_MS = 3_600_000;

/** How long every service keeps event bookkeeping; one value per deployment (see retention.ts). */
export const retentionEnv = z.object({
  /**
   * Hours a published outbox row is kept before it is deleted; unpublished rows are never deleted.
   * Default 24.
   */
  OUTBOX_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .default(DEFAULT_EVENT_RETENTION.publishedOutboxMs / HOUR_MS),
  /**
   * Hours JetStream keeps a message in every stream (the streams' `max_age`), applied to existing
   * streams at start. Inbox rows are kept one day longer, so a redelivered event is still
   * recognised. At least 1 (the duplicate window is 10 minutes). Default 168 (7 days).
   */
  EVENT_STREAM_MAX_AGE_HOURS: z.coerce
    .number()
    .min(1)
    .default(DEFAULT_EVENT_RETENTION.streamMaxAgeMs / HOUR_MS),
  /** Seconds between pruning rounds of the outbox and the inbox. Default 600. */
  EVENT_PRUNE_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_EVENT_RETENTION.pruneIntervalMs / 1000),
});

/** The retention the parsed variables describe. */
export function eventRetentionFromEnv(parsed: z.infer<typeof retentionEnv>): EventRetention {
  return eventRetention({
    publishedOutboxMs: parsed.OUTBOX_RETENTION_HOURS * HOUR_MS,
    streamMaxAgeMs: parsed.EVENT_STREAM_MAX_AGE_HOURS * HOUR_MS,
    pruneIntervalMs: parsed.EVENT_PRUNE_INTERVAL_SECONDS * 1000,
    pruneBatchSize: DEFAULT_EVENT_RETENTION.pruneBatchSize,
  });
}
