import { fileStamp } from "./csv";

/**
 * A CSV download streamed chunk by chunk as the source yields it, so a large export never sits in memory.
 * The file is named `<prefix>-<UTC timestamp>.csv`; no-store because exports follow filters and permissions.
 */
export function csvResponse(filenamePrefix: string, chunks: AsyncIterable<string>, now = new Date()): Response {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = fileStamp(now);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filenamePrefix}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
