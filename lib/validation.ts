/**
 * zod pieces shared by the parsers of user documents (the chargeback rules, the pricing file).
 */
import { z } from "zod";

/**
 * A JSON object whose keys are user data (registry names, regions). zod's record skips a
 * "__proto__" key without a word, and the entry would vanish: it is refused by name instead.
 */
export function userKeyedRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V, error: string, what: string) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input === "object" && input !== null && Object.hasOwn(input, "__proto__")) ctx.addIssue({ code: "custom", path: ["__proto__"], message: `is not ${what}` });
    })
    .pipe(z.record(key, value, { error }));
}
