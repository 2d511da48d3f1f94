import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listLibrary } from "@/lib/actions";
import { LibraryManager } from "./_components/library-manager";

export const metadata: Metadata = { title: "Live response library" };

// /live-response/library — the scripts and tools live response can run or put on a device (Admins): list, upload
// (type and size checked before Defender is asked), delete. Read from Defender on each visit: nothing is cached.
export default async function LibraryPage() {
  await requireUser("liveresponse:library");
  const files = await listLibrary();
  return (
    <>
      <PageHeader
        title="Live response library"
        description="Scripts Responders can run on devices from the device page, and files they can put there. At most 20 MB a file."
      />
      <LibraryManager initial={files} />
    </>
  );
}
