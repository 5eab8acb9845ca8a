import { describe, expect, it } from "vitest";
import { caughtAppError } from "../../http/caught-app-error";
import { englishLogText } from "../../logs/write-log";
import { countryIdOf, FieldWarnings, fitAddressLines, wrapText } from "./visma-limits";

describe("wrapText", () => {
  it("breaks at spaces within the width and splits a word longer than a line", () => {
    expect(wrapText("Storgata  1   bakgården", 10)).toEqual(["Storgata 1", "bakgården"]);
    expect(wrapText("Abcdefghijklmnopqrstuvwxyz", 10)).toEqual(["Abcdefghij", "klmnopqrst", "uvwxyz"]);
    expect(wrapText("   ", 10)).toEqual([]);
  });
});

describe("fitAddressLines", () => {
  it("keeps the shop's own lines when they fit", () => {
    const warnings = new FieldWarnings({ subject: "order", orderId: "1" });
    expect(fitAddressLines(["Storgata 1", "c/o Hansen"], warnings, "address")).toEqual(["Storgata 1", "c/o Hansen", ""]);
    expect(warnings.lines).toEqual([]);
  });

  it("wraps a long street over the next lines, joining both shop lines when needed", () => {
    const warnings = new FieldWarnings({ subject: "order", orderId: "1" });
    const street = "Kjell Aukrusts vei 4, inngang fra baksiden ved den gamle låven";
    expect(fitAddressLines([street, "2. etasje"], warnings, "address")).toEqual([
      "Kjell Aukrusts vei 4, inngang fra baksiden ved den",
      "gamle låven",
      "2. etasje",
    ]);
    const joined = fitAddressLines([street, "c/o Flåklypa Verksted og Sykkelreparasjon AS, rom 7"], warnings, "address");
    expect(joined).toEqual(["Kjell Aukrusts vei 4, inngang fra baksiden ved den", "gamle låven, c/o Flåklypa Verksted og", "Sykkelreparasjon AS, rom 7"]);
    expect(warnings.lines).toEqual([]);
  });

  it("cuts what does not fit in three lines and says what was left out", () => {
    const warnings = new FieldWarnings({ subject: "order", orderId: "7" });
    const lines = fitAddressLines(["a ".repeat(80), "siste ord"], warnings, "billingAddress");
    expect(lines.every((line) => line.length <= 50)).toBe(true);
    expect(warnings.lines).toHaveLength(1);
    expect(englishLogText(warnings.lines[0]!)).toMatch(
      /^Order 7: The billing address does not fit Visma\.net's 3 lines of 50 characters; "(a\*\*\* )*s\*\*\* o\*\*\*" was left out\.$/,
    );
  });
});

describe("FieldWarnings.cut", () => {
  it("cuts to the limit and names the field and the rest, masked (it is a person's data)", () => {
    const warnings = new FieldWarnings({ subject: "order", orderId: "9" });
    expect(warnings.cut(" 0155 ", 20, "postcode")).toBe("0155");
    expect(warnings.cut("+47 900 00 000 (ring etter kl. 16, ellers send SMS til kontoret)", 50, "phone")).toBe(
      "+47 900 00 000 (ring etter kl. 16, ellers send SMS",
    );
    expect(warnings.lines.map(englishLogText)).toEqual([
      'Order 9: The phone number is longer than Visma.net allows (50 characters); "t*** k***" was left out.',
    ]);
    expect(warnings.lines[0]).toEqual({ code: "fieldCut", params: { subject: "order", orderId: "9", field: "phone", max: 50, leftOut: "t*** k***" } });
    warnings.cut("Kari Nordmann-Sørensen og hele familien Nordmann fra Bergen, Hordaland", 40, "contactName");
    expect(englishLogText(warnings.lines[1]!)).toMatch(/"N\*\*\* f\*\*\* B\*\*\* H\*\*\*" was left out\.$/);
    expect(JSON.stringify(warnings.lines)).not.toMatch(/Bergen|Nordmann fra/);
    // An article's description is not a person's: quoted as it is.
    warnings.cut("Ullgenser med lange ermer i grå melert ull", 30, "lineDescription", { line: 1, sku: "GENSER" });
    expect(warnings.lines[2]!.params).toMatchObject({ leftOut: "å melert ull" });
  });
});

describe("countryIdOf", () => {
  it("gives two capital letters, nothing for an empty country, and refuses anything else", async () => {
    expect(countryIdOf(" no ", { orderId: "1", field: "billing" })).toBe("NO");
    expect(countryIdOf("", { orderId: "1", field: "billing" })).toBeUndefined();
    const error = await caughtAppError(() => countryIdOf("Norge", { orderId: "1", field: "shipping" }));
    expect(error).toMatchObject({ code: "ORDER_INVALID" });
    expect(error.message).toBe('Order 1: the shipping country "Norge" is not a two-letter country code (ISO 3166), which Visma.net requires.');
  });
});
