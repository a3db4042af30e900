/**
 * The size gate: `<login-server>/<repository>:<tag>` read live from its registry, each platform's
 * size compared with the baseline of the earlier images of the same repository and architecture
 * in the inventory (lib/image-size/gate.ts decides). Shared by `npm run gate` and GET /api/gate.
 * Errors are LedgerErrors: "validation" for a bad reference or option, "not_found" for a registry
 * the inventory does not know or a tag the registry does not have.
 */
import { z } from "zod";
import { getLiveImage } from "../../azure/live-image";
import { parseImageReference } from "../../in-use/image-reference";
import { judgeImage, type GateVerdict } from "../gate";
import { LedgerError } from "../../errors";
import { getRegistryByLoginServer, listPreviousImageSizes } from "./list-previous-image-sizes";
import { trendSettingsSchema } from "../trend-params";
import { parseInput } from "../../validation";
import type { GateSource } from "./gate-source";

export const gateInputSchema = trendSettingsSchema.extend({
  image: z
    .string({ error: "is required: <login-server>/<repository>:<tag>" })
    .trim()
    .min(1, "is required: <login-server>/<repository>:<tag>"),
});
export type GateInput = z.input<typeof gateInputSchema>;

export async function runGate(input: GateInput, source: GateSource): Promise<GateVerdict> {
  const { image, maxGrowth, baseline } = parseInput(gateInputSchema, input);
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new LedgerError("validation", `image: ${parsed.error}`);
  const { loginServer, repository, tag, digest } = parsed.reference;
  const registry = await getRegistryByLoginServer(loginServer);
  if (!registry)
    throw new LedgerError("not_found", `Unknown registry ${loginServer}: no synced registry has this login server`);
  const reference = digest ?? tag!;
  const live = await getLiveImage(source.connection, source.loginServerFor(registry), repository, reference);
  if (!live)
    throw new LedgerError(
      "not_found",
      `${image} not found: registry ${registry.name} has no ${digest ? "manifest" : "tag"} ${reference} in ${repository}`,
    );
  if (live.platforms.length === 0)
    throw new LedgerError("validation", `${image} is not an image (no platform with an architecture)`);
  const settings = { maxGrowth, baseline };
  const limit = baseline.kind === "previous" ? 1 : baseline.count;
  const platforms = await Promise.all(
    live.platforms.map(async (p) => {
      const architecture = p.architecture ?? "unknown";
      const previousSizes = await listPreviousImageSizes({
        registryId: registry.id,
        repository,
        architecture,
        before: p.createdAt,
        excludeDigest: p.digest,
        limit,
      });
      return { architecture, digest: p.digest, sizeBytes: BigInt(p.sizeBytes), previousSizes };
    }),
  );
  return judgeImage(image.trim(), live.digest, platforms, settings);
}
