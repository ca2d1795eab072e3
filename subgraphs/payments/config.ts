import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import { devConveniencesAllowed } from '../../lib/config/node-env';
import { ConfigError, type Env } from '../../lib/config/parse-env';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';

/**
 * The webhook secret of the dev provider, in development and test only: it is public (it is in the
 * source), so anyone could sign a webhook with it. Stripe's own secret replaces it.
 */
export const DEV_WEBHOOK_SECRET = 'whsec_bazaar_dev_not_for_production';

const paymentsEnv = z.object({
  /** Default 4005. */
  PAYMENTS_PORT: port(4005),
  /** Stripe secret key; required in production. Without it (development and test) the dev provider serves a local checkout page. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Signing secret of the Stripe webhook endpoint; required with STRIPE_SECRET_KEY and in production. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Where the Stripe SDK sends its requests (a local fake in tests). Default Stripe's API. */
  STRIPE_API_URL: z.url().optional(),
  /** The gateway's public address, for success, cancel and dev checkout URLs. Default `http://localhost:4000`. */
  PUBLIC_URL: z.url().default('http://localhost:4000'),
});

export interface PaymentsConfig extends ServiceConfig {
  /** null: the dev provider. */
  stripe: { secretKey: string; apiUrl: string | null } | null;
  webhookSecret: string;
  publicUrl: string;
}

export function paymentsConfigFromEnv(env: Env): PaymentsConfig {
  const { base, parsed } = parseServiceEnv(
    'payments',
    paymentsEnv.refine((p) => !p.STRIPE_SECRET_KEY || p.STRIPE_WEBHOOK_SECRET, {
      message: 'STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY',
      path: ['STRIPE_WEBHOOK_SECRET'],
    }),
    env,
    (p) => p.PAYMENTS_PORT,
    ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
  );
  if (!devConveniencesAllowed(base.nodeEnv) && !parsed.STRIPE_SECRET_KEY) {
    // parseServiceEnv reports this with everything else first; a guard, not a path.
    throw new ConfigError([{ variable: 'STRIPE_SECRET_KEY', message: 'required in production' }]);
  }
  return {
    ...base,
    stripe: parsed.STRIPE_SECRET_KEY
      ? { secretKey: parsed.STRIPE_SECRET_KEY, apiUrl: parsed.STRIPE_API_URL ?? null }
      : null,
    webhookSecret: parsed.STRIPE_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
    publicUrl: parsed.PUBLIC_URL.replace(/\/$/, ''),
  };
}
