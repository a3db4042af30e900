/** The image-size-trends CSV of one repository (or the estate), with the page's baseline and threshold. */
export function imageSizeTrendsCsvHref(params: {
  registry?: string;
  repository?: string;
  baseline?: string;
  maxGrowth?: string;
}): string {
  const query = new URLSearchParams();
  if (params.registry) query.set("registry", params.registry);
  if (params.repository) query.set("repository", params.repository);
  if (params.baseline) query.set("baseline", params.baseline);
  if (params.maxGrowth) query.set("max-growth", params.maxGrowth);
  const text = query.toString();
  return text ? `/api/reports/image-size-trends.csv?${text}` : "/api/reports/image-size-trends.csv";
}
