import { z } from 'zod';
import { loadOrCreateDevSigningKeys } from '../lib/auth/signing-keys';
import {
  commonEnv,
  flag,
  natsEnv,
  port,
  resolveSubgraphSecret,
  subgraphSecretEnv,
} from '../lib/config/common-env';
import { parseEnv, type Env } from '../lib/config/parse-env';
import { readSupergraph, subgraphsOf } from './supergraph';

const gatewayEnv = commonEnv
  .extend(subgraphSecretEnv.shape)
  .extend(natsEnv.shape)
  .extend({
    /** Default 4000. */
    PORT: port(4000),
    /** Ed25519 public key (SPKI PEM) of the users service; generated under DATA_DIR outside production. */
    JWT_PUBLIC_KEY: z.string().optional(),
    /** Deepest selection allowed. Default 12. */
    MAX_DEPTH: z.coerce.number().int().positive().default(12),
    /** Most aliases in one operation. Default 15. */
    MAX_ALIASES: z.coerce.number().int().positive().default(15),
    /** Highest graphql-armor cost of one operation (a full vendor dashboard costs about 6000). Default 50000. */
    MAX_COST: z.coerce.number().int().positive().default(50_000),
    /** Most lexical tokens in one operation; more is refused as a syntax error (400). Default 1000. */
    MAX_TOKENS: z.coerce.number().int().positive().default(1000),
    /** Schema introspection; default on outside production, off in production. */
    INTROSPECTION: flag(),
    /** The Apollo Sandbox landing page; default on outside production. */
    SANDBOX: flag(),
    /** Comma-separated origins allowed by CORS; default `*` outside production, none in production. */
    CORS_ORIGINS: z.string().optional(),
    /** Trust `X-Forwarded-For` from a proxy in front (client addresses for rate limits). Default false. */
    TRUST_PROXY: flag(),
    /** Folder of the dev mailbox; when set, `/dev/mailbox` lists its messages. */
    DEV_MAILBOX_DIR: z.string().optional(),
  });

export interface GatewayConfig {
  nodeEnv: 'development' | 'production' | 'test';
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
  introspection: boolean;
  sandbox: boolean;
  corsOrigins: string[] | '*';
  trustProxy: boolean;
  devMailboxDir: string | null;
}

export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  const parsed = parseEnv(gatewayEnv, env);
  const production = parsed.NODE_ENV === 'production';
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
    host: parsed.HOST,
    port: parsed.PORT,
    supergraphSdl,
    subgraphUrls,
    subgraphSecret: resolveSubgraphSecret(parsed.NODE_ENV, parsed.SUBGRAPH_SECRET),
    nats: { url: parsed.NATS_URL, prefix: parsed.EVENT_PREFIX },
    publicKeyPem: publicKey(parsed.JWT_PUBLIC_KEY, production, parsed.DATA_DIR),
    limits: {
      maxDepth: parsed.MAX_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxCost: parsed.MAX_COST,
      maxTokens: parsed.MAX_TOKENS,
    },
    introspection: parsed.INTROSPECTION ?? !production,
    sandbox: parsed.SANDBOX ?? !production,
    corsOrigins: parsed.CORS_ORIGINS
      ? parsed.CORS_ORIGINS.split(',').map((origin) => origin.trim())
      : production
        ? []
        : '*',
    trustProxy: parsed.TRUST_PROXY ?? false,
    devMailboxDir: parsed.DEV_MAILBOX_DIR ?? null,
  };
}

function publicKey(given: string | undefined, production: boolean, dataDir: string): string {
  if (given) return given;
  if (production) throw new Error('JWT_PUBLIC_KEY is required in production');
  return loadOrCreateDevSigningKeys(dataDir).publicKeyPem;
}
