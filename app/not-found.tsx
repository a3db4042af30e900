import Link from "next/link";

export default function NotFound() {
  return (
    <div className="notice" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is nothing at this address.</p>
      <Link href="/">← Overview</Link>
    </div>
  );
}
