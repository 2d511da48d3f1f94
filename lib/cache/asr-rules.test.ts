import { describe, expect, it } from "vitest";
import { asrModesOf } from "./posture";
import { ASR_RULES, asrChoice } from "./asr-rules";

// Reading ASR modes from Intune settings-catalog JSON: the rule's setting id and its `<id>_<mode>` choice value.

const ID =
  "device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockexecutionofpotentiallyobfuscatedscripts";

describe("ASR settings", () => {
  it("names 5beb7efe… for what it is and lists the guide's eight rules", () => {
    expect(ASR_RULES.find((r) => r.guid.startsWith("5beb7efe"))!.name).toBe(
      "Block execution of potentially obfuscated scripts",
    );
    expect(ASR_RULES.filter((r) => r.inGuide)).toHaveLength(8);
  });

  it("reads a choice's mode and refuses values of another setting or mode", () => {
    expect(asrChoice(ID, `${ID}_audit`)).toMatchObject({
      mode: "audit",
      rule: { guid: "5beb7efe-fd9a-4556-801d-275e5ffc04cc" },
    });
    expect(asrChoice(ID, `${ID}_block`)?.mode).toBe("block");
    expect(asrChoice(ID, `${ID}_sometimes`)).toBeNull();
    expect(asrChoice(`${ID}x`, `${ID}x_block`)).toBeNull();
  });

  it("finds the rules inside the ASR group collection and ignores other settings", () => {
    const modes = asrModesOf([
      {
        id: "0",
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
          settingDefinitionId: "device_vendor_msft_policy_config_defender_attacksurfacereductionrules",
          groupSettingCollectionValue: [
            { children: [{ settingDefinitionId: ID, choiceSettingValue: { value: `${ID}_warn`, children: [] } }] },
          ],
        },
      },
      {
        id: "1",
        settingInstance: {
          settingDefinitionId: "device_vendor_msft_policy_config_defender_allowrealtimemonitoring",
          choiceSettingValue: { value: "device_vendor_msft_policy_config_defender_allowrealtimemonitoring_1" },
        },
      },
    ]);
    expect(modes).toEqual({ "5beb7efe-fd9a-4556-801d-275e5ffc04cc": "warn" });
  });
});
