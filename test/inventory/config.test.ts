import { ConfigError } from '../../lib/config/parse-env';
import { inventoryConfigFromEnv } from '../../subgraphs/inventory/config';

/** Outside development and test a subgraph also needs its secret (test/config covers that). */
const DEV = { NODE_ENV: 'development' };

describe('inventory configuration', () => {
  it('defaults to port 4003, a 15-minute reservation and a sweep every 30 s', () => {
    expect(inventoryConfigFromEnv(DEV)).toMatchObject({
      port: 4003,
      reservationTtlMs: 15 * 60_000,
      sweepIntervalMs: 30_000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/bazaar_inventory',
    });
  });

  it('reads its own settings', () => {
    const config = inventoryConfigFromEnv({
      ...DEV,
      INVENTORY_PORT: '5003',
      RESERVATION_TTL_MINUTES: '30',
      RESERVATION_SWEEP_INTERVAL_MS: '1000',
    });
    expect(config).toMatchObject({
      port: 5003,
      reservationTtlMs: 30 * 60_000,
      sweepIntervalMs: 1000,
    });
  });

  it('names every bad inventory variable at once', () => {
    let message = '';
    try {
      inventoryConfigFromEnv({
        ...DEV,
        INVENTORY_PORT: 'many',
        RESERVATION_TTL_MINUTES: '0',
        RESERVATION_SWEEP_INTERVAL_MS: 'often',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const variable of [
      'INVENTORY_PORT',
      'RESERVATION_TTL_MINUTES',
      'RESERVATION_SWEEP_INTERVAL_MS',
    ])
      expect(message).toContain(variable);
  });
});
