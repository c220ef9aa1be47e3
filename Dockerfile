# One image for the gateway and the three subgraphs (docker-compose.yml picks the process): compiled JavaScript,
# production dependencies only, run as the unprivileged `node` user. Development and CI run without Docker;
# CI starts the same dist/ bundles the same way (test/e2e/compiled-build.test.ts follows this file's COPY lines).

# Build: every dependency (esbuild among the dev ones), then `npm run build` bundles each entry into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY neo4j/package.json neo4j/
COPY gateway/package.json gateway/
COPY schema/package.json schema/
COPY seed/package.json seed/
COPY subgraphs/seizures/package.json subgraphs/seizures/
COPY subgraphs/entities/package.json subgraphs/entities/
COPY subgraphs/ecommerce/package.json subgraphs/ecommerce/
COPY clients/typescript/package.json clients/typescript/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies (the workspaces' manifests tell npm which), the bundles, and the files the
# processes read beside them (repoRoot is the folder whose package.json is named "cix": /app).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY neo4j/package.json neo4j/
COPY gateway/package.json gateway/
COPY schema/package.json schema/
COPY seed/package.json seed/
COPY subgraphs/seizures/package.json subgraphs/seizures/
COPY subgraphs/entities/package.json subgraphs/entities/
COPY subgraphs/ecommerce/package.json subgraphs/ecommerce/
COPY clients/typescript/package.json clients/typescript/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist/
COPY --from=build /app/codelists codelists/
COPY --from=build /app/schema/supergraph.graphql schema/
# The GraphiQL page, served in the development profile only (a local trial, README "With Docker").
COPY --from=build /app/gateway/src/ide/public gateway/src/ide/public/
# The only writable folders: the photo store and the import spool (volumes in docker-compose.yml), dev secrets.
RUN mkdir -p var/photos var/imports && chown -R node:node var
# The base image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 4000 4001 4002 4003
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/healthcheck.js", "http://127.0.0.1:4000/readyz"]
CMD ["node", "dist/gateway.js"]
