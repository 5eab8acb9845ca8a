/**
 * docs/privacy.md stays the whole truth: every table of the schema is named there (as holding
 * personal data, or as holding none), and every test it cites as proof exists under that name.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const doc = readFileSync(path.join(ROOT, "docs/privacy.md"), "utf8");
const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");

describe("the personal-data inventory (docs/privacy.md)", () => {
  it("names every table of the schema", () => {
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1]!);
    expect(models.length).toBeGreaterThan(10);
    expect(models.filter((model) => !doc.includes(`\`${model}\``))).toEqual([]);
  });

  it("cites tests that exist", () => {
    // Table cells cite `file` "test title"; "same test" refers to the row above.
    const cited = [...doc.matchAll(/`([\w/.-]+\.test\.ts)` ((?:"[^"]+"(?:; )?)+)/g)];
    expect(cited.length).toBeGreaterThan(10);
    for (const [, file, titles] of cited) {
      const source = readFileSync(path.join(ROOT, file!), "utf8");
      for (const [, title] of titles!.matchAll(/"([^"]+)"/g)) expect(source, `${file}: "${title}"`).toContain(title!);
    }
  });
});
