import { z } from "zod";
import { InUseInputError } from "./input-error";

const MAX_LENGTH = 200;
/** Names the sync gives the images of a subscription's Azure apps (lib/sync/sync-app-images). */
const AZURE_PREFIXES = ["azure-container-apps/", "azure-app-service/"];

const clusterName = z
  .string({ error: "is required (the name of the cluster these images run in)" })
  .trim()
  .min(1, "is required (the name of the cluster these images run in)")
  .max(MAX_LENGTH, `is longer than ${MAX_LENGTH} characters`)
  .refine((v) => !/\p{Cc}/u.test(v), "must not contain control characters")
  .refine((v) => !AZURE_PREFIXES.some((p) => v.toLowerCase().startsWith(p)), {
    message:
      "must not start with azure-container-apps/ or azure-app-service/: the sync keeps the Azure apps' images under those names",
  });

/** The cluster name an import is kept under, trimmed; a re-import under the same name replaces it. */
export function parseClusterName(value: unknown): string {
  const result = clusterName.safeParse(value);
  if (!result.success) throw new InUseInputError(`cluster name ${result.error.issues[0].message}`);
  return result.data;
}
