import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { DETAIL_PAGES } from "../../../_pages/detail-pages";

export default function CveNotFound() {
  return <NotFoundPanel {...DETAIL_PAGES.vulnerability.panel} />;
}
