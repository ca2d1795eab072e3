import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** Secrets the payments service gets in tests: any `sk_test_` key works against the fake. */
export const TEST_STRIPE_KEY = 'sk_test_bazaar_fake';
export const TEST_WEBHOOK_SECRET = 'whsec_bazaar_test_secret';

/** One API call the SDK made, with its form parameters decoded into nested objects. */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
}

type StripeObject = Record<string, unknown> & { id: string };
interface FormLine {
  quantity: string;
  price_data: { unit_amount: string; currency: string };
}

/** Stripe's most per page of a list; its default when no `limit` is given is 10. */
const MAX_PAGE = 100;

/**
 * A local Stripe API for the real SDK: just the calls payments makes (checkout sessions: create,
 * retrieve, expire; refunds: create, list by payment intent). The same Idempotency-Key answers
 * the same object, as Stripe does, until {@link forgetIdempotencyKeys}. Every request is
 * recorded for assertions (a GET's query as its params).
 */
export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  /** The status new refunds get: `succeeded` at once, or `pending` until a webhook says more. */
  refundStatus: 'succeeded' | 'pending' = 'succeeded';
  /** When set, refunds are refused as Stripe refuses them (400 `invalid_request_error`). */
  refuseRefunds: string | null = null;
  /**
   * Stripe's refusals of refunds beyond what is left of a paid charge, oldest first: as at Stripe,
   * a charge is never refunded more than it took (a second full refund is refused).
   */
  readonly refundRefusals: string[] = [];
  /**
   * When set, refund calls fail as in an outage. A 5xx status answers every refunds call (create
   * and list) from in front of Stripe's API: the request never ran, nothing is saved under its
   * Idempotency-Key, a later call runs. `answer-lost` carries a refund's creation out and saves
   * it under its key, then drops the connection before answering, so only a call with the same
   * key, or a list of the payment intent's refunds, learns of it.
   */
  refundOutage: 500 | 502 | 503 | 'answer-lost' | null = null;
  private readonly idempotent = new Map<string, { status: number; body: unknown }>();
  private server: Server | null = null;
  private counter = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The env that points payments at this server. */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: TEST_STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      STRIPE_API_URL: this.url,
    };
  }

  /** Requests to `path` (e.g. `/v1/refunds`), oldest first. */
  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** The checkout session opened for `orderId`, if any. */
  sessionOf(orderId: string): StripeObject | undefined {
    return [...this.sessions.values()].find(
      (session) => (session.metadata as Record<string, string>).orderId === orderId,
    );
  }

  /** Pays a session as the customer would on Stripe's page: complete, with a payment intent. */
  pay(sessionId: string, paymentStatus: 'paid' | 'unpaid' = 'paid'): StripeObject {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    Object.assign(session, {
      status: 'complete',
      payment_status: paymentStatus,
      payment_intent: session.payment_intent ?? `pi_test_${++this.counter}`,
    });
    return { ...session };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const [path, query = ''] = (req.url ?? '').split('?');
    const method = req.method ?? 'GET';
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const params = decodeForm(method === 'GET' ? query : Buffer.concat(chunks).toString('utf8'));
    this.requests.push({ method, path, idempotencyKey, params });
    const refundCall = method === 'POST' && path === '/v1/refunds';
    if (path === '/v1/refunds' && typeof this.refundOutage === 'number') {
      res.writeHead(this.refundOutage, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: 'Service unavailable' } }));
      return;
    }
    const cacheKey = idempotencyKey && `${method} ${path} ${idempotencyKey}`;
    const cached = cacheKey ? this.idempotent.get(cacheKey) : undefined;
    const answer = cached ?? this.route(method, path, params);
    if (cacheKey && !cached) this.idempotent.set(cacheKey, answer);
    if (refundCall && this.refundOutage === 'answer-lost') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': `req_${randomUUID()}`,
    });
    res.end(JSON.stringify(answer.body));
  }

  /** As if 24 hours had passed: Stripe no longer knows any Idempotency-Key it was sent. */
  forgetIdempotencyKeys(): void {
    this.idempotent.clear();
  }

  /**
   * Makes a refund at Stripe that payments did not hear of (a call whose answer never arrived, or
   * someone in Stripe's dashboard), as `POST /v1/refunds` with `params` would.
   */
  makeRefund(params: {
    payment_intent: string;
    amount: number;
    metadata?: Record<string, string>;
  }): StripeObject {
    const refusal = this.overRefund(params.payment_intent, params.amount);
    if (refusal) throw new Error(`Stripe would refuse this refund: ${refusal}`);
    return this.createRefund({ ...params, amount: String(params.amount) });
  }

  /**
   * Stripe's refusal of a refund beyond what is left of the charge (pending and succeeded refunds
   * count), in its words; null when it fits, or the payment intent was never paid here.
   */
  private overRefund(paymentIntent: unknown, amount: number): string | null {
    const session = [...this.sessions.values()].find(
      (candidate) => candidate.payment_intent === paymentIntent,
    );
    if (!session) return null;
    const charged = Number(session.amount_total);
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.payment_intent === paymentIntent)
      .filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled')
      .reduce((sum, refund) => sum + Number(refund.amount), 0);
    if (refunded >= charged)
      return `Charge for ${String(paymentIntent)} has already been refunded.`;
    if (amount > charged - refunded) {
      return `Refund amount (${amount}) is greater than unrefunded amount on charge (${charged - refunded})`;
    }
    return null;
  }

  private route(
    method: string,
    path: string,
    params: Record<string, unknown>,
  ): { status: number; body: unknown } {
    const expire = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/);
    const one = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const session = this.createSession(params);
      return { status: 200, body: session };
    }
    if (method === 'POST' && expire) {
      const session = this.sessions.get(expire[1]);
      if (!session) return notFound(expire[1]);
      if (session.status !== 'open') {
        return invalid(`Only Checkout Sessions with a status in ["open"] can be expired.`);
      }
      session.status = 'expired';
      return { status: 200, body: session };
    }
    if (method === 'GET' && one) {
      const session = this.sessions.get(one[1]);
      return session ? { status: 200, body: session } : notFound(one[1]);
    }
    if (method === 'POST' && path === '/v1/refunds' && this.refuseRefunds) {
      return invalid(this.refuseRefunds);
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const refusal = this.overRefund(params.payment_intent, Number(params.amount));
      if (refusal) {
        this.refundRefusals.push(refusal);
        return invalid(refusal);
      }
      return { status: 200, body: this.createRefund(params) };
    }
    if (method === 'GET' && path === '/v1/refunds') return this.listRefunds(params);
    return notFound(path);
  }

  private createRefund(params: Record<string, unknown>): StripeObject {
    const session = [...this.sessions.values()].find(
      (candidate) => candidate.payment_intent === params.payment_intent,
    );
    const refund: StripeObject = {
      id: `re_test_${++this.counter}`,
      object: 'refund',
      amount: Number(params.amount),
      currency: session?.currency ?? 'usd',
      payment_intent: params.payment_intent,
      status: this.refundStatus,
      metadata: params.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
    };
    this.refunds.set(refund.id, refund);
    return refund;
  }

  /**
   * `GET /v1/refunds`: newest first, `limit` per page (1–100, default 10), `starting_after` the
   * last id of the previous page, filtered by `payment_intent` (an unknown one is 404, as at
   * Stripe); Stripe's list object around them.
   */
  private listRefunds(params: Record<string, unknown>): { status: number; body: unknown } {
    const limit = params.limit === undefined ? 10 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      return invalid(`Invalid integer: ${String(params.limit)}`);
    }
    const intent = params.payment_intent as string | undefined;
    const all = [...this.refunds.values()]
      .reverse()
      .filter((refund) => !intent || refund.payment_intent === intent);
    // Stripe knows a payment intent once a session is paid with it; here also once refunded.
    const known = [...this.sessions.values()].some((session) => session.payment_intent === intent);
    if (intent && !known && !all.length) return notFound(intent);
    const after = params.starting_after as string | undefined;
    const start = after ? all.findIndex((refund) => refund.id === after) + 1 : 0;
    if (after && start === 0) return notFound(after);
    const data = all.slice(start, start + limit);
    return {
      status: 200,
      body: { object: 'list', url: '/v1/refunds', has_more: start + limit < all.length, data },
    };
  }

  private createSession(params: Record<string, unknown>): StripeObject {
    const id = `cs_test_${++this.counter}${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const lines = (params.line_items as FormLine[] | undefined) ?? [];
    const session: StripeObject = {
      id,
      object: 'checkout.session',
      mode: params.mode,
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      url: `https://checkout.stripe.test/c/pay/${id}`,
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      metadata: params.metadata ?? {},
      expires_at: Number(params.expires_at),
      currency: lines[0]?.price_data?.currency ?? 'usd',
      amount_total: lines.reduce(
        (sum, line) => sum + Number(line.price_data.unit_amount) * Number(line.quantity),
        0,
      ),
    };
    this.sessions.set(id, session);
    return session;
  }
}

