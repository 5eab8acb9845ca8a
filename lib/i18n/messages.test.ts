/**
 * The message files agree: every key is in every language, every text is valid ICU, and a text
 * uses the same placeholders and tags in each language (so no translation drops or invents one).
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { ConnectionKind, ConnectionStatus, EmailStatus, ItemState, LogLevel, Role, RunStatus, RunTrigger } from "../../generated/prisma/enums";
import { ERROR_CODES } from "../errors";
import { SYNC_MODULES } from "../sync/modules";
import { LOCALES } from "./locales";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → text, for every text in a file. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

/** Placeholder and tag names a text uses, e.g. ["count", "<link>"]. */
function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        names.add(`<${element.value}>`);
        walk(element.children);
      } else if (element.type === TYPE.select || element.type === TYPE.plural) {
        names.add(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
        names.add(element.value);
      }
    }
  };
  walk(parse(text));
  return [...names].sort();
}

const files = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(MESSAGES[locale] as Tree)]));
const [reference, ...others] = LOCALES;

describe("message files", () => {
  it("have the same keys in every language", () => {
    for (const locale of others) {
      const missing = [...files[reference]!.keys()].filter((key) => !files[locale]!.has(key));
      const extra = [...files[locale]!.keys()].filter((key) => !files[reference]!.has(key));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it("hold valid ICU texts, none empty", () => {
    for (const locale of LOCALES) {
      for (const [key, text] of files[locale]!) {
        expect(text.trim(), `${locale}: ${key} is empty`).not.toBe("");
        expect(() => parse(text), `${locale}: ${key}`).not.toThrow();
      }
    }
  });

  it("use the same placeholders and tags in every language", () => {
    const differing = others.flatMap((locale) =>
      [...files[reference]!].flatMap(([key, text]) => {
        const translated = files[locale]!.get(key);
        if (translated === undefined) return [];
        const [want, got] = [placeholdersOf(text), placeholdersOf(translated)];
        return want.join() === got.join() ? [] : [`${locale}: ${key} has {${got.join(", ")}}, ${reference} has {${want.join(", ")}}`];
      }),
    );
    expect(differing).toEqual([]);
  });

  it("name only real error codes under errors.*", () => {
    // remote: the tail all remote errors share; anyCode: variants of errors that keep the code of the error they wrap.
    const codes = Object.keys(MESSAGES[reference].errors).filter((key) => !["remote", "anyCode"].includes(key));
    expect(codes.filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  it("have words for every module, status, role, trigger and connection kind the dashboard shows", () => {
    const english = files[reference]!;
    const wanted = [
      ...SYNC_MODULES.catalog.map(({ slug }) => `modules.${slug}.label`),
      ...[RunStatus, ItemState, ConnectionStatus, LogLevel, EmailStatus].flatMap((values) => Object.values(values).map((status) => `status.${status}`)),
      ...Object.values(Role).map((role) => `roles.${role}`),
      ...Object.values(RunTrigger).map((trigger) => `triggers.${trigger}`),
      ...Object.values(ConnectionKind).map((kind) => `connectionKinds.${kind}`),
    ];
    expect(wanted.filter((key) => !english.has(key))).toEqual([]);
  });

  it("the placeholder check can fail", () => {
    expect(placeholdersOf("{count, plural, one {# run of {module}} other {# runs}} <link>here</link>")).toEqual(["<link>", "count", "module"]);
    expect(placeholdersOf("{count} runs")).not.toEqual(placeholdersOf("{total} runs"));
  });
});
