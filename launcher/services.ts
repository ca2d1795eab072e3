import type { Env } from '../lib/config/parse-env';
import type { RunningService } from '../lib/process/run-service';
import { gatewayConfigFromEnv } from '../gateway/config';
import { startFromEnv as startGateway } from '../gateway/main';
import { catalogConfigFromEnv } from '../subgraphs/catalog/config';
import { startFromEnv as startCatalog } from '../subgraphs/catalog/main';
import { inventoryConfigFromEnv } from '../subgraphs/inventory/config';
import { startFromEnv as startInventory } from '../subgraphs/inventory/main';
import { ordersConfigFromEnv } from '../subgraphs/orders/config';
import { startFromEnv as startOrders } from '../subgraphs/orders/main';
import { paymentsConfigFromEnv } from '../subgraphs/payments/config';
import { startFromEnv as startPayments } from '../subgraphs/payments/main';
import { usersConfigFromEnv } from '../subgraphs/users/config';
import { startFromEnv as startUsers } from '../subgraphs/users/main';
import { mailerConfigFromEnv } from '../workers/mailer/config';
import { startFromEnv as startMailer } from '../workers/mailer/main';

/** Every service the launcher runs, each the same entry point its own process would use. */
export interface ServiceEntry {
  name: string;
  /** Reads the service's configuration as `start` will (throws ConfigError), starting nothing. */
  config(env: Env): unknown;
  start(env: Env): Promise<RunningService>;
}

/** Subgraphs start first (in parallel); the gateway needs their URLs. */
export const SUBGRAPHS: ServiceEntry[] = [
  { name: 'users', config: usersConfigFromEnv, start: startUsers },
  { name: 'catalog', config: catalogConfigFromEnv, start: startCatalog },
  { name: 'inventory', config: inventoryConfigFromEnv, start: startInventory },
  { name: 'orders', config: ordersConfigFromEnv, start: startOrders },
  { name: 'payments', config: paymentsConfigFromEnv, start: startPayments },
];

export const GATEWAY: ServiceEntry = {
  name: 'gateway',
  config: gatewayConfigFromEnv,
  start: startGateway,
};

export const WORKERS: ServiceEntry[] = [
  { name: 'mailer', config: mailerConfigFromEnv, start: startMailer },
];
