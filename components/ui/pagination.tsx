import Link from "next/link";
import { formatCount } from "@/lib/format";

/** Previous/next links; `hrefFor` keeps the rest of the URL (filters, sort) intact. */
export function Pagination({
  page,
  pageCount,
  total,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  return (
    <nav className="pagination" aria-label="Pages" data-testid="pagination" data-total={total}>
      <span className="muted">
        Page {formatCount(page)} of {formatCount(pageCount)} · {formatCount(total)} rows
      </span>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} data-testid="page-prev">
          ← Previous
        </Link>
      ) : (
        <span className="disabled">← Previous</span>
      )}
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} data-testid="page-next">
          Next →
        </Link>
      ) : (
        <span className="disabled">Next →</span>
      )}
    </nav>
  );
}
