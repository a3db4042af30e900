/** URLs of the registry pages; query strings carry only what differs from the defaults. */
export function registryHref(name: string): string {
  return `/registries/${encodeURIComponent(name)}`;
}

export function registriesHref(params: { search?: string; subscription?: string; page?: number | string }): string {
  const query = new URLSearchParams();
  if (params.search) query.set("search", params.search);
  if (params.subscription) query.set("subscription", params.subscription);
  if (params.page && Number(params.page) > 1) query.set("page", String(params.page));
  const text = query.toString();
  return text ? `/registries?${text}` : "/registries";
}

/** The CSV of exactly the registries the list filters to, all pages. */
export function registriesCsvHref(params: { search?: string; subscription?: string }): string {
  const query = new URLSearchParams();
  if (params.search) query.set("search", params.search);
  if (params.subscription) query.set("subscription", params.subscription);
  const text = query.toString();
  return text ? `/api/reports/registries.csv?${text}` : "/api/reports/registries.csv";
}
