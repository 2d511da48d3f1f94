"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The alert queue could not be loaded");
