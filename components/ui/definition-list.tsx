import type { ReactNode } from "react";

export type Definition = { label: string; value: ReactNode; testId?: string };

export function DefinitionList({ items }: { items: Definition[] }) {
  return (
    <dl className="definitions">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
