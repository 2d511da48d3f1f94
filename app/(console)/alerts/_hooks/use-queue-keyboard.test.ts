import { describe, expect, it } from "vitest";
import { moveFocus } from "./use-queue-keyboard";

describe("moveFocus", () => {
  const ids = ["a", "b", "c"];
  it("j moves down from nothing to the first row, and stops at the last", () => {
    expect(moveFocus(ids, null, "j")).toBe("a");
    expect(moveFocus(ids, "a", "j")).toBe("b");
    expect(moveFocus(ids, "c", "j")).toBe("c");
  });
  it("k moves up, stops at the first row, and starts at the first when nothing is focused", () => {
    expect(moveFocus(ids, "c", "k")).toBe("b");
    expect(moveFocus(ids, "a", "k")).toBe("a");
    expect(moveFocus(ids, null, "k")).toBe("a");
    expect(moveFocus(ids, "gone", "k")).toBe("a");
  });
  it("an empty list has nothing to focus", () => {
    expect(moveFocus([], null, "j")).toBeNull();
  });
});
