import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const base = { CIX_JWT_SECRET: "x".repeat(32), CIX_GATEWAY_SECRET: "y".repeat(32) };

describe("the bench's permission-layer switch", () => {
  it("turns the layer off only with CIX_PERMISSIONS=off AND CIX_BENCH=1, and never in production", () => {
    expect(loadConfig({ ...base, CIX_PERMISSIONS: "off", CIX_BENCH: "1" }).permissionsOff).toBe(true);
    expect(loadConfig({ ...base, CIX_PERMISSIONS: "off" }).permissionsOff).toBe(false);
    expect(loadConfig({ ...base, CIX_BENCH: "1" }).permissionsOff).toBe(false);
    expect(loadConfig({ ...base, CIX_PERMISSIONS: "off", CIX_BENCH: "1", NODE_ENV: "production" }).permissionsOff).toBe(false);
    expect(loadConfig({ ...base, CIX_PERMISSIONS: "off", CIX_BENCH: "1", CIX_PROFILE: "production" }).permissionsOff).toBe(false);
  });

  it("refuses a value it does not know instead of guessing", () => {
    expect(() => loadConfig({ ...base, CIX_PERMISSIONS: "no" })).toThrow(/CIX_PERMISSIONS/);
  });
});
