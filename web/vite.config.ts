import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The gateway serves `dist/` at `/` (and `graphiql.html` at `/graphiql` in development).
 * `npm run web:dev` proxies the API to a running `npm start`, so hot reload talks to the real
 * supergraph. JSX goes through Vite's own transform (React 19's automatic runtime); no plugin.
 */
const api = process.env.BAZAAR_API ?? 'http://localhost:4000';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // GraphiQL's editor is large by nature; it loads on /graphiql only.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // GraphiQL's dependencies mark themselves "use client" (for React Server Components),
      // which means nothing in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        app: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/dev': api,
      '/webhooks': api,
    },
  },
});
