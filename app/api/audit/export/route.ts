import { route } from "@/lib/auth/route";
import { AuditFilter, auditEventsCsv } from "@/lib/audit";

export const dynamic = "force-dynamic";

// GET /api/audit/export (audit:export) — the filtered audit log as CSV, streamed
export const GET = route({ permission: "audit:export", query: AuditFilter }, async ({ query }) => {
  const rows = auditEventsCsv(query);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
