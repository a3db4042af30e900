/**
 * The chargeback CSV, a FOCUS 1.3 dataset (focus-export.ts; the rules checked in
 * focus-conformance.ts): one allocated charge per team × registry × cost kind of the month
 * (non-zero amounts only), from getChargebackMonth's `lines`, the same the monthly review shows.
 * Amounts are exact decimals of the micros; BilledCost = EffectiveCost = the allocated amount (its
 * share of the imported bill with --scale billed), ListCost = ContractedCost = the cost-model
 * estimate. Periods are ISO 8601 UTC instants, ends exclusive: the billing period is the calendar
 * month, the charge period the days the figures cover (to today while the month runs).
 * Without --rules the month is allocated with the rules in force at its end (`--rules current`:
 * today's); the columns never change, and the route names the version used in the
 * X-Chargeback-Rules header.
 */
import { z } from "zod";
import { parseChargebackConfigText, type ChargebackConfig } from "@/lib/chargeback/config";
import { describeError } from "@/lib/errors";
import { getChargebackMonth, type ChargebackMonth } from "@/lib/chargeback/server/get-chargeback-month";
import type { RulesVersionView } from "@/lib/chargeback/server/resolve-config";
import { daySchema, monthSchema } from "@/lib/validation";
import { defineReport } from "../reports/define-report";
import { loadFocusContext } from "./server/focus-context";
import {
  CHARGEBACK_COLUMNS,
  CHARGEBACK_NUMERIC_COLUMNS,
  FOCUS_VERSION,
  focusRows,
  type FocusContext,
} from "./focus-export";

type FocusExport = { review: ChargebackMonth; context: FocusContext };

const rulesOption = z
  .string()
  .optional()
  .transform((text, ctx): ChargebackConfig | "current" | undefined => {
    if (text === undefined) return undefined;
    if (text.trim() === "current") return "current";
    try {
      return parseChargebackConfigText(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: describeError(error) });
      return z.NEVER;
    }
  });

export { CHARGEBACK_COLUMNS };

/** The version of the rules as a header value: JSON, non-ASCII escaped (header values are bytes). */
export function rulesHeader(rules: RulesVersionView): string {
  return JSON.stringify(rules).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export const chargebackReport = defineReport({
  name: "chargeback",
  teamScoped: true,
  description:
    `FOCUS ${FOCUS_VERSION} chargeback: one allocated charge per team × registry × cost kind of the month, amounts allocated from the cost model ` +
    "(storage by attributed bytes, fixed fees by the registry's method, tasks by the output image's owner); for every " +
    "registry the rows sum exactly to its cost (or to its imported bill with --scale billed)",
  columns: CHARGEBACK_COLUMNS,
  numericColumns: CHARGEBACK_NUMERIC_COLUMNS,
  options: z.object({
    month: monthSchema.optional(),
    asOf: daySchema.optional(),
    rules: rulesOption,
    scale: z.enum(["estimate", "billed"], { error: 'expected "estimate" or "billed"' }).optional(),
  }),
  optionDescriptions: {
    month: "the month, YYYY-MM (default: the last complete month, UTC: the one before asOf's month)",
    asOf: "count the month up to this day, YYYY-MM-DD (default: today, UTC)",
    rules:
      "the chargeback config JSON (CLI: a file to read; route: the JSON text), or current: the rules stored now; " +
      "default: the rules stored at /teams in force at the month's end",
    scale:
      "billed: scale each registry's rows to its imported FOCUS bill (ListCost keeps the estimate); default estimate",
  },
  fileOptions: ["rules"],
  optionKeywords: { rules: ["current"] },
  async prepare({ month, asOf, rules, scale }, _format, access): Promise<FocusExport> {
    const options = {
      today: asOf,
      config: rules === "current" ? undefined : rules,
      rules: rules === "current" ? ("current" as const) : undefined,
      scaleToBilled: scale === "billed",
    };
    const review = await getChargebackMonth(month, { ...options, access });
    // A team's rows are the whole dataset's: their ratios and quantities split each origin over every team's line.
    const whole =
      access.kind === "all" ? review : await getChargebackMonth(month, { ...options, access: { kind: "all" } });
    return { review, context: await loadFocusContext(whole) };
  },
  headers: ({ review }) => ({ "X-Chargeback-Rules": rulesHeader(review.rules) }),
  async *rows({ review, context }) {
    yield* focusRows(review, context);
  },
});
