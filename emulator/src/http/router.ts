import type { RequestContext } from "./context";

export type RouteSurface = "mde" | "graph";

export interface RouteDef {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** e.g. `/api/machines/{id}/isolate`; static segments match case-insensitively (ASP.NET routing). */
  template: string;
  surface: RouteSurface;
  /** Rate-limit family (see rate-limit.ts). */
  family: string;
  /** Any one of these application permissions (or their delegated counterparts) grants access. */
  permissions: readonly string[];
  /** A limit enforced on every call, faults or not: the low quotas a caller must design for (start investigation,
   *  live response, indicator import). Counted per (app, route), apart from the family windows. */
  quota?: { perMinute: number; perHour: number };
  /** 429 body of this route: the indicator import answer carries `code: "429"` and the tenant id as `target`. */
  throttle?: "tenantTarget";
  /** Also serve `{template}/$count` (bare number body, as the MDE OData samples page shows). */
  countable?: boolean;
  handler: (ctx: RequestContext & { countOnly?: boolean }) => Promise<void>;
}

interface CompiledTemplate {
  template: string;
  segments: { literal: string | null; name: string | null }[];
  staticCount: number;
  routes: RouteDef[];
  countOnly: boolean;
}

export interface RouteMatch {
  route: RouteDef | null;
  template: string;
  params: Record<string, string>;
  allowed: string[];
  countOnly: boolean;
}

export class Router {
  private templates: CompiledTemplate[] = [];

  add(route: RouteDef): void {
    this.addTemplate(route.template, route, false);
    if (route.countable) this.addTemplate(`${route.template}/$count`, route, true);
  }

  private addTemplate(template: string, route: RouteDef, countOnly: boolean): void {
    let compiled = this.templates.find((t) => t.template === template);
    if (!compiled) {
      const segments = template
        .split("/")
        .filter(Boolean)
        .map((s) =>
          s.startsWith("{") ? { literal: null, name: s.slice(1, -1) } : { literal: s.toLowerCase(), name: null },
        );
      compiled = { template, segments, staticCount: segments.filter((s) => s.literal).length, routes: [], countOnly };
      this.templates.push(compiled);
      this.templates.sort((a, b) => b.staticCount - a.staticCount);
    }
    compiled.routes.push(route);
  }

  match(method: string, path: string): RouteMatch | null {
    const parts = path.split("/").filter(Boolean);
    for (const t of this.templates) {
      if (t.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = t.segments[i]!;
        const part = parts[i]!;
        if (seg.literal !== null) {
          if (seg.literal !== safeDecode(part).toLowerCase()) {
            ok = false;
            break;
          }
        } else {
          params[seg.name!] = safeDecode(part);
        }
      }
      if (!ok) continue;
      const m = method === "HEAD" ? "GET" : method;
      const route = t.routes.find((r) => r.method === m) ?? null;
      return { route, template: t.template, params, allowed: t.routes.map((r) => r.method), countOnly: t.countOnly };
    }
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
