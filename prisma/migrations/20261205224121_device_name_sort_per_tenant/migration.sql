-- Written by hand: the inventory's case-insensitive name sort (lib/devices/sql.ts DEVICE_SORT_KEYS.name) reads one
-- tenant's devices (lib/cache/tenant.ts), so the tenant leads the index as it leads every other cache index. The
-- expression must stay identical to the query's, or PostgreSQL will not use the index.
DROP INDEX "Device_inventory_name_idx";

CREATE INDEX "Device_inventory_name_idx" ON "Device"("tenantId", (lower("name")), "id");
