/* eslint-disable @typescript-eslint/no-explicit-any -- the worker's global scope and Kusto's globals are untyped here */
// The KQL language worker: loads Kusto.Language (the Bridge runtime, then the library: both classic scripts that
// define globals, hence importScripts) when the editor first asks, then answers diagnostics, completions and
// classifications off the main thread. Requests queued behind a slow one are coalesced: of each kind only the
// newest is answered, the older ones are answered as stale.
import { DEFENDER_TABLES } from "@/lib/hunting/defender-tables";
import { createQueryShapeReader, type QueryShapeReader } from "@/lib/detections/query-shape";
import { createKqlService, type KqlService } from "./kql-service";
import { newestOfEachKind, type KqlRequest, type KqlResponse } from "./protocol";

const scope = self as any;
let service: KqlService | null = null;
let shape: QueryShapeReader | null = null;
let queue: KqlRequest[] = [];
let scheduled = false;

function reply(response: KqlResponse) {
  scope.postMessage(response);
}

function answer(request: KqlRequest): unknown {
  if (request.kind === "init") {
    const started = performance.now();
    if (!service) {
      scope.importScripts(...request.scripts);
      service = createKqlService(scope.Kusto, DEFENDER_TABLES);
      shape = createQueryShapeReader(scope.Kusto, DEFENDER_TABLES);
    }
    return { loadMs: Math.round(performance.now() - started) };
  }
  if (!service) throw new Error("the KQL language service is not loaded");
  if (request.kind === "diagnostics") return service.diagnostics(request.text);
  if (request.kind === "completions") return service.completions(request.text, request.position);
  if (request.kind === "shape") return shape!(request.text);
  return service.classifications(request.text);
}

function drain() {
  scheduled = false;
  const { answer: toAnswer, stale } = newestOfEachKind(queue);
  queue = [];
  for (const r of stale) reply({ id: r.id, ok: false, stale: true });
  for (const r of toAnswer) {
    try {
      reply({ id: r.id, ok: true, result: answer(r) });
    } catch (error) {
      reply({ id: r.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

scope.onmessage = (event: MessageEvent<KqlRequest>) => {
  queue.push(event.data);
  // Let every message already posted arrive before answering, so superseded ones are never computed.
  if (!scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
};
