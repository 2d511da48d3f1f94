// Licences ("List subscribedSkus"): the Microsoft 365 suite decides the Defender for Endpoint plan through its service
// plans — MDE_LITE (Plan 1) in E3, WINDEFATP (Plan 2) in E5 — next to Intune and Entra ID P1.
import type { Plan, ServicePlan, SubscribedSku } from "./model";

const plan = (servicePlanId: string, servicePlanName: string, appliesTo = "User"): ServicePlan => ({
  servicePlanId,
  servicePlanName,
  provisioningStatus: "Success",
  appliesTo,
});

const COMMON = [
  plan("c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "INTUNE_A"),
  plan("41781fb2-bc02-4b7c-bd55-b576c07bb09d", "AAD_PREMIUM"),
  plan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"),
];

/** Its `id` is `{tenantId}_{skuId}`, as Graph returns it. */
export function subscribedSkus(tenantId: string, p: Plan, devices: number): SubscribedSku[] {
  const seats = Math.max(25, Math.ceil((devices * 1.1) / 5) * 5);
  const suite: SubscribedSku =
    p === "p2"
      ? {
          id: "",
          skuId: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
          skuPartNumber: "SPE_E5",
          capabilityStatus: "Enabled",
          consumedUnits: 0,
          enabledUnits: seats,
          servicePlans: [...COMMON, plan("871d91ec-ec1a-452b-a83f-bd76c7d770ef", "WINDEFATP")],
        }
      : {
          id: "",
          skuId: "05e9a617-0261-4cee-bb44-138d3ef5d965",
          skuPartNumber: "SPE_E3",
          capabilityStatus: "Enabled",
          consumedUnits: 0,
          enabledUnits: seats,
          servicePlans: [...COMMON, plan("292cc034-7b7c-4950-aaf5-943befd3f1d4", "MDE_LITE")],
        };
  suite.id = `${tenantId}_${suite.skuId}`;
  suite.consumedUnits = Math.min(seats, Math.round(seats * 0.92));
  return [suite];
}
