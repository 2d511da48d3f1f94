-- Device rows are rewritten by every sync pass and derivation, and each index is written with them. Nothing filters
-- on the primary user: it is searched case-insensitively and sorted by its COALESCE index.

-- DropIndex
DROP INDEX "Device_primaryUserUpn_idx";
