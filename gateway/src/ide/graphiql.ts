import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoRoot, type Logger, type TokenService } from "@cix/core";
import { Router, type RequestHandler } from "express";
import { methodNotAllowed } from "../http-errors.js";
import { devTokenRoutes } from "./dev-token.js";

/**
 * Nothing but this origin: no inline script or style, no CDN. Fonts and icons of GraphiQL's stylesheet are data:
 * URIs. (A helper library GraphiQL uses injects one <style> element for scroll locking; the policy blocks it,
 * which only leaves the page scrollable behind an open dialog.)
 */
export const IDE_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Where the page and its bootstrap script live: read from the repository, like codelists/ and schema/. */
const PUBLIC_DIR = join(repoRoot, "gateway/src/ide/public");
const packageDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/** Every file the IDE serves, by its path under /graphiql: the page, its script and style, and the npm builds. */
function ideFiles(): Record<string, string> {
  return {
    "/": join(PUBLIC_DIR, "index.html"),
    "/graphiql-bootstrap.js": join(PUBLIC_DIR, "graphiql-bootstrap.js"),
    "/ide.css": join(PUBLIC_DIR, "ide.css"),
    "/vendor/react.production.min.js": join(packageDir("react"), "umd/react.production.min.js"),
    "/vendor/react-dom.production.min.js": join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
    "/vendor/graphiql.min.js": join(packageDir("graphiql"), "graphiql.min.js"),
    "/vendor/graphiql.min.css": join(packageDir("graphiql"), "graphiql.min.css"),
  };
}

/**
 * GraphiQL served by the hub itself, for developers (development profile only; the server mounts it at /graphiql):
 * the page, its bootstrap script, GraphiQL 3 and React 18 from node_modules, and the demo login that fills in the
 * Authorization and x-cix-purpose headers (./dev-token.ts). It works offline and under a strict
 * Content-Security-Policy. Refuses to be built in production.
 */
export function developmentIde(production: boolean, tokens: TokenService, log: Logger): Router {
  if (production) throw new Error("The GraphiQL IDE exists in the development profile only");
  const files = ideFiles();
  const missing = Object.values(files).filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`The GraphiQL IDE is missing files: ${missing.join(", ")}`);

  const router = Router();
  router.use((_req, res, next) => {
    res.set({
      "content-security-policy": IDE_CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-cache",
    });
    next();
  });
  for (const [path, file] of Object.entries(files)) {
    router.get(path, (_req, res) => res.sendFile(file));
    router.all(path, methodNotAllowed(["GET"]));
  }
  router.use(devTokenRoutes(production, tokens, log));
  return router;
}

/**
 * In development a browser opening GET /graphql (it asks for HTML and sends no query) is sent to the IDE; API
 * clients go on to GraphQL. This replaces Apollo's landing page, which loads Apollo Sandbox from a CDN.
 */
export const browsersToIde: RequestHandler = (req, res, next) => {
  const asksForPage = req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
  if (req.method === "GET" && asksForPage && req.query.query === undefined && req.query.extensions === undefined) return res.redirect(302, "/graphiql");
  next();
};
