import { describe, expect, it } from "vitest";
import { optionName, optionsFromParams } from "./validation";

describe("URL options", () => {
  it("names a kebab-case parameter by its camelCase option, as the CLI flag does", () => {
    expect(optionName("max-growth")).toBe("maxGrowth");
    expect(optionName("as-of")).toBe("asOf");
    expect(optionName("maxGrowth")).toBe("maxGrowth");
    expect(optionName("image")).toBe("image");
  });

  it("reads query parameters as options, a repeated one by its last value", () => {
    const params = new URLSearchParams("image=r.azurecr.io/a:1&max-growth=5%25&maxGrowth=20%25&baseline=previous");
    expect(optionsFromParams(params)).toEqual({ image: "r.azurecr.io/a:1", maxGrowth: "20%", baseline: "previous" });
    expect(optionsFromParams(Object.entries({ "max-growth": "7%", baseline: undefined }))).toEqual({ maxGrowth: "7%", baseline: undefined });
  });
});
