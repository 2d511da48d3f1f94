"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The indicators could not be loaded");
