"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The audit log could not be loaded");
