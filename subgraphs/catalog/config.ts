import { z } from 'zod';
import { port } from '../../lib/config/common-env';
import type { Env } from '../../lib/config/parse-env';
import { parseServiceEnv, type ServiceConfig } from '../../lib/config/service-config';

const catalogEnv = z.object({
  /** Default 4002. */
  CATALOG_PORT: port(4002),
});

/** The catalog needs nothing beyond what every subgraph shares. */
export type CatalogConfig = ServiceConfig;

export function catalogConfigFromEnv(env: Env): CatalogConfig {
  return parseServiceEnv('catalog', catalogEnv, env, (parsed) => parsed.CATALOG_PORT).base;
}
