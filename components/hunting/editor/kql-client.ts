// The editor's side of the KQL worker: starts it on first use, sends requests with ids and resolves each with its
// answer, or with null when a newer request of the same kind overtook it (the text changed meanwhile).
import type { KqlAnswers, KqlRequest, KqlRequestKind, KqlResponse } from "./protocol";
import { KUSTO_SCRIPTS } from "./kusto-assets";

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type RequestBody<K extends KqlRequestKind> = Omit<Extract<KqlRequest, { kind: K }>, "id" | "kind">;

export interface KqlClient {
  /** Resolves once Kusto.Language is loaded in the worker. */
  ready: Promise<KqlAnswers["init"]>;
  request<K extends Exclude<KqlRequestKind, "init">>(kind: K, body: RequestBody<K>): Promise<KqlAnswers[K] | null>;
  dispose(): void;
}

export function createKqlClient(): KqlClient {
  // Written exactly so (no options argument) for the bundler to build the worker as its own entry.
  const worker = new Worker(new URL("./kql.worker.ts", import.meta.url));
  const pending = new Map<number, Pending>();
  const latest = new Map<KqlRequestKind, number>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<KqlResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.result);
    else if (answer.stale) waiting.resolve(null);
    else waiting.reject(new Error(answer.error));
  };
  worker.onerror = (event) => {
    const error = new Error(event.message || "the KQL worker failed");
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function send(request: KqlRequest): Promise<unknown> {
    latest.set(request.kind, request.id);
    return new Promise((resolve, reject) => {
      pending.set(request.id, {
        // An answer that arrives after a newer request of its kind was sent is of no use to anyone.
        resolve: (value) => resolve(latest.get(request.kind) === request.id || request.kind === "init" ? value : null),
        reject,
      });
      worker.postMessage(request);
    });
  }

  const ready = send({ id: nextId++, kind: "init", scripts: KUSTO_SCRIPTS }) as Promise<KqlAnswers["init"]>;
  return {
    ready,
    request(kind, body) {
      return send({ ...body, id: nextId++, kind } as KqlRequest) as Promise<never>;
    },
    dispose() {
      worker.terminate();
      for (const p of pending.values()) p.resolve(null);
      pending.clear();
    },
  };
}
