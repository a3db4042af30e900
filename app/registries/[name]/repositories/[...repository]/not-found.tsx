import Link from "next/link";

export default function RepositoryNotFound() {
  return (
    <div className="notice" data-testid="repository-not-found">
      <h1>Repository not found</h1>
      <p>No current registry has a repository of this name. It may have been deleted, or not synced yet.</p>
      <Link href="/repositories">← All repositories</Link>
    </div>
  );
}
