import { isLocalRequest, ROLES, type Logger, type TokenService } from "@cix/core";
import express, { Router, type RequestHandler } from "express";
import { z } from "zod";
import { methodNotAllowed, sendEdgeError } from "../http-errors.js";

/**
 * Agencies of the demo data set a developer may sign in as: NL-CUSTOMS leads the demo's joint operation with
 * BE-CUSTOMS and DE-ZOLL, the others own cases of their own, and WCO is the partner of `npm start`'s banner.
 */
export const DEMO_AGENCIES = ["NL-CUSTOMS", "BE-CUSTOMS", "DE-ZOLL", "FR-DOUANE", "ES-AEAT", "GB-HMRC", "IT-ADM", "PL-KAS", "WCO"] as const;
/** The purpose the page states for nominal reads: a case reference of the README's examples. */
export const DEMO_PURPOSE = "CASE-2024-001";
const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The gateway listens on every interface; a token minted for anyone on the network, or relayed by a proxy on this
 * machine, would be a login without a password.
 */
const loopbackCallersOnly: RequestHandler = (req, res, next) => {
  if (isLocalRequest(req)) return next();
  sendEdgeError(req, res, 403, "Development tokens are issued only to a browser on the hub's own machine (loopback).", { code: "FORBIDDEN" });
};

const DemoLogin = z.object({ role: z.enum(ROLES), agency: z.enum(DEMO_AGENCIES) }).strict();

/**
 * The GraphiQL page's demo login (development profile only, mounted under /graphiql): `GET demo-logins` lists the
 * roles and agencies on offer, `POST dev-token` with `{ role, agency }` (JSON) answers a development token for that
 * login, signed by `TokenService.mintDevToken`, which refuses to sign in production, and only to loopback callers
 * (403 FORBIDDEN otherwise). The server never mounts this router in production, and refuses to build it there.
 */
export function devTokenRoutes(production: boolean, tokens: TokenService, log: Logger): Router {
  if (production) throw new Error("Development tokens are never issued in production: the demo login exists in the development profile only");
  const router = Router();
  // Before the body parser and the method check: a caller from elsewhere learns nothing but the refusal.
  router.use("/dev-token", loopbackCallersOnly);
  router.get("/demo-logins", (_req, res) => {
    res.json({ roles: ROLES, agencies: DEMO_AGENCIES, purpose: DEMO_PURPOSE, default: { role: "investigator", agency: "NL-CUSTOMS" } });
  });
  router.post("/dev-token", express.json({ limit: 1024 }), async (req, res) => {
    // JSON only: a form on another site cannot post it without a CORS preflight, which nothing here answers.
    if (!req.is("application/json")) {
      return sendEdgeError(req, res, 415, "Send the login as application/json: { \"role\": …, \"agency\": … }.", { code: "BAD_REQUEST" });
    }
    const login = DemoLogin.safeParse(req.body);
    if (!login.success) {
      return sendEdgeError(req, res, 400, `A demo login is { "role": one of ${ROLES.join(", ")}; "agency": one of ${DEMO_AGENCIES.join(", ")} }.`, { code: "BAD_REQUEST" });
    }
    const { role, agency } = login.data;
    const sub = `${role}@${agency}`;
    // The same claims as `npm run token` and `npm start`'s banner give a login.
    const token = await tokens.mintDevToken({ sub, agency, country: agency.slice(0, 2), roles: [role], operations: [] }, `${TOKEN_LIFETIME_SECONDS}s`);
    log.info({ sub, role, agency }, "development token issued to the GraphiQL page");
    res.set("cache-control", "no-store").json({ token, sub, role, agency, purpose: DEMO_PURPOSE, expiresInSeconds: TOKEN_LIFETIME_SECONDS });
  });
  router.all("/demo-logins", methodNotAllowed(["GET"]));
  router.all("/dev-token", methodNotAllowed(["POST"]));
  return router;
}
