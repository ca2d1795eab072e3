import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import pino from 'pino';
import { webhookForwardingRouter } from './webhook-forwarding';

interface Received {
  method: string;
  url: string;
  bytes: number;
}

async function listenOn(app: Express): Promise<{ origin: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A stand-in for payments that records what reaches it and refuses every webhook. */
async function startPayments() {
  const received: Received[] = [];
  const app = express();
  app.use(express.raw({ type: () => true, limit: '2mb' }), (req, res) => {
    received.push({ method: req.method, url: req.originalUrl, bytes: req.body?.length ?? 0 });
    if (req.path === '/webhooks/stripe') res.status(400).json({ error: 'invalid signature' });
    else res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).send('page');
  });
  return { received, ...(await listenOn(app)) };
}

/** A gateway with only the forwarding router, logging to lines this test reads. */
async function startGateway(paymentsUrl: string, devCheckout: boolean) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const app = express();
  app.use(webhookForwardingRouter(paymentsUrl, { devCheckout, logger }));
  return { lines, ...(await listenOn(app)) };
}

describe('webhook forwarding at the gateway', () => {
  let payments: Awaited<ReturnType<typeof startPayments>>;
  let production: Awaited<ReturnType<typeof startGateway>>;
  let development: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    payments = await startPayments();
    production = await startGateway(`${payments.origin}/graphql`, false);
    development = await startGateway(`${payments.origin}/graphql`, true);
  });
  beforeEach(() => {
    payments.received.length = 0;
  });
  afterAll(async () => {
    await Promise.all([production.close(), development.close(), payments.close()]);
  });

  it('does not forward the dev checkout pages in production', async () => {
    const page = await fetch(`${production.origin}/dev/checkout/cs_dev_x?token=t`);
    const pay = await fetch(`${production.origin}/dev/checkout/cs_dev_x/pay`, {
      method: 'POST',
      body: 'token=t',
    });
    expect([page.status, pay.status]).toEqual([404, 404]);
    expect(payments.received).toEqual([]);
  });

  it('forwards the dev checkout pages outside production, with the headers that keep the token private', async () => {
    const page = await fetch(`${development.origin}/dev/checkout/cs_dev_x?token=t`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    await fetch(`${development.origin}/dev/checkout/cs_dev_x/pay`, {
      method: 'POST',
      body: 'token=t',
    });
    expect(payments.received).toEqual([
      { method: 'GET', url: '/dev/checkout/cs_dev_x?token=t', bytes: 0 },
      { method: 'POST', url: '/dev/checkout/cs_dev_x/pay', bytes: 7 },
    ]);
  });

  it('forwards webhooks in every mode, and logs nothing of a 900 KB refused body', async () => {
    const marker = 'BODY-MARKER-51c2';
    const body = `${marker}${'x'.repeat(900 * 1024)}`;
    for (const gateway of [production, development]) {
      const answer = await fetch(`${gateway.origin}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
        body,
      });
      expect(answer.status).toBe(400);
      expect(gateway.lines.join('')).not.toContain(marker);
    }
    expect(payments.received).toEqual([
      { method: 'POST', url: '/webhooks/stripe', bytes: body.length },
      { method: 'POST', url: '/webhooks/stripe', bytes: body.length },
    ]);
  });

  it('answers 502 when payments is unreachable, logging the path without the token', async () => {
    const orphan = await startGateway('http://127.0.0.1:9/graphql', true);
    const answer = await fetch(`${orphan.origin}/dev/checkout/cs_dev_x?token=secret-token`);
    expect(answer.status).toBe(502);
    expect(orphan.lines.join('')).toContain('/dev/checkout/cs_dev_x');
    expect(orphan.lines.join('')).not.toContain('secret-token');
    await orphan.close();
  });
});
