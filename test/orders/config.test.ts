import { ConfigError } from '../../lib/config/parse-env';
import { ordersConfigFromEnv } from '../../subgraphs/orders/config';

/** Outside development and test a subgraph also needs its secret (test/config covers that). */
const DEV = { NODE_ENV: 'development' };

describe('orders configuration', () => {
  it('defaults to port 4004 and its own database', () => {
    expect(ordersConfigFromEnv(DEV)).toMatchObject({
      port: 4004,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/bazaar_orders',
    });
  });

  it('reads ORDERS_PORT and refuses a bad one, naming it', () => {
    expect(ordersConfigFromEnv({ ...DEV, ORDERS_PORT: '5004' }).port).toBe(5004);
    expect(() => ordersConfigFromEnv({ ...DEV, ORDERS_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => ordersConfigFromEnv({ ...DEV, ORDERS_PORT: 'eighty' })).toThrow(/ORDERS_PORT/);
  });
});
