// Threat & vulnerability management endpoints (defender-endpoint/api/): vulnerabilities, machinesVulnerabilities
// (streamed from typed arrays, one page at a time), recommendations, software, per-machine views.
import type { ApiEnv } from "../api-env";
import { notFound } from "../http/errors";
import { respondList } from "../http/list-response";
import { sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import type { CollectionSource, ListRules } from "../odata/collection";
import type { EntityFields } from "../odata/fields";
import { failsConfiguration } from "../tenant/generate-recommendations";
import type { Device, Recommendation, SoftwareProduct, Vulnerability } from "../tenant/model";
import type { Tenant } from "../tenant/tenant";
import { machineOr404 } from "./machine-routes";
import {
  machineReferenceJson,
  machineVulnerabilityId,
  machineVulnerabilityJson,
  machineVulnerabilityText,
  recommendationJson,
  softwareJson,
  vulnerabilityJson,
} from "./tvm-json";

const VULN = ["Vulnerability.Read.All"];
const RECS = ["SecurityRecommendation.Read.All"];
const SOFTWARE = ["Software.Read.All"];
const SEVERITIES = ["Low", "Medium", "High", "Critical"];

const VULN_FIELDS: EntityFields<Vulnerability> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicVulnerabilityDto",
  fields: {
    id: { type: "string", get: (v) => v.id, sortable: true },
    name: { type: "string", get: (v) => v.name },
    description: { type: "string", get: (v) => v.description },
    cvssV3: { type: "number", get: (v) => v.cvss, sortable: true },
    publishedOn: { type: "datetime", get: (v) => v.publishedMs, sortable: true },
    severity: { type: "enum", get: (v) => v.severity, enumValues: SEVERITIES, sortable: true },
    updatedOn: { type: "datetime", get: (v) => v.updatedMs, sortable: true },
  },
};

function rowFields(t: Tenant): EntityFields<number> {
  const machine = (r: number) => t.machines[t.rows.rowMachine[r]!]!;
  const vuln = (r: number) => t.vulns[t.rows.rowVuln[r]!]!;
  const soft = (r: number) => t.software[vuln(r).software]!;
  return {
    entityName: "microsoft.windowsDefenderATP.api.PublicAssetVulnerabilityDto",
    fields: {
      id: { type: "string", get: (r) => machineVulnerabilityId(t, r) },
      cveId: { type: "string", get: (r) => vuln(r).id },
      machineId: { type: "string", get: (r) => machine(r).id },
      fixingKbId: { type: "string", get: (r) => vuln(r).fixingKb },
      productName: { type: "string", get: (r) => soft(r).product },
      productVersion: { type: "string", get: (r) => t.softwareVersion(machine(r), soft(r)) },
      severity: { type: "enum", get: (r) => vuln(r).severity, enumValues: SEVERITIES },
      productVendor: { type: "string", get: (r) => soft(r).vendor },
    },
  };
}

const REC_FIELDS: EntityFields<Recommendation> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicRecommendationDto",
  fields: {
    id: { type: "string", get: (r) => r.id },
    productName: { type: "string", get: (r) => r.productName },
    vendor: { type: "string", get: (r) => r.vendor },
    recommendedVersion: { type: "string", get: (r) => r.recommendedVersion },
    recommendationCategory: { type: "string", get: (r) => r.category },
    subCategory: { type: "string", get: (r) => r.subCategory },
    severityScore: { type: "number", get: (r) => r.severityScore, sortable: true },
    remediationType: { type: "string", get: (r) => r.remediationType },
    recommendedProgram: { type: "string", get: (r) => r.recommendedProgram },
    recommendedVendor: { type: "string", get: (r) => r.recommendedVendor },
    status: { type: "string", get: (r) => r.status },
  },
};

const SOFTWARE_FIELDS: EntityFields<SoftwareProduct> = {
  entityName: "microsoft.windowsDefenderATP.api.PublicProductDto",
  fields: {
    id: { type: "string", get: (s) => `${s.vendor}-_-${s.product}` },
    name: { type: "string", get: (s) => s.product },
    vendor: { type: "string", get: (s) => s.vendor },
  },
};

const PAGING_ONLY = ["$top", "$skip"];

function rules<T>(
  entity: EntityFields<T>,
  maxTop: number,
  options: readonly string[] = ["$filter", "$top", "$skip", "$orderby"],
): ListRules<T> {
  return { entity, maxTop, defaultPageSize: maxTop, options };
}

function staticSource<T>(
  name: string,
  items: () => readonly T[],
  version: () => number = () => 0,
): CollectionSource<T> {
  return { name, size: () => items().length, at: (i) => items()[i]!, version };
}

const NO_FIELDS = <T>(name: string): EntityFields<T> => ({ entityName: name, fields: {} });

