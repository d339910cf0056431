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

# --- runtime -------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
# The runtime keeps the build stage's whole tree, dev dependencies included, on purpose:
# `npm run db:migrate` runs the TypeORM CLI on the TypeScript data source and migrations in
# libs/database/src through ts-node (a dev dependency), so `npm ci --omit=dev` would break the
# migration job. One honest image for apps and migrations beats a second, subtly different one;
# it is larger than a production-only install, which is the price.
# Files stay owned by root: the app user may read them but not change them.
COPY --from=build /app /app
# the unprivileged user of the official node image
USER node
EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/gateway/main.js"]
