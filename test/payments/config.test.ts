import { ConfigError } from '../../lib/config/parse-env';
import { DEV_WEBHOOK_SECRET, paymentsConfigFromEnv } from '../../subgraphs/payments/config';

/** The dev provider exists only here (and in test); production is covered below. */
const DEV = { NODE_ENV: 'development' };

describe('payments configuration', () => {
  it('defaults in development to port 4005 and the dev provider with its own webhook secret', () => {
    expect(paymentsConfigFromEnv(DEV)).toMatchObject({
      port: 4005,
      stripe: null,
      webhookSecret: DEV_WEBHOOK_SECRET,
      publicUrl: 'http://localhost:4000',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/bazaar_payments',
    });
  });

  it('reads the Stripe settings and trims the public URL', () => {
    const config = paymentsConfigFromEnv({
      ...DEV,
      PAYMENTS_PORT: '5005',
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
      PUBLIC_URL: 'https://shop.example/',
    });
    expect(config).toMatchObject({
      port: 5005,
      stripe: { secretKey: 'sk_test_x', apiUrl: 'http://127.0.0.1:12111' },
      webhookSecret: 'whsec_x',
      publicUrl: 'https://shop.example',
    });
  });

  it('names every bad variable, and wants a webhook secret with a Stripe key', () => {
    let message = '';
    try {
      paymentsConfigFromEnv({
        ...DEV,
        PAYMENTS_PORT: 'eighty',
        PUBLIC_URL: 'not a url',
        STRIPE_API_URL: 'nope',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const variable of ['PAYMENTS_PORT', 'PUBLIC_URL', 'STRIPE_API_URL']) {
      expect(message).toContain(variable);
    }
    expect(() => paymentsConfigFromEnv({ ...DEV, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(
      /STRIPE_WEBHOOK_SECRET/,
    );
  });

  it('refuses the dev provider and its public webhook secret in production, NODE_ENV unset included', () => {
    for (const env of [{ NODE_ENV: 'production' }, {}]) {
      let error: unknown;
      try {
        paymentsConfigFromEnv({ ...env, SUBGRAPH_SECRET: 'x'.repeat(32) });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.variable)).toEqual([
        'STRIPE_SECRET_KEY',
        'STRIPE_WEBHOOK_SECRET',
      ]);
    }
  });

  it('uses Stripe and its own webhook secret in production, never the dev one', () => {
    const config = paymentsConfigFromEnv({
      SUBGRAPH_SECRET: 'x'.repeat(32),
      STRIPE_SECRET_KEY: 'sk_live_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_live_x',
    });
    expect(config).toMatchObject({ nodeEnv: 'production', stripe: { secretKey: 'sk_live_x' } });
    expect(config.webhookSecret).toBe('whsec_live_x');
    expect(config.webhookSecret).not.toBe(DEV_WEBHOOK_SECRET);
  });
});
