"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("Sync status could not be loaded");
