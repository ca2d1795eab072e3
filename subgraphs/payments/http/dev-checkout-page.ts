import { randomUUID } from 'node:crypto';
import express, { type Express, type Response } from 'express';
import type Stripe from 'stripe';
import type { Logger } from '../../../lib/logger';
import { formatMoney } from '../../../lib/money';
import type { Payment } from '../entities/payment.entity';
import type { PaymentQueryService } from '../services/payment-queries.service';

export interface DevCheckoutOptions {
  stripe: Stripe;
  webhookSecret: string;
  payments: Pick<PaymentQueryService, 'byCheckoutToken'>;
  logger: Logger;
  /** Where the links back to the shop point (the success and cancel URLs Stripe would use). */
  publicUrl: string;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The dev provider's checkout (no Stripe key): `/dev/checkout/<session>?token=<token>` shows the
 * amount with Pay and Fail buttons. Session ids are random and the token is in the URL only the
 * order's customer reads (`Payment.checkoutUrl`); without both, page and buttons answer 404 and
 * change nothing. Each button posts its token here; the handler signs a Stripe-format event with
 * the webhook secret and posts it to this service's own `/webhooks/stripe`, so the dev flow runs
 * through exactly the code a real Stripe webhook does.
 */
export function addDevCheckoutPage(app: Express, options: DevCheckoutOptions): void {
  app.get('/dev/checkout/:sessionId', async (req, res) => {
    const payment = await options.payments.byCheckoutToken(req.params.sessionId, req.query.token);
    if (!payment) return noSuchSession(res);
    privatePage(res).send(page(payment, req.query.token as string, options.publicUrl));
  });
  app.post(
    '/dev/checkout/:sessionId/:outcome',
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req, res) => {
      const { sessionId, outcome } = req.params;
      const token: unknown = req.body?.token;
      const payment = await options.payments.byCheckoutToken(sessionId, token);
      if (!payment || (outcome !== 'pay' && outcome !== 'fail')) return noSuchSession(res);
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
      const back = `/dev/checkout/${encodeURIComponent(sessionId)}`;
      res.redirect(303, `${back}?token=${encodeURIComponent(token as string)}`);
    },
  );
}

/** One answer for an unknown session and a wrong token, so neither reveals the other. */
function noSuchSession(res: Response): void {
  res.status(404).type('html').send('<h1>No such checkout session</h1>');
}

/** The page's URL carries its token: keep it out of caches and out of Referer headers. */
function privatePage(res: Response): Response {
  return res.type('html').set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
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

/** Back to the order, the way Stripe returns a customer: success once paid, cancel otherwise. */
function backToShop(payment: Payment, publicUrl: string): string {
  const order = encodeURIComponent(payment.orderId);
  if (payment.status === 'PAID') {
    return `<a href="${escape(`${publicUrl}/checkout/success?order=${order}`)}">Back to your order</a>`;
  }
  const label = payment.status === 'OPEN' ? 'Cancel and go back' : 'Back to your order';
  return `<a href="${escape(`${publicUrl}/checkout/cancel?order=${order}`)}">${label}</a>`;
}

function page(payment: Payment, token: string, publicUrl: string): string {
  const amount = escape(formatMoney({ amount: payment.amount, currency: payment.currency }));
  const button = (outcome: 'pay' | 'fail', label: string) =>
    `<form method="post" action="${escape(payment.checkoutSessionId)}/${outcome}">` +
    `<input type="hidden" name="token" value="${escape(token)}"><button>${label}</button></form>`;
  const buttons =
    payment.status === 'OPEN'
      ? `${button('pay', `Pay ${amount}`)}\n  ${button('fail', 'Fail')}`
      : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Dev checkout</title></head>
<body>
  <h1>Dev checkout</h1>
  <p>Order ${escape(payment.orderId)}: ${amount}</p>
  <p>Status: <strong>${payment.status}</strong></p>
  ${buttons}
  <p>${backToShop(payment, publicUrl)}</p>
</body></html>`;
}
