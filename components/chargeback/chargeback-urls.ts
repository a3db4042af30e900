/** URLs of the monthly review and its CSV; the month and the "scale to billed" choice travel in the query string. */
export type ChargebackUrlState = { month: string; scale: boolean };

function query(state: ChargebackUrlState): string {
  const params = new URLSearchParams({ month: state.month });
  if (state.scale) params.set("scale", "billed");
  return params.toString();
}

export function chargebackHref(state: ChargebackUrlState): string {
  return `/chargeback?${query(state)}`;
}

export function chargebackCsvHref(state: ChargebackUrlState): string {
  return `/api/reports/chargeback.csv?${query(state)}`;
}

export function billedImportUrl(month: string): string {
  return `/api/chargeback/billed?month=${encodeURIComponent(month)}`;
}
