"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The device could not be loaded");
