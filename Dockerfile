# One image for the gateway and the three subgraphs (for users with Docker; dev and CI run without it).
FROM node:20-bookworm-slim
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
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx@4
COPY . .
USER node
ENV NODE_ENV=production
# The service to run is chosen by the compose file: gateway/src/main.ts or subgraphs/<name>/src/main.ts.
ENTRYPOINT ["node", "--import", "tsx"]
