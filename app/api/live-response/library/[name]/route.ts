import { route } from "@/lib/auth/route";
import { deleteLibrary } from "@/lib/actions";
import { LibraryFileRef } from "@/lib/actions/schemas";

// DELETE /api/live-response/library/[name] (liveresponse:library) — remove a file from the live response library.
export const DELETE = route(
  { permission: "liveresponse:library", params: LibraryFileRef, audit: "liveresponse.library.delete" },
  async ({ params, audit }) => {
    await deleteLibrary(audit, params.name);
    return { data: { deleted: params.name } };
  },
);
