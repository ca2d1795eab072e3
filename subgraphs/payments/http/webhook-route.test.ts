import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import Stripe from 'stripe';
import { SessionMismatchError } from '../services/checkout-session-match';
import { addStripeWebhookRoute } from './webhook-route';

const SECRET = 'whsec_route_test';
const stripe = new Stripe('sk_test_route');

/** The route on its own, with a logger whose lines this test reads. */
async function startRoute(handle: () => Promise<boolean>) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const handled: Stripe.Event[] = [];
  const app = express();
  addStripeWebhookRoute(app, {
    stripe,
    webhookSecret: SECRET,
    logger,
    webhooks: {
      handle: (event) => {
        handled.push(event);
        return handle();
      },
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { lines, handled, post, close };
}

/** A 900 KB body with a marker that must never reach a log line. */
const MARKER = 'BODY-MARKER-7f3a';
const bigBody = () => JSON.stringify({ id: 'evt_big', pad: `${MARKER}${'x'.repeat(900 * 1024)}` });

describe('the Stripe webhook route', () => {
  let route: Awaited<ReturnType<typeof startRoute>>;
  let outcome: () => Promise<boolean>;
  beforeAll(async () => {
    route = await startRoute(() => outcome());
  });
  beforeEach(() => {
    route.lines.length = 0;
    route.handled.length = 0;
    outcome = async () => true;
  });
  afterAll(() => route.close());

  const logged = () => route.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs the reason and the size of a 900 KB body with a bad signature, never the body', async () => {
    const body = bigBody();
    const answer = await route.post(body, { 'stripe-signature': `t=${Date.now()},v1=abc` });
    expect(answer.status).toBe(400);
    expect(route.handled).toEqual([]);
    expect(logged()).toEqual([
      expect.objectContaining({
        msg: 'Stripe webhook refused',
        reason: 'No signatures found matching the expected signature for payload',
        bodyBytes: Buffer.byteLength(body),
      }),
    ]);
    const written = route.lines.join('');
    expect(written).not.toContain(MARKER);
    expect(written.length).toBeLessThan(1024);
  });

  it('logs the reason and the size of a body without a signature, never the body', async () => {
    const body = bigBody();
    expect((await route.post(body)).status).toBe(400);
    expect(logged()).toEqual([
      expect.objectContaining({ reason: 'no stripe-signature header', bodyBytes: body.length }),
    ]);
    expect(route.lines.join('')).not.toContain(MARKER);
  });

  it('answers a body over 1 MB with a JSON 413 and logs its declared size only', async () => {
    const body = `${MARKER}${'x'.repeat(1024 * 1024 + 1)}`;
    const answer = await route.post(body, { 'stripe-signature': 't=1,v1=abc' });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({ error: 'body too large' });
    expect(logged()).toEqual([
      expect.objectContaining({ reason: 'entity.too.large', bodyBytes: body.length }),
    ]);
    expect(route.lines.join('')).not.toContain(MARKER);
  });

  it('answers 400 to an event that does not match its payment and logs the reason only', async () => {
    outcome = async () => {
      throw new SessionMismatchError("amount is not the payment's amount");
    };
    const payload = JSON.stringify({ id: 'evt_short', object: 'event', type: 'x', pad: MARKER });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const answer = await route.post(payload, { 'stripe-signature': signature });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'the event does not match the payment' });
    expect(logged()).toEqual([
      expect.objectContaining({
        reason: "amount is not the payment's amount",
        eventId: 'evt_short',
        bodyBytes: payload.length,
      }),
    ]);
    expect(route.lines.join('')).not.toContain(MARKER);
  });

  it('passes a correctly signed event to the webhook service', async () => {
    const payload = JSON.stringify({ id: 'evt_ok', object: 'event', type: 'x' });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const answer = await route.post(payload, { 'stripe-signature': signature });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true, duplicate: false });
    expect(route.handled.map((event) => event.id)).toEqual(['evt_ok']);
  });
});
