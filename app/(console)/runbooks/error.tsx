"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("Runbooks could not be loaded");
