import type { Env } from '../lib/config/parse-env';

/**
 * What `npm start` prints when it chose development itself. Development must never face a
 * network: its secrets are constants in the source and its pages show every email.
 */
export const DEVELOPMENT_NOTICE =
  'NODE_ENV is unset, so `npm start` runs in development mode: generated keys, a public dev ' +
  'secret, the dev checkout and mailbox, the demo world, Sandbox; bound to 127.0.0.1 unless ' +
  'HOST says otherwise. Never expose it to a network; a deployment sets NODE_ENV=production.\n';

/**
 * `npm start` is the one command that turns development on by itself (services started alone
 * default to production): when npm runs the `start` script (`npm_lifecycle_event`) with NODE_ENV
 * unset, sets `NODE_ENV=development` in `env` and returns the notice to print; otherwise null.
 * The launcher run any other way (`node dist/launcher/main.js`) stays production.
 */
export function defaultToDevelopment(env: Env): string | null {
  if (env.NODE_ENV !== undefined || env.npm_lifecycle_event !== 'start') return null;
  env.NODE_ENV = 'development';
  return DEVELOPMENT_NOTICE;
}
