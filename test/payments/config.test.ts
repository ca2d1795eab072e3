import { ConfigError } from '../../lib/config/parse-env';
import { DEV_WEBHOOK_SECRET, paymentsConfigFromEnv } from '../../subgraphs/payments/config';

describe('payments configuration', () => {
  it('defaults to port 4005 and the dev provider with its own webhook secret', () => {
    expect(paymentsConfigFromEnv({})).toMatchObject({
      port: 4005,
      stripe: null,
      webhookSecret: DEV_WEBHOOK_SECRET,
      publicUrl: 'http://localhost:4000',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/bazaar_payments',
    });
  });

  it('reads the Stripe settings and trims the public URL', () => {
    const config = paymentsConfigFromEnv({
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
    expect(() => paymentsConfigFromEnv({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(
      /STRIPE_WEBHOOK_SECRET/,
    );
  });

  it('refuses the dev provider in production', () => {
    expect(() =>
      paymentsConfigFromEnv({ NODE_ENV: 'production', SUBGRAPH_SECRET: 'x'.repeat(32) }),
    ).toThrow(/STRIPE_SECRET_KEY/);
  });
});
