import { readdirSync } from 'node:fs';
import { SECRET_HEADER } from '../../lib/auth/caller';
import { DEMO_PASSWORD } from '../../launcher/demo-world';
import { DEV_WEBHOOK_SECRET } from '../../subgraphs/payments/config';
import { signUp, type SignedIn } from '../support/accounts';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import { errorCode, graphql } from '../support/graphql-client';
import { placeOrder, statusOf, stockedProduct } from '../support/orders';
import {
  paymentEvents,
  paymentOf,
  waitForPaymentStatus,
  type PaymentRow,
} from '../support/payments';
import {
  runToExit,
  startProductionProcesses,
  type ProcessSystem,
} from '../support/service-processes';
import { temporaryDirectory } from '../support/temporary-directories';

const DEMO_LOGINS = [
  'admin@bazaar.test',
  'tea@bazaar.test',
  'books@bazaar.test',
  'customer@bazaar.test',
];
const DEV_SUBGRAPH_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

describe('the services started as docker-compose.yml starts them (production)', () => {
  const stripe = new FakeStripe();
  let t: ProcessSystem;
  let gateway: string;
  let buyer: SignedIn;
  let order: { id: string };
  let payment: PaymentRow;
  beforeAll(async () => {
    await stripe.start();
    t = await startProductionProcesses(stripe.env());
    gateway = new URL(t.system.gatewayUrl).origin;
    // Registration, the verification email through the mailer, a vendor's stock and an order:
    // the production system works end to end with its real secrets.
    buyer = await signUp(t);
    const vendor = await signUp(t, { role: 'VENDOR' });
    const tea = await stockedProduct(t, vendor, 5, { price: { amount: 890, currency: 'EUR' } });
    order = await placeOrder(t, buyer, [{ productId: tea.product.id, quantity: 2 }]);
    payment = await waitForPaymentStatus(t, order.id, 'OPEN');
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  const urlOf = (service: string) => new URL(t.processes.get(service)!.url);

  it('answers no /dev/* route, at the gateway or at payments', async () => {
    const payments = urlOf('payments').origin;
    const paths = [
      '/dev/mailbox',
      '/dev/mailbox.json',
      '/dev/checkout/cs_dev_anything',
      `/dev/checkout/${payment.checkout_session_id}`,
    ];
    for (const origin of [gateway, payments]) {
      for (const path of paths) {
        const answer = await fetch(`${origin}${path}`);
        expect([path, answer.status]).toEqual([path, 404]);
      }
    }
  });

  it('has no demo accounts: none exists and none logs in with the published password', async () => {
    for (const login of DEMO_LOGINS) {
      const answer = await t.query(
        'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { login, password: DEMO_PASSWORD } },
      );
      expect(errorCode(answer)).toBe('UNAUTHENTICATED');
      expect(answer.data?.login ?? null).toBeNull();
    }
    const rows = await t.sql('users', 'SELECT email FROM users WHERE email = ANY($1)', [
      DEMO_LOGINS,
    ]);
    expect(rows).toEqual([]);
    expect(await t.sql('catalog', 'SELECT slug FROM categories')).toEqual([]);
  });

  it('opens checkouts at Stripe, never with the dev provider', () => {
    const session = stripe.sessionOf(order.id);
    expect(session?.id).toBe(payment.checkout_session_id);
    expect(session?.amount_total).toBe(1780);
    expect(payment.checkout_url).toBe(session?.url);
    expect(payment.checkout_url).not.toContain('/dev/');
  });

  it('refuses a webhook signed with the dev provider’s public secret, and changes nothing', async () => {
    const paid = stripeEvent('checkout.session.completed', {
      ...stripe.sessionOf(order.id)!,
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_forged',
    });
    const answer = await deliverWebhook(t.system.gatewayUrl, paid, { secret: DEV_WEBHOOK_SECRET });
    expect(answer.status).toBe(400);
    expect(await paymentOf(t, order.id)).toEqual(payment);
    expect(await paymentEvents(t, 'payment.succeeded', order.id)).toEqual([]);
    expect(await statusOf(t, order.id)).toBe('AWAITING_PAYMENT');
  });

  it('refuses a correctly signed webhook whose amount is not the payment’s, and changes nothing', async () => {
    const session = { ...stripe.pay(payment.checkout_session_id) };
    const short = stripeEvent('checkout.session.completed', {
      ...session,
      amount_total: Number(session.amount_total) - 1,
    });
    const answer = await deliverWebhook(t.system.gatewayUrl, short);
    expect(answer.status).toBe(400);
    expect(await paymentOf(t, order.id)).toEqual(payment);
    expect(await paymentEvents(t, 'payment.succeeded', order.id)).toEqual([]);
    expect(
      await t.sql('payments', 'SELECT id FROM stripe_events WHERE id = $1', [short.id]),
    ).toEqual([]);
  });

  it('refuses introspection and serves no Sandbox, at the gateway and at each subgraph', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect(errorCode(await t.query(introspection))).toBe('GRAPHQL_VALIDATION_FAILED');
    const landing = await fetch(t.system.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/sandbox/i);
    for (const service of ['users', 'catalog', 'inventory', 'orders', 'payments']) {
      const answer = await graphql(
        t.processes.get(service)!.url,
        introspection,
        {},
        {
          headers: { [SECRET_HEADER]: t.env.SUBGRAPH_SECRET! },
        },
      );
      expect([service, errorCode(answer)]).toEqual([service, 'GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('lets no one reach a subgraph with the dev subgraph secret', async () => {
    for (const service of ['users', 'payments']) {
      const answer = await graphql(
        t.processes.get(service)!.url,
        '{ __typename }',
        {},
        {
          headers: { [SECRET_HEADER]: DEV_SUBGRAPH_SECRET },
        },
      );
      expect([service, answer.status, errorCode(answer)]).toEqual([
        service,
        401,
        'UNAUTHENTICATED',
      ]);
    }
  });

  // Last: it stops the system. Apollo's own signal handler would race the project's shutdown.
  it('stops every process on SIGTERM with exit code 0 within a few seconds', async () => {
    const exits = await Promise.all(
      [...t.processes.values()].map(async (service) => {
        const started = Date.now();
        const exit = await service.stop('SIGTERM');
        return { name: service.name, code: exit.code, fast: Date.now() - started < 10_000 };
      }),
    );
    for (const exit of exits) expect(exit).toEqual({ name: exit.name, code: 0, fast: true });
  });
});

describe('a process started alone with NODE_ENV unset and no secrets', () => {
  it.each([
    ['users', 'subgraphs/users/main.ts', ['SUBGRAPH_SECRET', 'JWT_PRIVATE_KEY']],
    ['catalog', 'subgraphs/catalog/main.ts', ['SUBGRAPH_SECRET']],
    ['inventory', 'subgraphs/inventory/main.ts', ['SUBGRAPH_SECRET']],
    ['orders', 'subgraphs/orders/main.ts', ['SUBGRAPH_SECRET']],
    [
      'payments',
      'subgraphs/payments/main.ts',
      ['SUBGRAPH_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
    ],
    ['mailer', 'workers/mailer/main.ts', ['SUBGRAPH_SECRET', 'SMTP_URL']],
    ['gateway', 'gateway/main.ts', ['SUBGRAPH_SECRET', 'JWT_PUBLIC_KEY']],
  ])('%s exits 1 naming every missing secret at once, without a stack trace', async (...args) => {
    const [, entry, secrets] = args;
    const dataDir = temporaryDirectory('bazaar-alone-');
    const exit = await runToExit(entry, { DATA_DIR: dataDir });
    expect(exit.code).toBe(1);
    for (const secret of secrets)
      expect(exit.stderr).toContain(`${secret}: required in production`);
    expect(exit.stderr).toMatch(/NODE_ENV is unset, which means production/);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    // Nothing generated in its place.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('the launcher with NODE_ENV=production names every service’s missing secrets and starts nothing', async () => {
    const dataDir = temporaryDirectory('bazaar-alone-');
    const exit = await runToExit('launcher/main.ts', {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
    });
    expect(exit.code).toBe(1);
    for (const secret of [
      'SUBGRAPH_SECRET',
      'JWT_PRIVATE_KEY',
      'JWT_PUBLIC_KEY',
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'SMTP_URL',
    ])
      expect(exit.stderr).toContain(`${secret}: required in production`);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
