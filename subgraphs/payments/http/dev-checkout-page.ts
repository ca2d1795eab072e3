import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type Stripe from 'stripe';
import type { Logger } from '../../../lib/logger';
import type { Payment } from '../entities/payment.entity';
import type { PaymentService } from '../services/payment.service';

export interface DevCheckoutOptions {
  stripe: Stripe;
  webhookSecret: string;
  payments: PaymentService;
  logger: Logger;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The dev provider's checkout (no Stripe key): `/dev/checkout/<session>` shows the amount with
 * Pay and Fail buttons. Each button posts here; the handler signs a Stripe-format event with the
 * webhook secret and posts it to this service's own `/webhooks/stripe`, so the dev flow runs
 * through exactly the code a real Stripe webhook does.
 */
export function addDevCheckoutPage(app: Express, options: DevCheckoutOptions): void {
  app.get('/dev/checkout/:sessionId', async (req, res) => {
    const payment = await options.payments.bySession(req.params.sessionId);
    if (!payment) {
      res.status(404).type('html').send('<h1>No such checkout session</h1>');
      return;
    }
    res.type('html').send(page(payment));
  });
  app.post(
    '/dev/checkout/:sessionId/:outcome',
    express.urlencoded({ extended: false }),
    async (req, res) => {
      const { sessionId, outcome } = req.params;
      const payment = await options.payments.bySession(sessionId);
      if (!payment || (outcome !== 'pay' && outcome !== 'fail')) {
        res.status(404).type('html').send('<h1>No such checkout session</h1>');
        return;
      }
      const payload = JSON.stringify(sessionEvent(payment, outcome === 'pay'));
      const signature = options.stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.webhookSecret,
      });
      const response = await fetch(`http://127.0.0.1:${req.socket.localPort}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
      if (!response.ok) {
        options.logger.error({ status: response.status, sessionId }, 'dev webhook refused');
        res.status(502).type('html').send('<h1>The webhook refused the event</h1>');
        return;
      }
      res.redirect(303, `/dev/checkout/${encodeURIComponent(sessionId)}`);
    },
  );
}

function sessionEvent(payment: Payment, paid: boolean) {
  return {
    id: `evt_dev_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    type: paid ? 'checkout.session.completed' : 'checkout.session.async_payment_failed',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: payment.checkoutSessionId,
        object: 'checkout.session',
        mode: 'payment',
        status: paid ? 'complete' : 'open',
        payment_status: paid ? 'paid' : 'unpaid',
        payment_intent: `pi_dev_${payment.id.replace(/-/g, '')}`,
        amount_total: payment.amount,
        currency: payment.currency.toLowerCase(),
        metadata: { orderId: payment.orderId },
      },
    },
  };
}

function page(payment: Payment): string {
  const amount = `${(payment.amount / 100).toFixed(2)} ${escape(payment.currency)}`;
  const buttons =
    payment.status === 'OPEN'
      ? `<form method="post" action="${escape(payment.checkoutSessionId)}/pay"><button>Pay ${amount}</button></form>
  <form method="post" action="${escape(payment.checkoutSessionId)}/fail"><button>Fail</button></form>`
      : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Dev checkout</title></head>
<body>
  <h1>Dev checkout</h1>
  <p>Order ${escape(payment.orderId)}: ${amount}</p>
  <p>Status: <strong>${payment.status}</strong></p>
  ${buttons}
</body></html>`;
}
