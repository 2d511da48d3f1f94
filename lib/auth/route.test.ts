import { describe, expect, expectTypeOf, it } from "vitest";
import type { Actor } from "./actor";
import { MAX_BODY_BYTES, route, z, type ActorFor } from "./route";

// What route() guarantees before any database is involved: the actor a handler sees by type, the body limit and
// the caching header. (Credentials, roles and audit are covered by the integration tests.)

describe("route()", () => {
  it("types the actor as present on every route that needs credentials, and as optional on public ones", () => {
    expectTypeOf<ActorFor<"console:read">>().toEqualTypeOf<Actor>();
    expectTypeOf<ActorFor<"authenticated">>().toEqualTypeOf<Actor>();
    expectTypeOf<ActorFor<"public">>().toEqualTypeOf<Actor | null>();
    // Compiles only while the handler's actor is non-null for a permissioned route (checked by tsc).
    route({ permission: "console:read" }, async ({ actor }) => actor.id);
    // @ts-expect-error a public route's actor may be null
    route({ permission: "public" }, async ({ actor }) => actor.id);
  });

  it("refuses a body over 64 KB with 413 before parsing it, and sends no-store", async () => {
    const handler = route({ permission: "public", body: z.object({ note: z.string() }) }, async ({ body }) => ({
      length: body.note.length,
    }));
    const call = (note: string) =>
      handler(
        new Request("http://console.test/x", {
          method: "PUT",
          body: JSON.stringify({ note }),
          headers: { "content-type": "application/json" },
        }),
      );
    const small = await call("a".repeat(1000));
    expect(small.status).toBe(200);
    expect(small.headers.get("cache-control")).toBe("no-store");
    const big = await call("a".repeat(MAX_BODY_BYTES));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");
    expect(big.headers.get("cache-control")).toBe("no-store");
  });
});
