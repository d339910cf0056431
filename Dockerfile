# syntax=docker/dockerfile:1
# One image for every Closer app and the migration job; the command picks what runs:
#   node dist/apps/gateway/main.js | node dist/apps/candidate-service/main.js |
#   node dist/apps/worker/main.js  | npm run db:migrate
# (docker-compose.yml sets the command per service.)

# --- build: install every dependency and compile the three apps ---------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false \
    APOLLO_TELEMETRY_DISABLED=true
# the lockfile layer first, so that source changes do not reinstall node_modules
# (install scripts are approved by the `allowScripts` field of package.json)
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# --- runtime: production dependencies, the compiled apps and the web build, nothing else --------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
COPY scripts/prune-optional-peers.mjs scripts/typeorm.mjs scripts/
# no dev dependencies, and not ts-node or typescript either (npm keeps them as optional peers);
# npm's download cache stays out of the image
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev \
    && node scripts/prune-optional-peers.mjs
# `npm run db:migrate` runs scripts/typeorm.mjs on the compiled data source and migrations in dist/
COPY --from=build /app/dist ./dist
# the gateway serves the web app from apps/web/dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
# Files stay owned by root: the unprivileged user of the official node image may read them but
# not change them.
USER node
EXPOSE 3000 3001 3002
# Liveness: whichever app this container runs answers /health/live while its process can serve,
# even with PostgreSQL or Redis down, so an orchestrator restarts a hung process and never one
# waiting for a dependency (readiness is /health/ready; docker-compose.yml waits on that one)
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const e = process.env; Promise.any([e.GATEWAY_PORT || 3000, e.CANDIDATE_SERVICE_PORT || 3001, e.WORKER_PORT || 3002].map((port) => fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok || Promise.reject()))).then(() => process.exit(0), () => process.exit(1))"]
CMD ["node", "dist/apps/gateway/main.js"]
