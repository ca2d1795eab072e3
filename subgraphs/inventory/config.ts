import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import type { Env } from '../../lib/config/parse-env';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';

const inventoryEnv = z.object({
  /** Default 4003. */
  INVENTORY_PORT: port(4003),
  /** How long `order.placed` holds stock before the sweeper gives it back. Default 15 minutes. */
  RESERVATION_TTL_MINUTES: z.coerce.number().int().positive().default(15),
  /** How often the sweeper looks for reservations past their expiry. Default 30000 ms. */
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(30_000),
});

export interface InventoryConfig extends ServiceConfig {
  reservationTtlMs: number;
  sweepIntervalMs: number;
}

export function inventoryConfigFromEnv(env: Env): InventoryConfig {
  const { base, parsed } = parseServiceEnv('inventory', inventoryEnv, env, (p) => p.INVENTORY_PORT);
  return {
    ...base,
    reservationTtlMs: parsed.RESERVATION_TTL_MINUTES * 60_000,
    sweepIntervalMs: parsed.RESERVATION_SWEEP_INTERVAL_MS,
  };
}
