/** The report framework's formats and file options, which the cleanup plan's script needs; no database. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isLedgerError, LedgerError } from "@/lib/errors";
import { defineReport } from "../reports/define-report";

const report = defineReport({
  name: "demo",
  description: "demo",
  columns: ["word"],
  options: z.object({ word: z.string().default("hi") }),
  optionDescriptions: { word: "the word" },
  fileOptions: ["word"],
  async *rows({ word }) {
    yield { word };
  },
  formats: {
    shout: {
      contentType: "text/plain",
      extension: "txt",
      description: "the word in capitals",
      async *render({ word }) {
        yield `${word.toUpperCase()}!\n`;
      },
    },
  },
});

const text = async (chunks: AsyncIterable<string>) => {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
};

describe("defineReport formats", () => {
  it("renders CSV by default and another format when asked, each with its content type and extension", async () => {
    const csv = await report.render({ word: "=x" }, { kind: "all" });
    expect({ type: csv.contentType, ext: csv.extension, body: await text(csv.chunks) }).toEqual({
      type: "text/csv; charset=utf-8",
      ext: "csv",
      body: "word\n'=x\n",
    });
    const shout = await report.render({ format: "shout" }, { kind: "all" });
    expect({ type: shout.contentType, ext: shout.extension, body: await text(shout.chunks) }).toEqual({
      type: "text/plain",
      ext: "txt",
      body: "HI!\n",
    });
    expect(await text((await report.render({ format: "csv" }, { kind: "all" })).chunks)).toBe("word\nhi\n");
  });

  it("declares the format option and the file options, and rejects an unknown format before rendering", async () => {
    expect(report.options).toEqual([
      { name: "word", description: "the word", fromFile: true },
      { name: "format", description: "csv (default) or shout (the word in capitals)" },
    ]);
    await expect(report.render({ format: "pdf" }, { kind: "all" })).rejects.toThrow(
      /Invalid option "format" for report demo: expected one of csv, shout/,
    );
    const unknown = await report.render({ colour: "red" }, { kind: "all" }).catch((error: unknown) => error);
    expect(isLedgerError(unknown, "validation")).toBe(true);
  });

  it("awaits the prepare step before the first byte: rows and formats get its result, its failure rejects render", async () => {
    const prepared: string[] = [];
    const staged = defineReport({
      name: "staged",
      description: "",
      columns: ["word"],
      options: z.object({ word: z.string() }),
      optionDescriptions: { word: "the word" },
      async prepare({ word }) {
        prepared.push(word);
        if (word === "bad") throw new LedgerError("validation", "Invalid stored setting:\n  word: must not be bad");
        return { upper: word.toUpperCase() };
      },
      async *rows({ upper }) {
        yield { word: upper };
      },
    });
    const output = await staged.render({ word: "ok" }, { kind: "all" });
    expect(prepared).toEqual(["ok"]);
    expect(await text(output.chunks)).toBe("word\nOK\n");
    await expect(staged.render({ word: "bad" }, { kind: "all" })).rejects.toThrow(/word: must not be bad/);
    const rows = [];
    for await (const row of staged.open({ word: "ok" }, { kind: "all" })) rows.push(row);
    expect(rows).toEqual([{ word: "OK" }]);
  });

  it("gives a report without formats no format option", async () => {
    const plain = defineReport({
      name: "plain",
      description: "",
      columns: ["a"],
      options: z.object({}),
      optionDescriptions: {},
      async *rows() {},
    });
    expect(plain.options).toEqual([]);
    await expect(plain.render({ format: "csv" }, { kind: "all" })).rejects.toThrow(/Unknown option "format"/);
  });
});

describe("the CLI reads file options", () => {
  it("exits 2 naming an unreadable file, or the bad field of the policy in it, before any byte", async () => {
    const { runReportCli } = await import("../reports/cli");
    const { Writable } = await import("node:stream");
    const sink = () => {
      let data = "";
      return {
        stream: new Writable({
          write: (c, _e, done) => {
            data += String(c);
            done();
          },
        }),
        text: () => data,
      };
    };
    const dir = await mkdtemp(path.join(tmpdir(), "report-cli-"));
    const missing = path.join(dir, "missing.json");
    const out = sink();
    const err = sink();
    expect(await runReportCli(["cleanup-plan", "--policy", missing], { stdout: out.stream, stderr: err.stream })).toBe(
      2,
    );
    expect(err.text()).toContain(`Cannot read the --policy file ${missing}`);
    const bad = path.join(dir, "bad.json");
    await writeFile(bad, '{"keepLatest": -1}');
    const err2 = sink();
    expect(
      await runReportCli(["cleanup-plan", "--policy", bad, "--format", "script"], {
        stdout: out.stream,
        stderr: err2.stream,
      }),
    ).toBe(2);
    expect(err2.text()).toContain("keepLatest: must not be negative");
    expect(out.text()).toBe("");
  });
});
