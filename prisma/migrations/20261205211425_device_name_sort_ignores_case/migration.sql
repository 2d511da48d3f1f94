-- DropIndex
DROP INDEX "Device_inventory_name_idx";

-- Written by hand: the inventory sorts names case-insensitively (lib/devices/sql.ts DEVICE_SORT_KEYS.name), so
-- Intune's upper-case names sort among Defender's lower-case ones. The expression must stay identical to the
-- query's, or PostgreSQL will not use the index.
CREATE INDEX "Device_inventory_name_idx" ON "Device"((lower("name")), "id");
