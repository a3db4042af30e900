/**
 * Azure lists a registry's home region among its replications; only the other regions are
 * replicas that cost a replication unit. Locations compare case- and space-insensitively
 * because ARM answers "eastus" where a portal export may say "East US".
 */
function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

export function countReplicas(registryLocation: string, replicationLocations: readonly string[]): number {
  const home = normaliseLocation(registryLocation);
  return new Set(replicationLocations.map(normaliseLocation).filter((location) => location !== home)).size;
}
