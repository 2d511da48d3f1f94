"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The live response library could not be loaded");
