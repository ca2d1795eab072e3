import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { listen } from '../lib/http/listen';
import { isReservedPath, webAppRouter, type WebAppOptions } from './web-app';

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'graphiql.html'), '<!doctype html><title>graphiql</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  return dir;
}

/** The app mounted as the gateway mounts it: after its own routes, before a 404. */
async function serve(options: WebAppOptions) {
  const app = express();
  app.get('/graphql', (_req, res) => res.json({ from: 'graphql' }));
  app.use(webAppRouter(options).router);
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  const http = await listen(app, '127.0.0.1', 0);
  const get = (path: string, accept = 'text/html') =>
    fetch(`${http.url}${path}`, { headers: { accept } });
  return { get, close: () => http.close() };
}

describe('the web app at the gateway', () => {
  it('answers client routes with index.html, never the API, dev pages or probes', async () => {
    const server = await serve({ dir: builtApp(), graphiql: false });
    try {
      for (const path of ['/', '/orders/abc', '/checkout/success?order=1', '/verify-email']) {
        const response = await server.get(path);
        expect([path, response.status, await response.text()]).toEqual([
          path,
          200,
          '<!doctype html><title>app</title>',
        ]);
        expect(response.headers.get('cache-control')).toBe('no-cache');
      }
      for (const path of ['/graphql', '/dev/mailbox', '/webhooks/stripe', '/readyz', '/metrics']) {
        expect(await (await server.get(path)).text()).not.toContain('<title>app</title>');
      }
      expect((await server.get('/orders/abc', 'application/json')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('caches hashed assets for a year and 404s a missing one', async () => {
    const server = await serve({ dir: builtApp(), graphiql: false });
    try {
      const asset = await server.get('/assets/app-1234.js', '*/*');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await server.get('/assets/missing.js', '*/*')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('serves GraphiQL only when enabled (development), never as the app fallback', async () => {
    const dir = builtApp();
    const development = await serve({ dir, graphiql: true });
    const production = await serve({ dir, graphiql: false });
    try {
      expect(await (await development.get('/graphiql')).text()).toContain('graphiql');
      const refused = await production.get('/graphiql');
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain('<title>');
    } finally {
      await development.close();
      await production.close();
    }
  });

  it('says how to build the app when the build is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
    expect(webAppRouter({ dir, graphiql: false }).built).toBe(false);
    const server = await serve({ dir, graphiql: false });
    try {
      const response = await server.get('/');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run web:build');
    } finally {
      await server.close();
    }
  });

  it('reserves every gateway prefix and only whole path segments', () => {
    expect(isReservedPath('/graphql')).toBe(true);
    expect(isReservedPath('/dev/checkout/cs_1')).toBe(true);
    expect(isReservedPath('/healthz')).toBe(true);
    expect(isReservedPath('/developers')).toBe(false);
    expect(isReservedPath('/graphqlish')).toBe(false);
  });
});
