"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The custom detection rules could not be loaded");
