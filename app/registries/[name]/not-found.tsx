import Link from "next/link";

export default function RegistryNotFound() {
  return (
    <div className="notice" data-testid="registry-not-found">
      <h1>Registry not found</h1>
      <p>No current registry has this name. It may have been removed from Azure, or not synced yet.</p>
      <Link href="/registries">← All registries</Link>
    </div>
  );
}
