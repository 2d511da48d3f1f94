import { describe, expect, it } from "vitest";
import { containsPattern, SqlParams } from "./sql-params";

describe("raw SQL parameters", () => {
  it("numbers each value in the order it is added", () => {
    const p = new SqlParams();
    expect([p.add("a"), p.add(["b", "c"])]).toEqual(["$1", "$2"]);
    expect(p.values).toEqual(["a", ["b", "c"]]);
  });

  it("makes wildcards a person types match themselves in a LIKE search", () => {
    expect(containsPattern("50%_off\\now")).toBe("%50\\%\\_off\\\\now%");
  });
});
