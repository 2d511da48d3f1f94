import { route } from "@/lib/auth/route";
import { devicesCsv } from "@/lib/devices";
import { DeviceExportQuery } from "@/lib/devices/schemas";

export const dynamic = "force-dynamic";

// GET /api/devices/export (console:read) — exactly the filtered inventory rows as CSV, streamed in view order
export const GET = route({ permission: "console:read", query: DeviceExportQuery }, async ({ query }) => {
  const chunks = devicesCsv(query);
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
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="devices-${stamp}.csv"`, "Cache-Control": "no-store" },
  });
});
