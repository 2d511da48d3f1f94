"use client";

import { segmentError } from "@/components/ui/error-panel";

export default segmentError("Something went wrong");
