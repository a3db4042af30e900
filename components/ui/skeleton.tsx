/** Placeholders shown by Suspense while a panel's query runs. */
export function SkeletonRows({ rows = 8 }: { rows?: number }) {
  return (
    <div className="skeleton-rows" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton skeleton-row" />
      ))}
    </div>
  );
}

export function SkeletonPanel({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <section className="panel">
      <header className="panel-header">
        <h2>{title}</h2>
      </header>
      <div className="panel-body">
        <SkeletonRows rows={rows} />
      </div>
    </section>
  );
}

export function SkeletonStats({ count = 5 }: { count?: number }) {
  return (
    <div className="stats" aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="stat skeleton skeleton-stat" />
      ))}
    </div>
  );
}
