import { join } from 'node:path';
import { z } from 'zod';
import { loadOrCreateDevSigningKeys } from '../lib/auth/signing-keys';
import {
  commonEnv,
  flag,
  natsEnv,
  port,
  resolveHost,
  resolveSubgraphSecret,
  subgraphSecretEnv,
} from '../lib/config/common-env';
import { devConveniencesAllowed, type NodeEnv } from '../lib/config/node-env';
import { ConfigError, parseEnv, type Env } from '../lib/config/parse-env';
import { ed25519PublicKeyPem } from '../lib/config/pem-key';
import { gatewayMetricsEnv } from '../lib/config/telemetry-env';
import { readSupergraph, subgraphsOf } from './supergraph';
import type { WebAppOptions } from './web-app';

const gatewayEnv = commonEnv
  .extend(subgraphSecretEnv.shape)
  .extend(natsEnv.shape)
  .extend(gatewayMetricsEnv.shape)
  .extend({
    /** Default 4000. */
    PORT: port(4000),
    /** Ed25519 public key (SPKI PEM) of the users service; required in production, generated under DATA_DIR in development and test. */
    JWT_PUBLIC_KEY: ed25519PublicKeyPem().optional(),
    /** Deepest selection allowed. Default 12. */
    MAX_DEPTH: z.coerce.number().int().positive().default(12),
    /** Most aliases in one operation. Default 15. */
    MAX_ALIASES: z.coerce.number().int().positive().default(15),
    /** Highest graphql-armor cost of one operation (a full vendor dashboard costs about 6000). Default 50000. */
    MAX_COST: z.coerce.number().int().positive().default(50_000),
    /** Most lexical tokens in one operation; more is refused as a syntax error (400). Default 1000. */
    MAX_TOKENS: z.coerce.number().int().positive().default(1000),
    /** Most subscriptions open at once on one WebSocket connection. Default 20. */
    SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(20),
    /**
     * Most subscriptions open at once for one user, across their connections to this gateway
     * process (each replica counts its own). Default 50.
     */
    SUBSCRIPTIONS_PER_USER: z.coerce.number().int().positive().default(50),
    /** Schema introspection; default on in development and test, off in production. */
    INTROSPECTION: flag(),
    /** The Apollo Sandbox landing page; default on in development and test, off in production. */
    SANDBOX: flag(),
    /** Comma-separated origins allowed by CORS; default `*` in development and test, none in production. */
    CORS_ORIGINS: z.string().optional(),
    /** Trust `X-Forwarded-For` from a proxy in front (client addresses for rate limits). Default false. */
    TRUST_PROXY: flag(),
    /** Folder of the dev mailbox (set by `npm start`); `/dev/mailbox` lists it. Refused in production. */
    DEV_MAILBOX_DIR: z.string().optional(),
    /** Serve the web app (storefront and dashboard) at `/`. Default true. */
    WEB_APP: flag(),
    /** Folder of the built web app. Default `web/dist` of this checkout (built by `npm install`). */
    WEB_APP_DIR: z.string().optional(),
    /** GraphiQL, the offline explorer, at `/graphiql`; default on in development and test, off in production. */
    GRAPHIQL: flag(),
  })
  .refine((parsed) => !parsed.DEV_MAILBOX_DIR || devConveniencesAllowed(parsed.NODE_ENV), {
    // Anyone could read every reset link from it.
    message: 'the dev mailbox is for development only; unset it in production',
    path: ['DEV_MAILBOX_DIR'],
    // Reported with every other bad variable, not only once they are fixed.
    when: () => true,
  });

export interface GatewayConfig {
  nodeEnv: NodeEnv;
  logLevel: string;
  host: string;
  port: number;
  supergraphSdl: string;
  /** Subgraph name -> GraphQL URL (`<NAME>_URL` overrides the supergraph's routing URL). */
  subgraphUrls: Record<string, string>;
  subgraphSecret: string;
  /** Where `order.status_changed` arrives for subscriptions. */
  nats: { url: string; prefix: string };
  publicKeyPem: string;
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number };
  /** Caps on open subscriptions, per WebSocket connection and per user in this process. */
  subscriptionLimits: { perConnection: number; perUser: number };
  introspection: boolean;
  sandbox: boolean;
  corsOrigins: string[] | '*';
  trustProxy: boolean;
  devMailboxDir: string | null;
  /** The built web app at `/` (and GraphiQL at `/graphiql`), or null when WEB_APP=false. */
  webApp: WebAppOptions | null;
  /**
   * Where `/metrics` is served: `port` on its own listener, `main` beside `/graphql` (development
   * and test only), or `none` (production without METRICS_PORT: never public by accident).
   */
  metrics: { port: number } | 'main' | 'none';
}

export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  const parsed = parseEnv(gatewayEnv, env, ['SUBGRAPH_SECRET', 'JWT_PUBLIC_KEY']);
  const devConveniences = devConveniencesAllowed(parsed.NODE_ENV);
  const supergraphSdl = readSupergraph();
  const subgraphUrls = Object.fromEntries(
    subgraphsOf(supergraphSdl).map(({ name, url }) => [
      name,
      env[`${name.toUpperCase()}_URL`] ?? url,
    ]),
  );
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    host: resolveHost(parsed.NODE_ENV, parsed.HOST),
    port: parsed.PORT,
    supergraphSdl,
    subgraphUrls,
    subgraphSecret: resolveSubgraphSecret(parsed.NODE_ENV, parsed.SUBGRAPH_SECRET),
    nats: { url: parsed.NATS_URL, prefix: parsed.EVENT_PREFIX },
    publicKeyPem: publicKey(parsed.JWT_PUBLIC_KEY, devConveniences, parsed.DATA_DIR),
    limits: {
      maxDepth: parsed.MAX_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxCost: parsed.MAX_COST,
      maxTokens: parsed.MAX_TOKENS,
    },
    subscriptionLimits: {
      perConnection: parsed.SUBSCRIPTIONS_PER_CONNECTION,
      perUser: parsed.SUBSCRIPTIONS_PER_USER,
    },
    introspection: parsed.INTROSPECTION ?? devConveniences,
    sandbox: parsed.SANDBOX ?? devConveniences,
    corsOrigins: parsed.CORS_ORIGINS
      ? parsed.CORS_ORIGINS.split(',').map((origin) => origin.trim())
      : devConveniences
        ? '*'
        : [],
    trustProxy: parsed.TRUST_PROXY ?? false,
    devMailboxDir: parsed.DEV_MAILBOX_DIR ?? null,
    webApp:
      (parsed.WEB_APP ?? true)
        ? {
            dir: parsed.WEB_APP_DIR ?? join(__dirname, '..', 'web', 'dist'),
            graphiql: parsed.GRAPHIQL ?? devConveniences,
          }
        : null,
    metrics:
      parsed.METRICS_PORT !== undefined
        ? { port: parsed.METRICS_PORT }
        : devConveniences
          ? 'main'
          : 'none',
  };
}

function publicKey(given: string | undefined, devConveniences: boolean, dataDir: string): string {
  if (given) return given;
  if (devConveniences) return loadOrCreateDevSigningKeys(dataDir).publicKeyPem;
  // parseEnv reports this with everything else first; a guard, not a path.
  throw new ConfigError([{ variable: 'JWT_PUBLIC_KEY', message: 'required in production' }]);
}
