import { Panel } from "@/components/ui/panel";

const FIELDS: { name: string; text: string }[] = [
  {
    name: "olderThanDays",
    text: "A tag is a candidate only when its last update is more than this many days before the as-of date (default 90).",
  },
  { name: "keepLatest", text: "The newest tags of each repository (by last update) that are always kept (default 5)." },
  {
    name: "keepPatterns",
    text: "Regular expressions in RE2 syntax (case-sensitive, unanchored: write ^ and $) searched in the tag name; a matching tag is kept. RE2 runs in time linear in the tag, so it refuses backreferences and lookaround; at most 100 patterns of 256 characters. Default: semantic versions and latest.",
  },
  {
    name: "untaggedOlderThanDays",
    text: "A manifest without tags is deleted once it is older than this many days (default 7).",
  },
  { name: "overrides", text: "A list of exceptions for some repositories; see below." },
];

/** What each policy field means and how overrides combine; the rules themselves live in lib/stale. */
export function PolicyHelp() {
  return (
    <Panel title="How the policy reads" testId="policy-help">
      <dl className="definitions">
        {FIELDS.map((field) => (
          <div key={field.name}>
            <dt>
              <code>{field.name}</code>
            </dt>
            <dd style={{ margin: 0 }}>{field.text}</dd>
          </div>
        ))}
      </dl>
      <p>
        Every field is optional: a missing one takes its default, and an unknown field is an error. An override is{" "}
        <code>{'{"registry": "<name or *>", "repository": "<glob>", ...fields}'}</code>: the registry name is compared
        case-insensitively (<code>*</code> for any), the repository is a glob where <code>*</code> matches within one
        path segment and <code>**</code> across slashes (<code>team-a/**</code> is every repository under{" "}
        <code>team-a/</code> and <code>team-a</code> itself; also <code>?</code>, <code>[a-c]</code>,{" "}
        <code>{"{a,b}"}</code>; at most 256 characters and 32 wildcards). Overrides apply in order and the{" "}
        <strong>later matching override wins field by field</strong>; <code>keepPatterns</code> is one field, so an
        override&apos;s list replaces the one before it.
      </p>
      <p className="muted" style={{ marginBottom: 0 }}>
        The cleanup plan (<code>npm run report -- cleanup-plan</code> and its CSV route) uses this policy unless one is
        given with <code>--policy FILE</code> or <code>?policy=</code>, which wins for that report only.
      </p>
    </Panel>
  );
}
