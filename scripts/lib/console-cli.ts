import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { AuditContext } from "../../lib/auth/actor";
import { ApiTokenCreate, createApiToken, listApiTokens, revokeApiToken } from "../../lib/auth/tokens";
import { permissionsOf } from "../../lib/auth/permissions";

// The commands of `npm run console`, apart from the process around them (scripts/console.ts), so tests run them.

export const USAGE = `usage:
  npm run console -- token create --name NAME --role viewer|analyst|responder|manager|admin --days N
  npm run console -- token list
  npm run console -- token revoke TOKEN_ID`;

/** Where a command writes: the token and --json output to `out`, messages for the person to `err`. */
export interface ConsoleOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

function cliAudit(): AuditContext {
  const who = `cli:${userInfo().username}`;
  return {
    actor: { type: "system", id: who, name: who, roles: ["Admin"], permissions: permissionsOf(["Admin"]) },
    requestId: randomUUID(),
    ip: null,
  };
}

/** Runs one console command; resolves to the process's exit code (2 for a usage error). */
export async function runConsole(args: string[], io: ConsoleOutput): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      days: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const [noun, verb, arg] = positionals;
  if (noun !== "token") return (io.err(USAGE), 2);
  if (verb === "create") {
    const input = ApiTokenCreate.safeParse({ name: values.name, role: values.role, days: values.days });
    if (!input.success) {
      io.err(
        `token create: ${input.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("; ")}\n${USAGE}`,
      );
      return 2;
    }
    const { token, row } = await createApiToken(cliAudit(), input.data);
    if (values.json) io.out(JSON.stringify({ token, ...row }));
    else {
      io.err(
        `Created token "${row.name}" (${row.role}, expires ${row.expiresAt.slice(0, 10)}, id ${row.id}). It is shown only now:`,
      );
      io.out(token);
    }
    return 0;
  }
  if (verb === "list") {
    const rows = await listApiTokens();
    if (values.json) io.out(JSON.stringify(rows));
    else
      for (const r of rows)
        io.out(
          `${r.id}  ${r.state.padEnd(8)} ${r.role.padEnd(10)} soc_${r.prefix}_…  ${r.name}  expires ${r.expiresAt.slice(0, 10)}  last used ${r.lastUsedAt ?? "never"}`,
        );
    return 0;
  }
  if (verb === "revoke" && arg) {
    const row = await revokeApiToken(cliAudit(), arg);
    io.out(`Revoked token "${row.name}" (${row.id}).`);
    return 0;
  }
  io.err(USAGE);
  return 2;
}
