import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "./resolve-locale";

describe("request locale", () => {
  it("takes the user's choice over the browser's", () => {
    expect(resolveLocale({ userLocale: "nl", acceptLanguage: "en-GB,en;q=0.9" })).toBe("nl");
    expect(resolveLocale({ userLocale: "en", acceptLanguage: "nl-NL,nl;q=0.9" })).toBe("en");
  });

  it("falls back to the browser's language when the user chose none (or an unknown one)", () => {
    expect(resolveLocale({ userLocale: null, acceptLanguage: "nl-NL,nl;q=0.9,en;q=0.8" })).toBe("nl");
    expect(resolveLocale({ userLocale: "fr", acceptLanguage: "nl-BE" })).toBe("nl");
  });

  it("honours q-values and skips languages it does not have", () => {
    expect(localeFromAcceptLanguage("en;q=0.4, nl;q=0.8")).toBe("nl");
    expect(localeFromAcceptLanguage("de-DE, nl;q=0.5, en;q=0.3")).toBe("nl");
    expect(localeFromAcceptLanguage("de-DE, fr;q=0.5")).toBe("en");
  });

  it("is English without a header, with a wildcard, or with garbage", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
    expect(localeFromAcceptLanguage("x_not a tag!!, ;;;")).toBe("en");
  });
});
