import { isUniqueViolation } from "../db/unique-violation";
import { Conflict } from "../http/errors";

/** Runs a create or rename; a name another channel or rule already has becomes a 409 that names it. */
export async function withUniqueName<T>(what: "channel" | "rule", name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw new Conflict(`A ${what} named “${name}” already exists.`);
    throw err;
  }
}
