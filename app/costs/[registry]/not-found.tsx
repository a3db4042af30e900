import Link from "next/link";

export default function RegistryCostsNotFound() {
  return (
    <div className="notice" data-testid="registry-costs-not-found">
      <h1>Registry costs not found</h1>
      <p>No registry of this name has a snapshot by the end of this month, nor a task run in it.</p>
      <Link href="/costs">← All registries&rsquo; costs</Link>
    </div>
  );
}
