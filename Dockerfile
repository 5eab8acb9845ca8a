# syntax=docker/dockerfile:1
# One image for the web server and the workers; the command picks the role (see compose.yaml and
# docs/deploy.md). The e2e stack and the production test replay this file's steps on the host
# (lib/devstack/runtime-image.ts), so keep to WORKDIR, ENV, COPY, RUN, USER, EXPOSE and CMD.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# Install scripts stay off: Prisma's own try to download engines the Wasm setup does not need.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run prisma:generate
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false HOSTNAME=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund
COPY --from=build --chown=node:node /app/.next/standalone ./.next/standalone
COPY --from=build /app/.next/bin ./.next/bin
COPY --from=build /app/prisma/migrations ./prisma/migrations
# Next.js may write its cache under .next/standalone, hence the --chown above; nothing else is writable.
USER node
# 3000: web server. 9464: a worker's health and metrics port (WORKER_HTTP_PORT).
EXPOSE 3000 9464
# The web server (= `npm run start:web`). A worker runs `node --max-old-space-size=192 .next/bin/worker.mjs`
# (= `npm run start:worker`), migrations alone `node .next/bin/migrate.mjs`. Node itself, not npm, is
# the process: npm does not pass SIGTERM on, and a worker needs it to finish its jobs before it stops.
CMD ["node", ".next/standalone/server.js"]
