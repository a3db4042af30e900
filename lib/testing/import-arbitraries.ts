/**
 * fast-check arbitraries for the import parsers' property tests: in-use uploads (kubectl JSON,
 * image lists) and FOCUS CSVs, shaped like the real files with hostile values in any place.
 */
import fc from "fast-check";
import { stringify } from "csv-stringify/sync";

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const lower = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 1,
  maxLength: 8,
});
const hex64 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
export const digestText = hex64.map((hex) => `sha256:${hex}`);

/** References the grammar accepts: an optional registry host, 1-3 path components, a tag and/or a digest. */
export const validReference = fc
  .record({
    host: fc.constantFrom(
      "",
      "main.azurecr.io/",
      "Main.WestEurope.geo.azurecr.io/",
      "docker.io/",
      "localhost:5000/",
      "registry.corp.example:5000/",
    ),
    path: fc.array(lower, { minLength: 1, maxLength: 3 }),
    tag: maybe(fc.stringMatching(/^\w[\w.-]{0,10}$/)),
    digest: maybe(digestText),
  })
  .map(
    ({ host, path, tag, digest }) =>
      `${host}${path.join("/")}${tag === undefined ? "" : `:${tag}`}${digest === undefined ? "" : `@${digest}`}`,
  );

/** Text that is almost a reference, or nothing like one. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "#",
    "# comment",
    "apiVersion: v1",
    "kind: List",
    "a b",
    "UPPER/Case",
    ":tag",
    "x@sha256:zz",
    "x:-bad",
    "=cmd|' /C calc'!A0",
    "\u0000",
    "𝔘",
    "a//b",
    "[::1]:5000/x",
  ),
  fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(400)),
);

const imageText = fc.oneof({ weight: 8, arbitrary: validReference }, { weight: 1, arbitrary: hostileText });

/** An image list: references, comments, blank and bad lines, with either line ending. */
export const imageListText = fc
  .tuple(
    fc.array(
      fc.oneof(
        imageText,
        imageText.map((ref) => `${ref}  # pinned`),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([lines, eol]) => lines.join(eol));

const anyJson = fc.jsonValue({ maxDepth: 2 });
const orAny = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anyJson });
const container = orAny(fc.record({ name: orAny(lower), image: orAny(imageText) }, { requiredKeys: ["image"] }));
const status = orAny(
  fc.record(
    {
      name: orAny(lower),
      imageID: orAny(
        fc.oneof(
          validReference.map((r) => `docker-pullable://${r}`),
          digestText,
          imageText,
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);
const pod = orAny(
  fc.record(
    {
      kind: orAny(fc.constant("Pod")),
      metadata: orAny(fc.record({ name: orAny(lower), namespace: maybe(orAny(lower)) }, { requiredKeys: [] })),
      spec: orAny(
        fc.record(
          {
            containers: orAny(fc.array(container, { maxLength: 3 })),
            initContainers: maybe(fc.array(container, { maxLength: 2 })),
          },
          { requiredKeys: [] },
        ),
      ),
      status: maybe(
        orAny(fc.record({ containerStatuses: maybe(orAny(fc.array(status, { maxLength: 3 }))) }, { requiredKeys: [] })),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** `kubectl get pods -A -o json` shaped documents with any value in any field. */
export const podListDocument = fc.record(
  {
    apiVersion: maybe(fc.constant("v1")),
    kind: maybe(orAny(fc.constantFrom("List", "PodList", "Pod", "DeploymentList"))),
    items: orAny(fc.array(pod, { maxLength: 4 })),
  },
  { requiredKeys: [] },
);

const deeplyNested = fc
  .integer({ min: 10_000, max: 100_000 })
  .map((depth) => `{"kind":${"[".repeat(depth)}${"]".repeat(depth)},"items":[]}`);

/** Any in-use upload: lists, pod lists, other JSON, arbitrary text. */
export const inUseBody = fc.oneof(
  imageListText,
  podListDocument.map((d) => JSON.stringify(d)),
  anyJson.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  deeplyNested,
);

const month = fc.constantFrom("2026-10", "2026-11", "2026-12");
// Mostly valid cells, so that whole files parse often enough for their rows to be checked.
const dateCell = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.oneof(
      month.map((m) => `${m}-01`),
      month.map((m) => `${m}-01T00:00:00Z`),
      month.map((m) => `${m.slice(5)}/01/${m.slice(0, 4)}`),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "someday", "2026-13-01", "=1+1") },
);
const amountCell = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.integer({ min: -10_000_000, max: 10_000_000 }).map((micros) => (micros / 1e6).toFixed(6)),
  },
  { weight: 3, arbitrary: fc.constantFrom("", "0", "-12.34", "1.5E-05", "1,234.50") },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom("1e999", ".", "-", "abc", "=SUM(A1)", "9".repeat(50)),
      fc.string({ maxLength: 6 }),
    ),
  },
);
const currencyCell = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom("USD", "usd") },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom("EUR", "", " "), fc.string({ maxLength: 4 })) },
);

const FOCUS_COLUMNS = [
  "BilledCost",
  "BillingCurrency",
  "ResourceId",
  "BillingPeriodStart",
  "ChargePeriodStart",
] as const;

/** FOCUS CSVs for `resourceIds` (registries' ARM ids): columns dropped or shuffled now and then, any value in a cell. */
export function focusCsvText(resourceIds: readonly string[]) {
  const resourceCell = fc.oneof(
    fc.constantFrom(...resourceIds).chain((id) => fc.constantFrom(id, id.toUpperCase(), `${id}/replications/westus`)),
    fc.constantFrom("", "/subscriptions/x/providers/microsoft.storage/storageaccounts/y"),
    fc.string({ maxLength: 10 }),
  );
  const cellFor: Record<(typeof FOCUS_COLUMNS)[number], fc.Arbitrary<string>> = {
    BilledCost: amountCell,
    BillingCurrency: currencyCell,
    ResourceId: resourceCell,
    BillingPeriodStart: dateCell,
    ChargePeriodStart: dateCell,
  };
  const columns = fc
    .shuffledSubarray([...FOCUS_COLUMNS], { minLength: 2 })
    .chain((kept) =>
      fc.oneof({ weight: 3, arbitrary: fc.constant([...FOCUS_COLUMNS]) }, { weight: 1, arbitrary: fc.constant(kept) }),
    );
  const structured = columns.chain((header) =>
    fc
      .tuple(
        fc.array(fc.tuple(...header.map((c) => cellFor[c])), { maxLength: 6 }),
        fc.constantFrom("", "\uFEFF"),
        fc.constantFrom("\n", "\r\n"),
      )
      .map(([rows, bom, eol]) => bom + stringify([header, ...rows], { record_delimiter: eol })),
  );
  return fc.oneof(
    { weight: 4, arbitrary: structured },
    { weight: 1, arbitrary: structured.map((text) => text.replace(/,/, ',"')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
}
