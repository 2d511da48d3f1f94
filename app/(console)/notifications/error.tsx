"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The notification rules could not be loaded");
