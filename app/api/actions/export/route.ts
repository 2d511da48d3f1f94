import { route } from "@/lib/auth/route";
import { actionsCsv } from "@/lib/actions";
import { ActionExportQuery } from "@/lib/actions/schemas";

export const dynamic = "force-dynamic";

// GET /api/actions/export (console:read) — the filtered action list as CSV, streamed
export const GET = route({ permission: "console:read", query: ActionExportQuery }, async ({ query }) => {
  const chunks = actionsCsv(query);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="actions-${stamp}.csv"`, "Cache-Control": "no-store" },
  });
});
