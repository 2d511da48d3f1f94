import { UNGROUPED } from "../tvm/schemas";

/** A device's group in SQL (alias `d` for "Device"); devices without one are counted as Ungrouped. */
export const GROUP_SQL = `COALESCE(NULLIF(d."rbacGroupName", ''), '${UNGROUPED}')`;
