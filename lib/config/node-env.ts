import { z } from 'zod';

/** The modes a process runs in. */
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * `NODE_ENV`. Unset means `production`: a service started on its own (a container, a unit file)
 * fails closed. Only `npm start` (which sets `development` and says so) and the tests (`test`)
 * turn the development conveniences on, always explicitly.
 */
export const nodeEnvSchema = z.enum(NODE_ENVS).default('production');

/**
 * Whether development conveniences may exist: the dev payment provider and its webhook secret, the
 * dev mailbox, the demo world, generated signing keys, the constant subgraph secret, Sandbox and
 * introspection by default. The one spelling of the rule; anything else (unset, misspelt) is
 * production.
 */
export function devConveniencesAllowed(nodeEnv: string | undefined): boolean {
  return nodeEnv === 'development' || nodeEnv === 'test';
}

/**
 * The interface to bind when `HOST` is unset: loopback in development and tests, so the constant
 * dev secret and the dev pages never face a network; every interface in production (containers).
 */
export function defaultHost(nodeEnv: string | undefined): string {
  return devConveniencesAllowed(nodeEnv) ? '127.0.0.1' : '0.0.0.0';
}
