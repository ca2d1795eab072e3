import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import type { Env } from '../../lib/config/parse-env';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';

const ordersEnv = z.object({
  /** Default 4004. */
  ORDERS_PORT: port(4004),
});

export type OrdersConfig = ServiceConfig;

export function ordersConfigFromEnv(env: Env): OrdersConfig {
  return parseServiceEnv('orders', ordersEnv, env, (p) => p.ORDERS_PORT).base;
}
