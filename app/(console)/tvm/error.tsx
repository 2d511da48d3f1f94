"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The vulnerability dashboard could not be loaded");
