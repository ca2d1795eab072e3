import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import { devConveniencesAllowed } from '../../lib/config/node-env';
import { ConfigError, type Env } from '../../lib/config/parse-env';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';
import type { RetryPolicy } from '../../lib/events/consumer';

const mailerEnv = z.object({
  /** Health and readiness only. Default 4006. */
  MAILER_PORT: port(4006),
  /** SMTP relay, e.g. `smtp://user:pass@relay:587`. Required in production; default `smtp://127.0.0.1:1025` in development and test. */
  SMTP_URL: z.url().optional(),
  /** Sender of every email. Default `Bazaar <no-reply@bazaar.local>`. */
  MAIL_FROM: z.string().min(3).default('Bazaar <no-reply@bazaar.local>'),
  /** Base of links in emails (the storefront). Default `http://localhost:4000`. */
  PUBLIC_URL: z.url().default('http://localhost:4000'),
  /** Attempts per email before it is dead-lettered. Default 12 (about an hour with backoff). */
  MAILER_MAX_DELIVER: z.coerce.number().int().min(1).default(12),
  /** First retry delay after an SMTP failure, doubled each time. Default 2000 ms. */
  MAILER_RETRY_BASE_MS: z.coerce.number().int().min(1).default(2000),
  /** Longest retry delay. Default 600000 ms (10 minutes). */
  MAILER_RETRY_MAX_MS: z.coerce.number().int().min(1).default(600_000),
  /**
   * Days an `email_deliveries` row (address, subject, status) is kept after its last attempt; at
   * least 1, so an event still being retried never loses its record of what was sent. Default 30.
   */
  EMAIL_DELIVERY_RETENTION_DAYS: z.coerce.number().min(1).default(30),
});

export interface MailerConfig extends ServiceConfig {
  smtpUrl: string;
  mailFrom: string;
  publicUrl: string;
  retry: RetryPolicy;
  /** How long a delivery row is kept after its last attempt (EMAIL_DELIVERY_RETENTION_DAYS). */
  deliveryRetentionMs: number;
}

export function mailerConfigFromEnv(env: Env): MailerConfig {
  const { base, parsed } = parseServiceEnv('mailer', mailerEnv, env, (p) => p.MAILER_PORT, [
    'SMTP_URL',
  ]);
  if (!parsed.SMTP_URL && !devConveniencesAllowed(base.nodeEnv)) {
    // parseServiceEnv reports this with everything else first; a guard, not a path.
    throw new ConfigError([{ variable: 'SMTP_URL', message: 'required in production' }]);
  }
  return {
    ...base,
    smtpUrl: parsed.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    mailFrom: parsed.MAIL_FROM,
    publicUrl: parsed.PUBLIC_URL.replace(/\/$/, ''),
    retry: {
      maxDeliver: parsed.MAILER_MAX_DELIVER,
      baseDelayMs: parsed.MAILER_RETRY_BASE_MS,
      maxDelayMs: parsed.MAILER_RETRY_MAX_MS,
    },
    deliveryRetentionMs: parsed.EMAIL_DELIVERY_RETENTION_DAYS * 24 * 3_600_000,
  };
}
