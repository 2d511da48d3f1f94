import { describe, expect, it } from "vitest";
import { attributeComments, describeAuditEvent } from "./describe";

describe("describeAuditEvent", () => {
  const triage = (params: object, result = "success", action = "alert.triage") =>
    describeAuditEvent({ action, params, result }, "this alert");

  it("reads a triage as a sentence with human words, not the API's enums or JSON", () => {
    expect(triage({ status: "Resolved", classification: "FalsePositive", determination: "NotMalicious" })).toBe(
      "resolved this alert as False positive — Not malicious",
    );
    expect(triage({ status: "InProgress", assignedTo: "bob@contoso.example", comment: "on it" })).toBe(
      "set this alert to In progress, assigned it to bob@contoso.example and commented “on it”",
    );
    expect(triage({ classification: "TruePositive", determination: "MultiStagedAttack" })).toBe(
      "classified this alert as True positive — Multistage attack",
    );
  });

  it("says when a change failed or its outcome was never recorded", () => {
    expect(triage({ status: "Resolved" }, "failure")).toBe("tried to resolve this alert");
    expect(triage({ status: "New" }, "pending", "alert.triage.intent")).toBe("asked Defender to set this alert to New");
  });

  it("names the bulk change an alert was part of, and the other acts the console records", () => {
    expect(triage({ status: "Resolved", batch: 4 }, "success", "alert.bulk_triage")).toBe(
      "resolved this alert (one bulk change of 4 alerts)",
    );
    const e = (action: string, params: object, target = "fin-lt-0004") =>
      describeAuditEvent({ action, params, result: "success" }, target);
    expect(e("action.request", { type: "Isolate", scope: "Full", comment: "ransomware" })).toBe(
      "requested Isolate (Full) on fin-lt-0004: “ransomware”",
    );
    expect(e("action.approve", { type: "Unisolate", requestedBy: "rob@contoso.example" })).toBe(
      "approved rob@contoso.example's Release from isolation of fin-lt-0004",
    );
    expect(e("view.create", { name: "Hot queue", shared: true })).toBe(
      "saved the view “Hot queue” and shared it with everyone",
    );
    expect(e("sync.run", { full: true })).toBe("started a full resync");
    expect(e("hunting.query.share", { name: "LSASS dumps", folder: "Credentials", shared: true })).toBe(
      "saved the hunting query “LSASS dumps” in “Credentials” and shared it with everyone",
    );
    expect(e("hunting.query.share", { name: "LSASS dumps", changed: ["shared"], shared: true })).toBe(
      "shared the hunting query “LSASS dumps” with everyone",
    );
    expect(e("hunting.query.update", { name: "LSASS dumps", changed: ["query", "tags"] })).toBe(
      "changed the hunting query “LSASS dumps” (query and tags)",
    );
    expect(e("hunting.query.delete", { name: "LSASS dumps", shared: true })).toBe(
      "deleted the shared hunting query “LSASS dumps”",
    );
    expect(e("incident.triage", { status: "Resolved" }, "this incident")).toBe("resolved this incident");
    expect(e("tvm.something_new", {}, "x")).toBe("something new x");
  });
});

describe("attributeComments", () => {
  const APP = "cacf56cb-f83f-4a1c-b5aa-fa22557f7d0e";
  const at = (min: number) => new Date(Date.UTC(2026, 11, 2, 1, min)).toISOString();

  it("credits each comment Defender gave to the console's app to the person the audit log names", () => {
    const out = attributeComments(
      [
        { comment: "first", createdBy: APP, createdTime: at(0) },
        { comment: "same words", createdBy: APP, createdTime: at(10) },
        { comment: "same words", createdBy: APP, createdTime: at(40) },
      ],
      [
        { at: at(41), actorName: "bob@contoso.example", comment: "same words" },
        { at: at(10), actorName: "ana@contoso.example", comment: "same words" },
        { at: at(0), actorName: "ana@contoso.example", comment: "first" },
      ],
    );
    expect(out.map((c) => c.createdBy)).toEqual(["ana@contoso.example", "ana@contoso.example", "bob@contoso.example"]);
  });

  it("keeps a portal author, and never shows the app id when the console has no record", () => {
    const out = attributeComments(
      [
        { comment: "from the portal", createdBy: "soc@contoso.example", createdTime: at(0) },
        { comment: "old", createdBy: APP, createdTime: at(0) },
      ],
      [{ at: at(50), actorName: "ana@contoso.example", comment: "old" }],
    );
    expect(out[0].createdBy).toBe("soc@contoso.example");
    expect(out[1].createdBy).toBe("through the console (author not recorded)");
  });
});
