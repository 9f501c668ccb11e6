# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, then run with production
# dependencies only, as a non-root user. In production set DATABASE_URL to a managed
# PostgreSQL; without it the embedded PostgreSQL keeps its data in /data (mount a volume).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY dialogs ./dialogs
COPY channels ./channels
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
COPY locales ./locales
COPY content ./content
COPY channels/webchat/public ./channels/webchat/public
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3978
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
