"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("The recommendations could not be loaded");
