import { describe, expect, it } from "vitest";
import { DAY_MS } from "../calendar";
import { listAppImages } from "./apps";
import { generateEstate } from "./generator";

const date = new Date("2026-11-01T00:00:00Z");

describe("the estate's apps", () => {
  const estate = generateEstate({ seed: 3, scale: "small", date });

  it("are the same for the same seed and date", () => {
    expect(generateEstate({ seed: 3, scale: "small", date }).apps).toEqual(estate.apps);
    expect(generateEstate({ seed: 4, scale: "small", date }).apps).not.toEqual(estate.apps);
  });

  it("give every subscription container apps, a job, web apps, a slot, a sidecar site and a function app", () => {
    for (const sub of estate.subscriptions) {
      const apps = estate.apps.containerApps.filter((a) => a.subscriptionId === sub.id);
      const sites = estate.apps.sites.filter((s) => s.subscriptionId === sub.id);
      expect(apps.map((a) => a.kind).sort()).toEqual(["containerapp", "containerapp", "job"]);
      expect(sites.some((s) => s.kind.startsWith("functionapp") && s.linuxFxVersion.startsWith("DOCKER|"))).toBe(true);
      expect(sites.some((s) => s.linuxFxVersion === "SITECONTAINERS" && s.siteContainers.length === 2)).toBe(true);
      expect(sites.flatMap((s) => s.slots)).toHaveLength(1);
      const revisions = apps.flatMap((a) => a.revisions);
      expect(revisions.filter((r) => r.active).length).toBe(3); // web: latest and previous; worker: latest
      expect(revisions.some((r) => !r.active)).toBe(true);
    }
    const images = listAppImages(estate.apps).map((i) => i.image);
    expect(images.some((i) => i.startsWith("mcr.microsoft.com/"))).toBe(true);
    expect(images.some((i) => /@sha256:[0-9a-f]{64}$/.test(i))).toBe(true);
    expect(
      images.some((i) => /:[^/@]+$/.test(i) && estate.registries.some((r) => i.startsWith(`${r.loginServer}/`))),
    ).toBe(true);
  });

  it("pin by digest, in one container app per subscription, an estate image whose every tag is stale", () => {
    expect(estate.apps.protectedImages).toHaveLength(estate.subscriptions.length);
    for (const p of estate.apps.protectedImages) {
      const repo = estate.registries
        .find((r) => r.name === p.registry)!
        .repositories.find((r) => r.name === p.repository)!;
      const manifest = repo.manifests.find((m) => m.digest === p.digest)!;
      expect(manifest.tags.length).toBeGreaterThan(0);
      const newest = [...repo.tags]
        .sort((a, b) => b.lastUpdatedAt.getTime() - a.lastUpdatedAt.getTime())
        .slice(0, 5)
        .map((t) => t.name);
      for (const name of manifest.tags) {
        const tag = repo.tags.find((t) => t.name === name)!;
        expect(date.getTime() - tag.lastUpdatedAt.getTime()).toBeGreaterThan(90 * DAY_MS);
        expect(newest).not.toContain(name);
        expect(name).not.toMatch(/^(v?\d+\.\d+\.\d+|latest)$/);
      }
      const users = listAppImages(estate.apps).filter((i) => i.image.endsWith(`@${p.digest}`));
      expect(users.map((u) => u.resourceId)).toEqual([p.resourceId]);
    }
  });
});
