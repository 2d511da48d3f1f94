"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("Incidents could not be loaded");
