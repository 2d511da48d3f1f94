import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { DETAIL_PAGES } from "../../_pages/detail-pages";

export default function IncidentNotFound() {
  return <NotFoundPanel {...DETAIL_PAGES.incident.panel} />;
}