/** A Stripe event around `object`, as Stripe posts it to a webhook endpoint. */
export function stripeEvent(type: string, object: Record<string, unknown>, id?: string) {
  return {
    id: id ?? `evt_test_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** A `Stripe-Signature` header for `payload`, made by the SDK's own test helper. */
export function signPayload(payload: string, secret = TEST_WEBHOOK_SECRET): string {
  return new Stripe(TEST_STRIPE_KEY).webhooks.generateTestHeaderString({ payload, secret });
}

/**
 * Posts an event to the gateway's `/webhooks/stripe`, signed unless `signature` is given
 * (`null` sends none). `gatewayUrl` is the system's `/graphql` URL.
 */
export async function deliverWebhook(
  gatewayUrl: string,
  event: object,
  options: { signature?: string | null; secret?: string } = {},
): Promise<Response> {
  const payload = JSON.stringify(event);
  const signature =
    options.signature === undefined ? signPayload(payload, options.secret) : options.signature;
  return fetch(`${new URL(gatewayUrl).origin}/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
    },
    body: payload,
  });
}

function notFound(what: string) {
  return invalid(`No such object: '${what}'`, 404);
}

function invalid(message: string, status = 400) {
  return { status, body: { error: { type: 'invalid_request_error', message } } };
}

/** Decodes Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
function decodeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}
