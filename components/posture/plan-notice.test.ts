import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lacksPlan2, PlanFeatureNotice } from "./plan-notice";

// What a Plan 1 tenant sees where hunting would be (the /hunting page renders this instead of the workbench).
describe("Plan 2 features on a Plan 1 tenant", () => {
  it("explains hunting as a Plan 2 feature rather than failing", () => {
    expect(lacksPlan2("p1")).toBe(true);
    expect(lacksPlan2("business")).toBe(true);
    expect(lacksPlan2("p2")).toBe(false);
    expect(lacksPlan2("none")).toBe(false);
    const html = renderToStaticMarkup(createElement(PlanFeatureNotice, { feature: "hunting", plan: "p1" }));
    expect(html).toContain("Advanced hunting is a Defender for Endpoint Plan 2 feature");
    expect(html).toContain("Defender for Endpoint Plan 1");
    expect(html).toContain("learn.microsoft.com");
  });
});
