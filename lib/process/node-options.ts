/**
 * The Node flags of every production process: the image's `NODE_OPTIONS` (Dockerfile, so every
 * service of docker-compose.yml) and the production processes that the tests and `npm run bench`
 * start (test/support/service-processes.ts). node-options.test.ts holds the Dockerfile to this
 * value. `npm start` (one process, for a laptop) runs without them.
 *
 * `--max-semi-space-size=2` (MB): V8 grows the young generation to 16 MB per semi-space during
 * start-up and keeps it for good; capped, each process rests ~20 MB lower (bench/resting-memory.ts)
 * with no more CPU per storefront request (its `--compare` mode, turns taken on one machine).
 */
export const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=2';
