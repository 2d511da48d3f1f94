import { z } from "zod";

// Client-safe: the assignee picker's look-up (zod) and, re-exported, its zod-free words (./vocabulary.ts).

export * from "./vocabulary";

export const AssigneeQuery = z.object({ q: z.string().trim().min(1, "type at least one character").max(100) }).strict();
