export { startGatewayServer } from "./server.js";
export { checkReadiness } from "./readiness.js";
