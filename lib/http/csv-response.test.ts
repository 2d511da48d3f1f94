import { describe, expect, it } from "vitest";
import { csvResponse } from "./csv-response";

async function* chunks() {
  yield "a,b\r\n";
  yield "1,2\r\n";
}

describe("csvResponse", () => {
  it("streams every chunk as a dated, uncached CSV attachment", async () => {
    const res = csvResponse("devices", chunks(), new Date("2026-11-26T16:30:05.123Z"));
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="devices-2026-11-26T163005.csv"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.text()).toBe("a,b\r\n1,2\r\n");
  });
});
