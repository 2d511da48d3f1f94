-- CreateIndex
CREATE INDEX "Device_inventory_name_idx" ON "Device"("name", "id");

-- CreateIndex
CREATE INDEX "Device_platform_id_idx" ON "Device"("platform", "id");

-- CreateIndex
CREATE INDEX "Device_openAlerts_id_idx" ON "Device"("openAlerts", "id");

-- CreateIndex
CREATE INDEX "Device_isolationState_id_idx" ON "Device"("isolationState", "id");

-- Written by hand: expression indexes for the inventory's other sort keys (lib/devices/sql.ts DEVICE_SORT_KEYS).
-- Each expression must stay identical to the one the query sorts on, or PostgreSQL will not use the index.
CREATE INDEX "Device_inventory_risk_idx" ON "Device"((CASE "riskScore" WHEN 'High' THEN 4 WHEN 'Medium' THEN 3 WHEN 'Low' THEN 2 WHEN 'Informational' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Device_inventory_exposure_idx" ON "Device"((CASE "exposureLevel" WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END), "id");
CREATE INDEX "Device_inventory_health_idx" ON "Device"((COALESCE("healthStatus", '')), "id");
CREATE INDEX "Device_inventory_onboarding_idx" ON "Device"((COALESCE("onboardingStatus", '')), "id");
CREATE INDEX "Device_inventory_last_seen_idx" ON "Device"((COALESCE("lastSeen", '-infinity'::timestamp)), "id");
CREATE INDEX "Device_inventory_group_idx" ON "Device"((COALESCE("rbacGroupName", '')), "id");
CREATE INDEX "Device_inventory_compliance_idx" ON "Device"((COALESCE("complianceState", '')), "id");
CREATE INDEX "Device_inventory_user_idx" ON "Device"((COALESCE("primaryUserUpn", '')), "id");
CREATE INDEX "Device_inventory_vulnerabilities_idx" ON "Device"(("vulnCritical"::bigint * 1000000000000 + "vulnHigh"::bigint * 100000000 + "vulnMedium"::bigint * 10000 + "vulnLow"::bigint), "id");
CREATE INDEX "Device_inventory_intune_sync_idx" ON "Device"((COALESCE("lastIntuneSync", '-infinity'::timestamp)), "id");


-- Written by hand: the search box matches an IP address by prefix (lib/devices/sql.ts searchSql), which a
-- text_pattern_ops index serves whatever the database collation.
CREATE INDEX "Device_inventory_ip_prefix_idx" ON "Device"("lastIpAddress" text_pattern_ops);

-- CreateIndex
CREATE INDEX "Device_machineTags_idx" ON "Device" USING GIN ("machineTags");
