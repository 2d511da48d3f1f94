// npm run console -- token create --name X --role analyst --days 30 | token list | token revoke <id>
// Administration from the shell. With the embedded database it refuses while the console server owns the data
// folder (use the Settings page then); with PostgreSQL it works alongside running consoles.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { getDatabase } from "../lib/db";
import type { AuditContext } from "../lib/auth/actor";
import { ApiTokenCreate, createApiToken, listApiTokens, revokeApiToken } from "../lib/auth/tokens";
import { permissionsOf } from "../lib/auth/permissions";

const USAGE = `usage:
  npm run console -- token create --name NAME --role viewer|analyst|responder|manager|admin --days N
  npm run console -- token list
  npm run console -- token revoke TOKEN_ID`;

function cliAudit(): AuditContext {
  const who = `cli:${userInfo().username}`;
  return {
    actor: { type: "system", id: who, name: who, roles: ["Admin"], permissions: permissionsOf(["Admin"]) },
    requestId: randomUUID(),
    ip: null,
  };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      days: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const [noun, verb, arg] = positionals;
  if (noun !== "token") return (console.error(USAGE), 2);
  if (verb === "create") {
    const input = ApiTokenCreate.safeParse({ name: values.name, role: values.role, days: values.days });
    if (!input.success) {
      console.error(
        `token create: ${input.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("; ")}\n${USAGE}`,
      );
      return 2;
    }
    const { token, row } = await createApiToken(cliAudit(), input.data);
    if (values.json) console.log(JSON.stringify({ token, ...row }));
    else {
      console.error(
        `Created token "${row.name}" (${row.role}, expires ${row.expiresAt.slice(0, 10)}, id ${row.id}). It is shown only now:`,
      );
      console.log(token);
    }
    return 0;
  }
  if (verb === "list") {
    const rows = await listApiTokens();
    if (values.json) console.log(JSON.stringify(rows));
    else
      for (const r of rows)
        console.log(
          `${r.id}  ${r.state.padEnd(8)} ${r.role.padEnd(10)} soc_${r.prefix}_…  ${r.name}  expires ${r.expiresAt.slice(0, 10)}  last used ${r.lastUsedAt ?? "never"}`,
        );
    return 0;
  }
  if (verb === "revoke" && arg) {
    const row = await revokeApiToken(cliAudit(), arg);
    console.log(`Revoked token "${row.name}" (${row.id}).`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main()
  .then(async (code) => {
    await getDatabase().close();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`console: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
