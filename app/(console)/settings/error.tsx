"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("Settings could not be loaded");
