import { route } from "@/lib/auth/route";
import { liveResponseFile } from "@/lib/actions";
import { LiveResponseFileRef } from "@/lib/actions/schemas";

// GET /api/actions/[id]/files/[index] (liveresponse:run) — the file a live response GetFile collected, streamed
// through the console: Defender's signed download link stays on the server. Audited (who took which file).
export const GET = route(
  { permission: "liveresponse:run", params: LiveResponseFileRef, rateLimit: "defender-read" },
  async ({ params, audit }) => {
    const file = await liveResponseFile(audit, params.id, params.index);
    return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": `attachment; filename="${file.fileName.replaceAll(/[^\w.-]/g, "_")}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
