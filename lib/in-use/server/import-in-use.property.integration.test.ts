/**
 * Any upload to POST /api/in-use, against the real database: 201, or 422 with the tables exactly as
 * they were; never a 500, and an accepted upload changes its own cluster's import only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/in-use/route";
import { useTestDatabase } from "@/lib/testing/database";
import { inUseBody } from "@/lib/testing/import-arbitraries";
import { importInUseImages } from "./import-in-use";
import { TEST_ACTOR } from "@/lib/testing/actors";

const testDb = useTestDatabase();

async function stored() {
  const imports = await testDb.db.inUseImport.findMany({
    orderBy: { id: "asc" },
    include: { references: { orderBy: { id: "asc" } } },
  });
  return imports;
}

describe("POST /api/in-use (property)", () => {
  it("answers any upload with 201 or a 422 that changed nothing", async () => {
    await importInUseImages(
      {
        cluster: "prod-aks",
        body: "main.azurecr.io/shop/web:2.4\nmain.azurecr.io/shop/api:1.0\n",
      },
      TEST_ACTOR,
    );
    await importInUseImages({ cluster: "dev", body: "main.azurecr.io/shop/web:edge\n" }, TEST_ACTOR);
    const cluster = fc.constantFrom("prod-aks", "dev", "new", " ", "azure-app-service/x");
    const query = fc.constantFrom("", "&allowEmpty=true", "&allowEmpty=1");
    const contentType = fc.constantFrom("application/json", "application/octet-stream");
    await fc.assert(
      fc.asyncProperty(inUseBody, cluster, query, contentType, async (body, name, extra, type) => {
        const before = await stored();
        const response = await POST(
          new Request(`http://localhost/api/in-use?cluster=${encodeURIComponent(name)}${extra}`, {
            method: "POST",
            body,
            headers: { "content-type": type },
          }),
        );
        expect([201, 422], await response.clone().text()).toContain(response.status);
        const after = await stored();
        if (response.status === 422) {
          expect(after).toEqual(before);
          return;
        }
        const { cluster: imported } = await response.json();
        const others = (rows: typeof before) => rows.filter((i) => i.clusterName !== imported);
        expect(others(after)).toEqual(others(before));
        expect(after.filter((i) => i.clusterName === imported)).toHaveLength(1);
      }),
      { numRuns: 25 },
    );
  });
});
