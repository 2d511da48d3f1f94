"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The deployment posture could not be loaded");
