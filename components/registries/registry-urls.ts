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
