import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_RETRIES, startEmulatedTenant, type EmulatedTenant } from "../defender/testing";
import { ProviderError } from "../microsoft";
import type { DetectionRuleInput } from "./detection-rule-schemas";
import {
  createDetectionRule,
  deleteDetectionRule,
  getDetectionRule,
  listDetectionRules,
  toDetectionRule,
  updateDetectionRule,
} from "./detection-rules";
import { createGraphClient } from "./index";
import { DetectionRuleRecord } from "./detection-rule-schemas";

// Custom detection rules through the Graph client (beta /security/rules/detectionRules) against the emulator.

let tenant: EmulatedTenant;
beforeAll(async () => {
  tenant = await startEmulatedTenant({ seed: "detection-rules", devices: 20, alerts: 20, vulnsPerDevice: 2 });
});
afterAll(async () => {
  await tenant?.close();
});

/** A client whose fetch can lose the answer to the next POST after the emulator has handled it. */
function clientWithLostAnswers() {
  const sent: string[] = [];
  let loseNextPost = false;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const res = await tenant.transport.fetch(input, init);
    if (init?.method === "POST" && String(input).includes("/detectionRules")) {
      sent.push(String(input));
      if (loseNextPost) {
        loseNextPost = false;
        throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      }
    }
    return res;
  };
  const client = createGraphClient({ baseUrl: tenant.emu.graphUrl, tokens: tenant.tokens(), fetch, ...FAST_RETRIES });
  return { client, sent, loseNextPost: () => (loseNextPost = true) };
}

const lsass = (id: string, queryText: string): DetectionRuleInput => ({
  id,
  displayName: `LSASS dump ${id}`,
  status: "enabled",
  queryText,
  frequency: "PT1H",
  alertTemplate: {
    title: `LSASS memory dump on {{DeviceName}} (${id})`,
    severity: "high",
    entityMappings: { hosts: [{ deviceIdColumn: "DeviceId", nameColumn: "DeviceName" }] },
    tactics: [{ tactic: "CredentialAccess", techniques: [{ technique: "T1003", subTechniques: ["T1003.001"] }] }],
  },
});

const QUERY =
  "DeviceProcessEvents | where ProcessCommandLine has 'lsass' | project Timestamp, DeviceId, DeviceName, ReportId";

describe("detection rules client", () => {
  it("creates a rule that then appears in the list, reads, updates and deletes it", async () => {
    const { client } = clientWithLostAnswers();
    const created = await createDetectionRule(client, lsass("lsass-dump", QUERY));
    expect(created).toMatchObject({ id: "lsass-dump", status: "enabled", frequency: "PT1H" });
    expect(created.alertTemplate.tactics).toEqual([
      { tactic: "CredentialAccess", techniques: [{ technique: "T1003", subTechniques: ["T1003.001"] }] },
    ]);
    const listed = await listDetectionRules(client);
    expect(listed.map((r) => r.id)).toContain("lsass-dump");
    const got = await getDetectionRule(client, "lsass-dump");
    expect(got?.lastRun?.status).toBe("completed");
    const disabled = await updateDetectionRule(client, "lsass-dump", { status: "disabled" });
    expect(disabled.status).toBe("disabled");
    expect(disabled.alertTemplate.severity).toBe("high");
    expect(await deleteDetectionRule(client, "lsass-dump")).toBe(true);
    expect(await deleteDetectionRule(client, "lsass-dump")).toBe(false);
    expect(await getDetectionRule(client, "lsass-dump")).toBeNull();
  });

  it("refuses a query lacking ReportId with the column named", async () => {
    const { client } = clientWithLostAnswers();
    const err = await createDetectionRule(
      client,
      lsass("no-report-id", "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName"),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ status: 400, provider: "graph" });
    expect((err as Error).message).toMatch(/missing the required column ReportId/);
    expect(await getDetectionRule(client, "no-report-id")).toBeNull();
  });

  it("sends a create once and, when its answer is lost, finds the rule it made instead of failing or resending", async () => {
    const { client, sent, loseNextPost } = clientWithLostAnswers();
    loseNextPost();
    const rule = await createDetectionRule(client, lsass("lost-answer", QUERY));
    expect(rule.id).toBe("lost-answer");
    expect(sent).toHaveLength(1);
    // Another rule under the same id is a conflict, not a silent success.
    const clash = await createDetectionRule(client, {
      ...lsass("lost-answer", QUERY),
      displayName: "Something else",
    }).catch((e: unknown) => e);
    expect(clash).toMatchObject({ status: 409 });
  });

  it("reads a rule in the deprecated shape as the current one", () => {
    const legacy = DetectionRuleRecord.parse({
      id: "35079",
      displayName: "Some rule name",
      isEnabled: true,
      queryCondition: { queryText: "DeviceProcessEvents | take 1", lastModifiedDateTime: null },
      schedule: { period: "12H", nextRunDateTime: "2023-06-25T09:37:28.6149005Z" },
      lastRunDetails: { lastRunDateTime: null, status: null, failureReason: null, errorCode: null },
      detectionAction: {
        alertTemplate: {
          title: "Some alert title",
          severity: "medium",
          category: "Execution",
          mitreTechniques: ["T1059"],
        },
        organizationalScope: null,
        responseActions: [],
      },
    });
    expect(toDetectionRule(legacy)).toMatchObject({
      status: "enabled",
      frequency: "PT12H",
      alertTemplate: { tactics: [{ tactic: "Execution", techniques: [{ technique: "T1059", subTechniques: [] }] }] },
    });
  });
});
