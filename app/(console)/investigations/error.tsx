"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The investigations could not be loaded");
