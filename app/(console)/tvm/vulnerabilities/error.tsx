"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The vulnerability list could not be loaded");
