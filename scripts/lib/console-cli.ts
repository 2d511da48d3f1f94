import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Actor, AuditContext } from "../../lib/auth/actor";
import { ApiTokenCreate, consoleUserByUpn, createApiToken, listApiTokens, revokeApiToken } from "../../lib/auth/tokens";
import { permissionsOf } from "../../lib/auth/permissions";
import { recordAuditFailure } from "../../lib/audit";
import { AppError } from "../../lib/http/errors";

// The commands of `npm run console`, apart from the process around them (scripts/console.ts), so tests run them.

export const USAGE = `usage:
  npm run console -- token create --as CREATOR_UPN --name NAME --role viewer|analyst|responder|manager|admin --days N
  npm run console -- token list
  npm run console -- token revoke TOKEN_ID`;

/** Where a command writes: the token and --json output to `out`, messages for the person to `err`. */
export interface ConsoleOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Who runs the shell command, as the audit log names it. */
const shellUser = () => `cli:${userInfo().username}`;

/** The audit context of a command: the named person when it acts for one, else the shell user as "system". */
function cliAudit(actor?: Actor): AuditContext {
  const who = shellUser();
  return {
    actor: actor ?? { type: "system", id: who, name: who, roles: ["Admin"], permissions: permissionsOf(["Admin"]) },
    requestId: randomUUID(),
    ip: null,
  };
}

/**
 * token create: the token's creator is a person who has signed in (--as), never the shell itself, so the token is
 * bounded by that person's roles and revoked when their access is ended, like one made on the Settings page.
 */
async function createToken(
  values: { as?: string; name?: string; role?: string; days?: string; json: boolean },
  io: ConsoleOutput,
): Promise<number> {
  const input = ApiTokenCreate.safeParse({ name: values.name, role: values.role, days: values.days });
  const problems = input.success ? [] : input.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`);
  if (!values.as?.trim()) problems.unshift("--as is required: the UPN of the console user the token is created for");
  if (!input.success || problems.length) {
    io.err(`token create: ${problems.join("; ")}\n${USAGE}`);
    return 2;
  }
  let audit = cliAudit();
  try {
    audit = cliAudit(await consoleUserByUpn(values.as!));
    const { token, row } = await createApiToken(audit, input.data, { via: shellUser() });
    if (values.json) io.out(JSON.stringify({ token, ...row }));
    else {
      io.err(
        `Created token "${row.name}" (${row.role}, for ${row.createdBy}, expires ${row.expiresAt.slice(0, 10)}, id ${row.id}). It is shown only now:`,
      );
      io.out(token);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Refused attempts are traced like the Settings page's (the route wrapper records those).
    const params = { ...input.data, as: values.as, via: shellUser() };
    await recordAuditFailure(audit, { action: "token.create", targetType: "api_token", params }, error.message);
    io.err(`token create: ${error.message}`);
    return 1;
  }
}

/** Runs one console command; resolves to the process's exit code (2 for a usage error). */
export async function runConsole(args: string[], io: ConsoleOutput): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      days: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const [noun, verb, arg] = positionals;
  if (noun !== "token") return (io.err(USAGE), 2);
  if (verb === "create") return createToken(values, io);
  if (verb === "list") {
    const rows = await listApiTokens();
    if (values.json) io.out(JSON.stringify(rows));
    else
      for (const r of rows)
        io.out(
          `${r.id}  ${r.state.padEnd(8)} ${r.role.padEnd(10)} soc_${r.prefix}_…  ${r.name}  by ${r.createdBy ?? "nobody"}  expires ${r.expiresAt.slice(0, 10)}  last used ${r.lastUsedAt ?? "never"}`,
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
