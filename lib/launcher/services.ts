import type { Env } from '../config/parse-env';
import type { RunningService } from '../process/run-service';
import { startFromEnv as startGateway } from '../../gateway/main';
import { startFromEnv as startCatalog } from '../../subgraphs/catalog/main';
import { startFromEnv as startInventory } from '../../subgraphs/inventory/main';
import { startFromEnv as startOrders } from '../../subgraphs/orders/main';
import { startFromEnv as startPayments } from '../../subgraphs/payments/main';
import { startFromEnv as startUsers } from '../../subgraphs/users/main';
import { startFromEnv as startMailer } from '../../workers/mailer/main';

/** Every service the launcher runs, each the same entry point its own process would use. */
export interface ServiceEntry {
  name: string;
  start(env: Env): Promise<RunningService>;
}

/** Subgraphs start first (in parallel); the gateway needs their URLs. */
export const SUBGRAPHS: ServiceEntry[] = [
  { name: 'users', start: startUsers },
  { name: 'catalog', start: startCatalog },
  { name: 'inventory', start: startInventory },
  { name: 'orders', start: startOrders },
  { name: 'payments', start: startPayments },
];

export const GATEWAY: ServiceEntry = { name: 'gateway', start: startGateway };

export const WORKERS: ServiceEntry[] = [{ name: 'mailer', start: startMailer }];
