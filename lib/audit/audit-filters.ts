/**
 * The audit log's filters, shared by the /audit page, its CSV link and the `audit` report: actor
 * (name or subject contains, any case), action (exact), from/to (UTC days, both included).
 */
import { z } from "zod";
import { daySchema, optionalFilterText } from "@/lib/validation";
import { AUDIT_ACTIONS } from "./actions";

const emptyIsAbsent = (value: unknown) => (value === "" ? undefined : value);

export const auditFilterSchema = z
  .object({
    actor: optionalFilterText,
    action: z.preprocess(emptyIsAbsent, z.enum(AUDIT_ACTIONS).optional()),
    from: z.preprocess(emptyIsAbsent, daySchema.optional()),
    to: z.preprocess(emptyIsAbsent, daySchema.optional()),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, {
    path: ["to"],
    message: "must not be before from",
  });
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** The query string of a filter (page excluded), in one fixed order. */
export function auditFilterQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filter[key];
    if (value !== undefined) query.set(key, value);
  }
  return query;
}
