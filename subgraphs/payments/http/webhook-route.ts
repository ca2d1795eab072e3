import express, { type Express } from 'express';
import type Stripe from 'stripe';
import type { Logger } from '../../../lib/logger';
import type { WebhookService } from '../services/webhook.service';

export interface WebhookRouteOptions {
  /** Any Stripe client: only its signature check is used. */
  stripe: Stripe;
  webhookSecret: string;
  webhooks: WebhookService;
  logger: Logger;
}

/**
 * `POST /webhooks/stripe`: the signature over the raw body is the only guard, so the body is
 * kept as bytes. Bad or missing signature: 400 and nothing written. A duplicate: 200.
 */
export function addStripeWebhookRoute(app: Express, options: WebhookRouteOptions): void {
  app.post('/webhooks/stripe', express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const signature = req.header('stripe-signature');
    let event: Stripe.Event;
    try {
      if (!signature || !Buffer.isBuffer(req.body)) throw new Error('no signed body');
      event = options.stripe.webhooks.constructEvent(req.body, signature, options.webhookSecret);
    } catch (error) {
      options.logger.warn({ err: error }, 'Stripe webhook with a bad signature refused');
      res.status(400).json({ error: 'invalid signature' });
      return;
    }
    try {
      const handled = await options.webhooks.handle(event);
      res.json({ received: true, duplicate: !handled });
    } catch (error) {
      // 500 makes Stripe retry; the event id was rolled back with the effect.
      options.logger.error({ err: error, eventId: event.id }, 'Stripe webhook failed');
      res.status(500).json({ error: 'could not process the event' });
    }
  });
}
