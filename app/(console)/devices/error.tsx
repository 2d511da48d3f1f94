"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The device inventory could not be loaded");
