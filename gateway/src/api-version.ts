import { API_VERSION, API_VERSION_HEADER } from "@cix/core";
import type { RequestHandler } from "express";

/**
 * `x-cix-api-version: <version>` on every answer of the edge (GraphQL, import, health, errors), so a client or its
 * logs can tell which contract (schema/api.graphql, CHANGELOG.md) answered. Mounted before any route.
 */
export const apiVersionHeader: RequestHandler = (_req, res, next) => {
  res.setHeader(API_VERSION_HEADER, API_VERSION);
  next();
};
