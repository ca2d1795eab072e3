import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../lib/logger';

/** Request headers a forwarded call keeps; the Stripe signature covers the body byte for byte. */
const FORWARDED_HEADERS = ['content-type', 'stripe-signature', 'accept'];
/**
 * Response headers passed back: `location` keeps the dev checkout's redirects working; the dev
 * page's URL carries its token, which `cache-control` and `referrer-policy` keep to the browser.
 */
const RETURNED_HEADERS = ['content-type', 'location', 'cache-control', 'referrer-policy'];

export interface WebhookForwardingOptions {
  /**
   * Whether the dev checkout pages (`/dev/checkout/*`) are forwarded too: true outside
   * production only, so a deployment never exposes them even if payments serves them.
   */
  devCheckout: boolean;
  logger: Logger;
}

/**
 * Routes the payments service answers at the gateway's public address: `POST /webhooks/stripe`
 * (the URL to give Stripe, in every mode) and, outside production, the dev checkout pages under
 * `/dev/checkout/`. The body travels as raw bytes, so Stripe's signature still verifies in
 * payments. `paymentsUrl` is the payments subgraph's GraphQL URL (`PAYMENTS_URL`); its origin
 * receives the forwarded path. Without it the routes are not served. Nothing here logs a body:
 * anyone can post one, and payments logs its refusals (reason and size).
 */
export function webhookForwardingRouter(
  paymentsUrl: string | undefined,
  options: WebhookForwardingOptions,
): Router {
  const router = Router();
  if (!paymentsUrl) return router;
  const origin = new URL(paymentsUrl).origin;
  const raw = express.raw({ type: () => true, limit: '1mb' });
  const forward = async (req: Request, res: Response) => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.header(name);
      if (value) headers[name] = value;
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && Buffer.isBuffer(req.body);
    try {
      const answer = await fetch(`${origin}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: hasBody ? new Uint8Array(req.body as Buffer) : undefined,
        redirect: 'manual',
      });
      res.status(answer.status);
      for (const name of RETURNED_HEADERS) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      // The path only: a dev checkout URL's query holds its token.
      const reason = error instanceof Error ? error.message : 'unknown';
      options.logger.warn({ path: req.path, reason }, 'payments unreachable for a forwarded call');
      res.status(502).json({ error: 'the payments service is unreachable' });
    }
  };
  router.post('/webhooks/stripe', raw, forward);
  if (options.devCheckout) {
    router.get('/dev/checkout/{*rest}', forward);
    router.post('/dev/checkout/{*rest}', raw, forward);
  }
  return router;
}
