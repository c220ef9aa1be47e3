export { seedDemoIfEmpty } from "./demo.js";
