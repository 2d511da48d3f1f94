import type { PrismaClient } from "../../lib/generated/prisma/client";
import { cacheTenantId } from "../../lib/cache/tenant";

// The alert-queue benchmarks' fixture: one INSERT … SELECT generate_series (a fixture, not a sync).
// 180 days of alerts. Older ones are mostly resolved, as in a working SOC; severities skew low.
const SEED_SQL = `
INSERT INTO "Alert" ("tenantId","id","incidentId","title","description","severity","status","classification","determination","category",
  "detectionSource","mitreTechniques","machineId","computerDnsName","assignedTo","relatedUserName","relatedUserDomain",
  "alertCreationTime","lastUpdateTime","priority","priorityRule","slaDueAt")
SELECT
  $2,
  'da' || lpad(i::text, 18, '0') || '_' || (i * 7919 % 100000)::text,
  (i / 4)::bigint,
  (ARRAY['Suspicious PowerShell command line','Credential dumping via LSASS memory','Ransomware behaviour detected',
         'New service installed on host','Suspicious scheduled task','Malicious URL clicked','Lateral movement using WMI',
         'Unusual sign-in to a sensitive server','Suspicious process injection','Defender AV detected a trojan',
         'Suspicious Office macro','Possible data exfiltration over DNS'])[1 + (i * 31 % 12)] || ' #' || (i % 40)::text,
  'Generated for the alert-queue benchmark.',
  sev,
  CASE WHEN age_days > 7 AND i % 10 < 8 THEN 'Resolved' WHEN i % 3 = 0 THEN 'InProgress' ELSE 'New' END,
  NULL, NULL,
  (ARRAY['Execution','CredentialAccess','Ransomware','Persistence','LateralMovement','DefenseEvasion','Discovery','Exfiltration','InitialAccess','Malware'])[1 + (i * 13 % 10)],
  (ARRAY['WindowsDefenderAtp','WindowsDefenderAv','AutomatedInvestigation','CustomDetection','SmartScreen'])[1 + (i * 17 % 5)],
  CASE i * 7 % 6 WHEN 0 THEN ARRAY['T1059'] WHEN 1 THEN ARRAY['T1003.001'] WHEN 2 THEN ARRAY['T1486','T1059']
    WHEN 3 THEN ARRAY['T1021.002'] WHEN 4 THEN ARRAY['T1053.005'] ELSE ARRAY[]::text[] END,
  md5('m' || (i % 2000)::text) || substr(md5('n' || (i % 2000)::text), 1, 8),
  'host-' || (i % 2000)::text || '.contoso.example',
  CASE WHEN i % 3 = 0 THEN 'analyst' || (i % 10)::text || '@contoso.example' ELSE NULL END,
  'user' || (i % 500)::text, 'CONTOSO',
  created, created + interval '5 minutes',
  prio,
  CASE WHEN prio = 'Critical' THEN 'High-severity ransomware' END,
  CASE prio WHEN 'Critical' THEN created + interval '15 minutes' WHEN 'High' THEN created + interval '1 hour'
            WHEN 'Medium' THEN created + interval '8 hours' WHEN 'Low' THEN created + interval '3 days' END
FROM (
  SELECT i, sev, age_days, created,
    CASE WHEN sev = 'High' AND i * 13 % 10 IN (1, 2) THEN 'Critical'
         WHEN sev = 'UnSpecified' THEN 'Low' ELSE sev END AS prio
  FROM (
    SELECT i,
      (ARRAY['High','Medium','Medium','Medium','Low','Low','Low','Low','Informational','Informational','UnSpecified'])[1 + (i * 11 % 11)] AS sev,
      (i % 180) AS age_days,
      (now() AT TIME ZONE 'UTC') - ((i % 180) * interval '1 day') - ((i * 37 % 1440) * interval '1 minute') AS created
    FROM generate_series(1, $1::int) AS i
  ) s
) t`;

/**
 * Inserts `rows` generated alerts of `tenantId`, then analyses and vacuums so plans and index-only scans are as in
 * steady state.
 */
export async function seedBenchAlerts(
  prisma: PrismaClient,
  rows: number,
  tenantId: string = cacheTenantId(),
): Promise<void> {
  await prisma.$executeRawUnsafe(SEED_SQL, rows, tenantId);
  await prisma.$executeRawUnsafe(`ANALYZE "Alert"`);
  // Vacuum sets the visibility map so count-style queries can use index-only scans, as autovacuum would.
  await prisma.$executeRawUnsafe(`VACUUM "Alert"`);
}
