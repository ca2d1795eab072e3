import { generateKeyPairSync } from 'node:crypto';
import { errorCode } from '../support/graphql-client';
import { signUp } from '../support/accounts';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('the gateway with NODE_ENV unset, which is production', () => {
  let t: TestSystem;
  let origin: string;
  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    t = await startTestSystem({
      // Unset, not 'production': a deployment that forgets NODE_ENV must get exactly this.
      NODE_ENV: undefined,
      SUBGRAPH_SECRET: 'a-production-secret-of-enough-length',
      JWT_PRIVATE_KEY: privateKey,
      JWT_PUBLIC_KEY: publicKey,
      // Payments refuses its dev provider in production; nothing here calls Stripe.
      STRIPE_SECRET_KEY: 'sk_live_never_called',
      STRIPE_WEBHOOK_SECRET: 'whsec_production_test',
    });
    origin = new URL(t.system.gatewayUrl).origin;
  });
  afterAll(() => t.stop());

  it('refuses introspection and serves no landing page', async () => {
    const introspection = await t.query('{ __schema { queryType { name } } }');
    expect(errorCode(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    const landing = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/sandbox/i);
  });

  it('still serves the API with the configured keys and secret', async () => {
    const session = await signUp(t);
    const me = await t.query('{ me { id } }', {}, { token: session.accessToken });
    expect(me.data!.me.id).toBe(session.id);
  });

  it('has no dev mailbox', async () => {
    expect((await fetch(`${origin}/dev/mailbox`)).status).toBe(404);
  });

  it('has no dev checkout', async () => {
    expect((await fetch(`${origin}/dev/checkout/cs_dev_anything`)).status).toBe(404);
  });
});
