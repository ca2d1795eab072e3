import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';

/** How the gateway serves the built web app (`web/dist`). */
export interface WebAppOptions {
  /** Folder of the built app: `index.html`, `graphiql.html` and `assets/`. */
  dir: string;
  /** Serve GraphiQL at `/graphiql` (development and test only). */
  graphiql: boolean;
}

export interface WebApp {
  router: Router;
  /** Whether the build was found; without it `/` explains how to build it. */
  built: boolean;
}

/**
 * Paths the app never answers, so a client route can never shadow the API, the webhooks, the
 * dev pages or the probes (each is also mounted before the app).
 */
const RESERVED = ['/graphql', '/graphiql', '/webhooks', '/dev', '/healthz', '/readyz', '/metrics'];

export function isReservedPath(path: string): boolean {
  return RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * The storefront and dashboard at `/`: hashed assets cached for a year, and `index.html` (read
 * once at start) for every other page a person opens, so client routes such as `/orders/<id>`,
 * `/checkout/success` or `/verify-email` load the app (SPA fallback). Only GET and HEAD requests
 * that accept HTML fall back; anything else falls through to the gateway's 404.
 */
export function webAppRouter(options: WebAppOptions): WebApp {
  const router = Router();
  const index = readIfPresent(join(options.dir, 'index.html'));
  const graphiql = options.graphiql ? readIfPresent(join(options.dir, 'graphiql.html')) : null;
  if (options.graphiql) {
    router.get('/graphiql', (_req, res) => {
      if (graphiql) htmlPage(res).send(graphiql);
      else notBuilt(res);
    });
  }
  router.use(
    '/assets',
    express.static(join(options.dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.get('/{*path}', (req, res, next) => {
    if (isReservedPath(req.path) || !req.accepts('html')) return next();
    if (index) htmlPage(res).send(index);
    else notBuilt(res);
  });
  return { router, built: index !== null };
}

function readIfPresent(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** `index.html` names the current hashed assets: revalidate it, never serve a stale one. */
function htmlPage(res: Response): Response {
  return res.type('html').set({ 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
}

function notBuilt(res: Response): void {
  res
    .status(503)
    .type('text')
    .send('The web app is not built: run `npm run web:build` (or `npm install`), then restart.');
}
