import { describe, expect, it } from "vitest";
import { browserLocale, emailLocale, localeFromAcceptLanguage, resolveLocale } from "./resolve-locale";

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

describe("browser language", () => {
  it("is undefined when the browser asks for none of our languages, so the next rule decides", () => {
    expect(browserLocale("de-DE, fr;q=0.5")).toBeUndefined();
    expect(browserLocale(undefined)).toBeUndefined();
    expect(browserLocale("*")).toBeUndefined();
    expect(browserLocale("nl-BE, en;q=0.5")).toBe("nl");
    expect(browserLocale("en-US")).toBe("en");
  });
});

describe("e-mail language", () => {
  it("takes the recipient's choice, then the browser's, then the tenant's, then English", () => {
    expect(emailLocale({ userLocale: "en", browserLocale: "nl", tenantLocale: "nl" })).toBe("en");
    expect(emailLocale({ userLocale: null, browserLocale: "nl", tenantLocale: "en" })).toBe("nl");
    expect(emailLocale({ userLocale: null, browserLocale: undefined, tenantLocale: "nl" })).toBe("nl");
    expect(emailLocale({ userLocale: "fr", tenantLocale: "de" })).toBe("en");
    expect(emailLocale({})).toBe("en");
  });
});
