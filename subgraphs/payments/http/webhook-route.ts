import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import Stripe from 'stripe';
import type { Logger } from '../../../lib/logger';
import { SessionMismatchError } from '../services/checkout-session-match';
import { MalformedEventError, type WebhookService } from '../services/webhook.service';

export interface WebhookRouteOptions {
  /** Any Stripe client: only its signature check is used. */
  stripe: Stripe;
  webhookSecret: string;
  webhooks: Pick<WebhookService, 'handle'>;
  logger: Logger;
}

/** Stripe's own limit on an event is far lower; anything bigger is not from Stripe. */
const BODY_LIMIT = '1mb';

/**
 * `POST /webhooks/stripe`: the signature over the raw body is the only guard, so the body is
 * kept as bytes. Bad or missing signature: 400 and nothing written. An event that does not match
 * its payment (session, order, amount, currency), or whose id is not of Stripe's form: 400 and
 * nothing written. A duplicate: 200.
 * Anyone can post here, so a refusal logs why and how many bytes came, never the body: the
 * SDK's verification error carries the whole payload, so it is not logged either.
 */
export function addStripeWebhookRoute(app: Express, options: WebhookRouteOptions): void {
  const { logger } = options;
  app.post(
    '/webhooks/stripe',
    express.raw({ type: '*/*', limit: BODY_LIMIT }),
    async (req: Request, res: Response) => {
      const body: unknown = req.body;
      const bodyBytes = Buffer.isBuffer(body) ? body.length : 0;
      const signature = req.header('stripe-signature');
      let event: Stripe.Event;
      try {
        if (!signature || !Buffer.isBuffer(body)) throw new Error('no signed body');
        event = options.stripe.webhooks.constructEvent(body, signature, options.webhookSecret);
      } catch (error) {
        logger.warn({ reason: signatureFailure(error), bodyBytes }, 'Stripe webhook refused');
        res.status(400).json({ error: 'invalid signature' });
        return;
      }
      try {
        const handled = await options.webhooks.handle(event);
        res.json({ received: true, duplicate: !handled });
      } catch (error) {
        if (error instanceof SessionMismatchError) {
          const { id: eventId, type } = event;
          logger.warn({ reason: error.reason, eventId, type, bodyBytes }, 'Stripe webhook refused');
          res.status(400).json({ error: 'the event does not match the payment' });
          return;
        }
        if (error instanceof MalformedEventError) {
          // The id is not logged: it is what was wrong with the event.
          logger.warn(
            { reason: 'malformed event id', type: event.type, bodyBytes },
            'Stripe webhook refused',
          );
          res.status(400).json({ error: 'malformed event' });
          return;
        }
        // 500 makes Stripe retry; the event id was rolled back with the effect.
        logger.error({ err: error, eventId: event.id }, 'Stripe webhook failed');
        res.status(500).json({ error: 'could not process the event' });
      }
    },
    unreadableBody(logger),
  );
}

/**
 * Why a signature check failed, in words of the SDK's fixed messages (their first sentence) or
 * ours: never the error itself, whose `payload` and `header` are the request's.
 */
function signatureFailure(error: unknown): string {
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    return error.message.split(/[.\n]/)[0].slice(0, 120);
  }
  return error instanceof Error && error.message === 'no signed body'
    ? 'no stripe-signature header'
    : 'unreadable event';
}

/**
 * A body the parser refused (over the limit, unknown encoding, aborted): a JSON 4xx with the
 * declared size in the log, instead of Express's HTML error page.
 */
function unreadableBody(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    const reason = String((error as { type?: unknown }).type ?? 'unreadable body');
    const bodyBytes = Number(req.header('content-length')) || null;
    logger.warn({ reason, bodyBytes }, 'Stripe webhook refused');
    res.status(status).json({ error: status === 413 ? 'body too large' : 'unreadable body' });
  };
}
