"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The action center could not be loaded");