export function tvmRoutes(env: ApiEnv): RouteDef[] {
  const t = env.tenant;
  const ctxUrl = (ctx: { baseUrl: string }, set: string) => `${ctx.baseUrl}/api/$metadata#${set}`;
  const rowSource: CollectionSource<number> = {
    name: "machinesVulnerabilities",
    size: () => t.rows.rowVuln.length,
    at: (i) => i,
    version: () => 0,
  };
  const vulnOr404 = (id: string) =>
    t.vulnById.get(id.toLowerCase()) ??
    (() => {
      throw notFound("Vulnerability", id);
    })();
  const recOr404 = (id: string) =>
    t.recommendationById.get(id.toLowerCase()) ??
    (() => {
      throw notFound("Recommendation", id);
    })();
  const softwareOr404 = (id: string) =>
    t.softwareById.get(id.toLowerCase()) ??
    (() => {
      throw notFound("Software", id);
    })();
  const refRules = rules(NO_FIELDS<Device>("microsoft.windowsDefenderATP.api.MachineReference"), 10_000, PAGING_ONLY);
  const refs = (ctx: Parameters<RouteDef["handler"]>[0], name: string, machines: () => Device[]) =>
    respondList(ctx, env, {
      source: staticSource(name, machines),
      rules: refRules,
      contextUrl: ctxUrl(ctx, "MachineReferences"),
      serialize: machineReferenceJson,
      keyField: "id",
      style: "mde",
    });

  const softwareMachines = (s: SoftwareProduct): Device[] => t.machines.filter((m) => m.software.includes(s.idx));
  const recommendationMachines = (r: Recommendation): Device[] => {
    if (r.software === null) return t.machines.filter((m) => failsConfiguration(r, m));
    const out: Device[] = [];
    for (const m of t.machines) {
      for (let row = t.rows.machineStart[m.idx]!; row < t.rows.machineStart[m.idx + 1]!; row++) {
        if (t.vulns[t.rows.rowVuln[row]!]!.software === r.software) {
          out.push(m);
          break;
        }
      }
    }
    return out;
  };
  const machineVulns = (m: Device): Vulnerability[] => {
    const [from, to] = t.machineRows(m);
    const out: Vulnerability[] = [];
    for (let r = from; r < to; r++) out.push(t.vulns[t.rows.rowVuln[r]!]!);
    return out;
  };
  const machineRecommendations = (m: Device): Recommendation[] => {
    const vulnerable = new Set(machineVulns(m).map((v) => v.software));
    return t.recommendations.filter((r) =>
      r.software !== null ? vulnerable.has(r.software) : failsConfiguration(r, m),
    );
  };

  return [
    // GET /api/vulnerabilities (Vulnerability.Read.All), $top ≤ 8,000 (get-all-vulnerabilities)
    {
      method: "GET",
      template: "/api/vulnerabilities",
      surface: "mde",
      family: "tvm",
      permissions: VULN,
      countable: true,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: staticSource("vulnerabilities", () => t.vulns),
          rules: rules(VULN_FIELDS, 8_000),
          contextUrl: ctxUrl(ctx, "Vulnerabilities"),
          serialize: vulnerabilityJson,
          keyField: "id",
          timeField: "publishedOn",
          style: "mde",
        }),
    },
    // GET /api/vulnerabilities/machinesVulnerabilities (Vulnerability.Read.All): rows built per page from typed arrays
    {
      method: "GET",
      template: "/api/vulnerabilities/machinesVulnerabilities",
      surface: "mde",
      family: "tvm",
      permissions: VULN,
      countable: true,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: rowSource,
          rules: rules(rowFields(t), 10_000, ["$filter", "$top", "$skip"]),
          contextUrl: ctxUrl(ctx, "Collection(microsoft.windowsDefenderATP.api.PublicAssetVulnerabilityDto)"),
          serialize: (r) => machineVulnerabilityJson(t, r),
          serializeText: (r) => machineVulnerabilityText(t, r),
          keyField: "id",
          style: "mde",
        }),
    },
    {
      method: "GET",
      template: "/api/vulnerabilities/{id}",
      surface: "mde",
      family: "tvm",
      permissions: VULN,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Vulnerabilities/$entity"),
          ...vulnerabilityJson(vulnOr404(ctx.params.id!)),
        }),
    },
    {
      method: "GET",
      template: "/api/vulnerabilities/{id}/machineReferences",
      surface: "mde",
      family: "tvm",
      permissions: VULN,
      handler: (ctx) => {
        const v = vulnOr404(ctx.params.id!);
        return refs(ctx, `refs:vuln:${v.id}`, () => t.vulnMachines(v));
      },
    },
    // GET /api/machines/{id}/vulnerabilities (Vulnerability.Read.All), 50/min (get-discovered-vulnerabilities)
    {
      method: "GET",
      template: "/api/machines/{id}/vulnerabilities",
      surface: "mde",
      family: "machines.vulnerabilities",
      permissions: VULN,
      handler: (ctx) => {
        const m = machineOr404(env, ctx.params.id!);
        return respondList(ctx, env, {
          source: staticSource(`vulns:machine:${m.id}`, () => machineVulns(m)),
          rules: rules(VULN_FIELDS, 10_000),
          contextUrl: ctxUrl(ctx, "Collection(Analytics.Contracts.PublicAPI.PublicVulnerabilityDto)"),
          serialize: vulnerabilityJson,
          keyField: "id",
          style: "mde",
        });
      },
    },
    // GET /api/recommendations (SecurityRecommendation.Read.All)
    {
      method: "GET",
      template: "/api/recommendations",
      surface: "mde",
      family: "tvm",
      permissions: RECS,
      countable: true,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: staticSource("recommendations", () => t.recommendations),
          rules: rules(REC_FIELDS, 10_000),
          contextUrl: ctxUrl(ctx, "Recommendations"),
          serialize: recommendationJson,
          keyField: "id",
          style: "mde",
        }),
    },
    {
      method: "GET",
      template: "/api/recommendations/{id}",
      surface: "mde",
      family: "tvm",
      permissions: RECS,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Recommendations/$entity"),
          ...recommendationJson(recOr404(ctx.params.id!)),
        }),
    },
    {
      method: "GET",
      template: "/api/recommendations/{id}/machineReferences",
      surface: "mde",
      family: "tvm",
      permissions: RECS,
      handler: (ctx) => {
        const r = recOr404(ctx.params.id!);
        return refs(ctx, `refs:rec:${r.id}`, () => recommendationMachines(r));
      },
    },
    {
      method: "GET",
      template: "/api/recommendations/{id}/vulnerabilities",
      surface: "mde",
      family: "tvm",
      permissions: RECS,
      handler: (ctx) => {
        const r = recOr404(ctx.params.id!);
        const list =
          r.software === null ? [] : t.vulns.filter((v) => v.software === r.software && v.exposedMachines > 0);
        return sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Vulnerabilities"),
          value: list.map(vulnerabilityJson),
        });
      },
    },
    {
      method: "GET",
      template: "/api/machines/{id}/recommendations",
      surface: "mde",
      family: "tvm",
      permissions: RECS,
      handler: (ctx) => {
        const m = machineOr404(env, ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Recommendations"),
          value: machineRecommendations(m).map(recommendationJson),
        });
      },
    },
    // GET /api/Software (Software.Read.All); static segments match case-insensitively
    {
      method: "GET",
      template: "/api/Software",
      surface: "mde",
      family: "tvm",
      permissions: SOFTWARE,
      countable: true,
      handler: (ctx) =>
        respondList(ctx, env, {
          source: staticSource("software", () => t.software),
          rules: rules(SOFTWARE_FIELDS, 10_000),
          contextUrl: ctxUrl(ctx, "Software"),
          serialize: (s) => softwareJson(t, s),
          keyField: "id",
          style: "mde",
        }),
    },
    {
      method: "GET",
      template: "/api/Software/{id}",
      surface: "mde",
      family: "tvm",
      permissions: SOFTWARE,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Software/$entity"),
          ...softwareJson(t, softwareOr404(ctx.params.id!)),
        }),
    },
    {
      method: "GET",
      template: "/api/Software/{id}/machineReferences",
      surface: "mde",
      family: "tvm",
      permissions: SOFTWARE,
      handler: (ctx) => {
        const s = softwareOr404(ctx.params.id!);
        return refs(ctx, `refs:sw:${s.idx}`, () => softwareMachines(s));
      },
    },
    {
      method: "GET",
      template: "/api/Software/{id}/vulnerabilities",
      surface: "mde",
      family: "tvm",
      permissions: SOFTWARE,
      handler: (ctx) => {
        const s = softwareOr404(ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Vulnerabilities"),
          value: t.vulns.filter((v) => v.software === s.idx && v.exposedMachines > 0).map(vulnerabilityJson),
        });
      },
    },
    {
      method: "GET",
      template: "/api/machines/{id}/software",
      surface: "mde",
      family: "tvm",
      permissions: SOFTWARE,
      handler: (ctx) => {
        const m = machineOr404(env, ctx.params.id!);
        return sendJson(ctx, 200, {
          "@odata.context": ctxUrl(ctx, "Software"),
          value: m.software.map((i) => softwareJson(t, t.software[i]!)),
        });
      },
    },
  ];
}
