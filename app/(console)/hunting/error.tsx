"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The hunting page could not be loaded");
