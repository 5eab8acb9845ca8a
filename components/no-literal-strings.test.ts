/** Fails when a page or component shows text that is not in the message files (see docs/i18n.md). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findLiteralStrings } from "@/testing/find-literal-strings";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("user-facing text lives in messages/*.json", () => {
  it("no page or component contains a literal user-facing string", () => {
    const files = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))];
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((file) => findLiteralStrings(path.relative(ROOT, file), readFileSync(file, "utf8")));
    expect(found.map(({ file, line, where, text }) => `${file}:${line} (${where}): ${text}`)).toEqual([]);
  });

  it("the check finds each kind of literal (so the test above can fail)", () => {
    const source = `
      export function Bad({ ok }: { ok: boolean }) {
        const done = { successMessage: "Saved." };
        return (
          <form aria-label="Settings">
            <h1>Welcome back</h1>
            <input placeholder={\`Type \${ok} here\`} title={ok ? "Yes" : "No"} />
            {ok && "Shown when ok"}
            <span className="text-sm" data-testid="not-text">— · → CS-Cart Visma.net 12</span>
            <p>{done.successMessage}</p>
          </form>
        );
      }`;
    const found = findLiteralStrings("bad.tsx", source).map(({ text, where }) => `${where}: ${text}`);
    expect(found).toEqual([
      "property successMessage: Saved.",
      "prop aria-label: Settings",
      "JSX text: Welcome back",
      "prop placeholder: Type   here",
      "prop title: Yes",
      "prop title: No",
      "JSX child: Shown when ok",
    ]);
  });
});
