/**
 * Visma.net's field limits and how shop values are fitted into them (docs/api-facts.md,
 * "SalesOrder V3 field limits"). Visma.net refuses an over-long value (0002-InvalidLength) and the
 * whole order with it; CS-Cart allows much longer addresses (b_address 255, b_city 64, b_zipcode 32).
 * So long addresses are wrapped over the three address lines and only then cut, and every cut is
 * reported as a warning for the run log (runLog.fieldCut, runLog.addressCut in the message files).
 */
import { AppError } from "../../errors";
import { logLine, type CutField, type FittedAddress, type LogLine, type OrderSubject, type RunLogCode, type RunLogParams } from "../../logs/log-line";

/** NewSalesOrderCommand limits in the SalesOrder V3 OpenAPI 1.0.14.784; the v1 customer address takes the same. */
export const VISMA_LIMITS = {
  addressLine: 50,
  addressLines: 3,
  city: 50,
  postalCode: 20,
  stateId: 50,
  contactName: 255,
  attention: 255,
  email: 255,
  phone: 50,
  customerOrder: 40,
  customerRefNo: 40,
  description: 255,
  note: 2048,
  lineDescription: 256,
  shipViaId: 15,
} as const;

/**
 * What was left out, masked for the run log: the cut values are names, addresses, phone numbers and
 * e-mails, so each word keeps only its first character ("Kari Nordmann" → "K*** N***"), as log
 * context masks names (docs/privacy.md). Enough to find the field, not to read the person.
 */
export function maskLeftOut(text: string): string {
  return words(text)
    .map((word) => `${Array.from(word)[0]}***`)
    .join(" ");
}

/** The run log's warnings about an order (codes whose params start with the order subject). */
type SubjectCode = { [C in RunLogCode]: RunLogParams[C] extends OrderSubject ? C : never }[RunLogCode];

/** Collects what had to be shortened or left out, as run log lines (lib/logs/log-line.ts). */
export class FieldWarnings {
  readonly lines: LogLine[] = [];

  constructor(private readonly subject: OrderSubject) {}

  /** `value` cut to `max` characters; a warning names the field and what was left out. */
  cut(value: string, max: number, field: CutField, line?: { line: number; sku: string }): string {
    const clean = value.trim();
    if (clean.length <= max) return clean;
    const kept = clean.slice(0, max).trimEnd();
    // An order line's description is the article's, not a person's: it is quoted as it is.
    const leftOut = clean.slice(kept.length).trim();
    this.add("fieldCut", { field, max, leftOut: field === "lineDescription" ? leftOut : maskLeftOut(leftOut), ...line });
    return kept;
  }

  add<C extends SubjectCode>(code: C, params: Omit<RunLogParams[C], keyof OrderSubject>): void {
    this.lines.push(logLine(code, { ...this.subject, ...params } as RunLogParams[C]));
  }
}

function words(text: string): string[] {
  return text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
}

/** Greedy word wrap; a word longer than a line is split. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (let word of words(text)) {
    while (word.length > width) {
      if (current) {
        lines.push(current);
        current = "";
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (!current) current = word;
    else if (current.length + 1 + word.length <= width) current = `${current} ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * The shop's address lines (address, address_2) as Visma.net's three lines of 50: each shop line
 * wrapped on its own when they fit, else all of it wrapped together; what does not fit is cut with
 * a warning.
 */
export function fitAddressLines(parts: readonly string[], warnings: FieldWarnings, field: FittedAddress): [string, string, string] {
  const { addressLine: width, addressLines: count } = VISMA_LIMITS;
  let lines = parts.flatMap((part) => wrapText(part, width));
  if (lines.length > count)
    lines = wrapText(
      parts
        .map((part) => part.trim())
        .filter(Boolean)
        .join(", "),
      width,
    );
  if (lines.length > count) {
    warnings.add("addressCut", { field, lines: count, width, leftOut: maskLeftOut(lines.slice(count).join(" ")) });
    lines = lines.slice(0, count);
  }
  return [lines[0] ?? "", lines[1] ?? "", lines[2] ?? ""];
}

/** A country id as Visma.net takes it (two letters), or undefined when the shop has none. */
export function countryIdOf(value: string, what: { orderId: string; field: string }): string | undefined {
  const id = value.trim().toUpperCase();
  if (id === "") return undefined;
  if (!/^[A-Z]{2}$/.test(id)) {
    throw new AppError(
      "ORDER_INVALID",
      `Order ${what.orderId}: the ${what.field} country "${value}" is not a two-letter country code (ISO 3166), which Visma.net requires.`,
      {
        details: { orderId: what.orderId, field: what.field },
        params: { variant: "country", orderId: what.orderId, field: what.field, country: value },
      },
    );
  }
  return id;
}
