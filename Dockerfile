# One image for every Bazaar service; docker-compose.yml picks the entry point per service.
# Node pinned to the version the test suite runs on; bump deliberately.
FROM node:20.20.2-bookworm-slim
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# After `npm ci` (which would otherwise leave out devDependencies): a container fails closed even
# where its orchestrator forgets NODE_ENV; development mode is only ever `npm start` on a laptop.
ENV NODE_ENV=production
COPY tsconfig.json ./
COPY lib ./lib
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY workers ./workers
COPY schema ./schema
USER node
# Overridden per service, e.g. `node -r @swc-node/register subgraphs/users/main.ts`.
CMD ["node", "-r", "@swc-node/register", "gateway/main.ts"]
