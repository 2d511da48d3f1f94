import { Prisma } from "../generated/prisma/client";

/** Whether a write failed on a unique constraint (Prisma's P2002, or the driver's own message from a raw statement). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError
    ? err.code === "P2002"
    : /unique constraint|duplicate key/i.test(String((err as Error)?.message));
}
