-- Indexes whose work another index already does, or that no query uses: (category) and (detectionSource) are
-- prefixes of the queue (column, id) indexes, (isolationState) of (isolationState, id), and nothing filters device
-- vulnerabilities by severity alone. Each cost every sync write (500,000 device-vulnerability rows per TVM pass).

-- DropIndex
DROP INDEX "Alert_category_idx";

-- DropIndex
DROP INDEX "Alert_detectionSource_idx";

-- DropIndex
DROP INDEX "Device_isolationState_idx";

-- DropIndex
DROP INDEX "DeviceVulnerability_severity_idx";
