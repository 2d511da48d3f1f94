import { route } from "@/lib/auth/route";
import { listLibrary, uploadLibrary } from "@/lib/actions";
import { LibraryUploadInput } from "@/lib/actions/schemas";

// GET /api/live-response/library (liveresponse:run) — the live response library, to choose a script from.
export const GET = route({ permission: "liveresponse:run", rateLimit: "defender-read" }, async () => ({
  data: await listLibrary(),
}));

// POST /api/live-response/library (liveresponse:library) — upload a file (base64 JSON; type and size checked first).
export const POST = route(
  {
    permission: "liveresponse:library",
    body: LibraryUploadInput,
    audit: "liveresponse.library.upload",
    // 20 MB of file as base64, and its description.
    maxBodyBytes: 28 * 1024 * 1024,
  },
  async ({ body, audit }) => Response.json({ data: await uploadLibrary(audit, body) }, { status: 201 }),
);
