/**
 * The exact figure behind a rounded one, for readers who cannot hover for the title: read by
 * screen readers right after the rounded text, not drawn. Callers leave it out when rounding lost nothing.
 */
export function ExactValue({ exact }: { exact: string }) {
  return <span className="sr-only"> (exactly {exact})</span>;
}
