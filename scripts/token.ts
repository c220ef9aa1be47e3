// `npm run token -- --role investigator --agency NL-CUSTOMS [--country NL] [--operations OP1,OP2] [--sub alice] [--ttl 8h]`
// Mints a development token signed with the dev secret (var/dev-secrets.json). Refused in production.
import { loadConfig, parseCommandLine, ROLES, TokenService, type Role } from "@cix/core";

const USAGE = "usage: npm run token -- [--role investigator] [--agency NL-CUSTOMS] [--country NL] [--operations OP1,OP2] [--sub alice] [--ttl 8h]";

const { values } = parseCommandLine({
  options: {
    role: { type: "string", default: "investigator" },
    agency: { type: "string", default: "NL-CUSTOMS" },
    country: { type: "string" },
    operations: { type: "string", default: "" },
    sub: { type: "string" },
    ttl: { type: "string", default: "8h" },
  },
}, USAGE);

try {
  const roles = values.role.split(",") as Role[];
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length) throw new Error(`Unknown role ${unknown.join(", ")}; expected one of ${ROLES.join(", ")}`);
  const tokens = new TokenService(loadConfig());
  const token = await tokens.mintDevToken(
    {
      sub: values.sub ?? `${roles[0]}@${values.agency}`,
      agency: values.agency,
      country: values.country ?? values.agency.slice(0, 2),
      roles,
      operations: values.operations ? values.operations.split(",") : [],
    },
    values.ttl,
  );
  console.log(token);
} catch (error) {
  console.error(`token: ${(error as Error).message}`);
  process.exit(1);
}
