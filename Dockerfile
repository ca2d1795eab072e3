# One image for every Bazaar service; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY lib ./lib
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY workers ./workers
COPY schema ./schema
RUN mkdir -p /data/keys && chown -R node:node /data
USER node
# Overridden per service, e.g. `node -r @swc-node/register subgraphs/users/main.ts`.
CMD ["node", "-r", "@swc-node/register", "gateway/main.ts"]
