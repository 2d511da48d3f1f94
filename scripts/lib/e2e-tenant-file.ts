/** Where scripts/e2e-server.ts writes the ready line of the tenant whose console listens on `consolePort`. */
export function e2eTenantFile(consolePort: number): string {
  return `test-results/e2e-tenant-${consolePort}.json`;
}
