import { Counter, type Registry } from 'prom-client';
import { SessionMismatchError } from './services/checkout-session-match';
import type { WebhookService } from './services/webhook.service';

type Webhooks = Pick<WebhookService, 'handle'>;

/**
 * Wraps the webhook service so that every verified Stripe event is counted in
 * `bazaar_payments_webhook_events_total{outcome}`: `applied`, `duplicate` (seen before),
 * `mismatch` (does not match its payment: refused with 400) or `failed` (500, Stripe retries).
 * Events with a bad signature never reach the service; the route logs them.
 */
export function countingWebhookOutcomes(webhooks: Webhooks, registry: Registry): Webhooks {
  const events = new Counter({
    name: 'bazaar_payments_webhook_events_total',
    help: 'Verified Stripe webhook events by outcome (applied, duplicate, mismatch, failed)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    handle: async (event) => {
      try {
        const applied = await webhooks.handle(event);
        events.inc({ outcome: applied ? 'applied' : 'duplicate' });
        return applied;
      } catch (error) {
        events.inc({ outcome: error instanceof SessionMismatchError ? 'mismatch' : 'failed' });
        throw error;
      }
    },
  };
}
