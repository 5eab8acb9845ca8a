/**
 * The run log's lines: each has a code naming its text in the message files (runLog.<code>) and
 * the params that fill it. The run logger stores the English text rendered from messages/en.json
 * (what text search searches, and the fallback), next to the code and params, so the dashboard
 * shows each line in the reader's language (docs/i18n.md). Writing a new line: add its code and
 * params here and its text to both message files.
 *
 * A line about records carries `recordsOf`: its module's slug, which words the record
 * (runLog.records.<slug>: "order", "product" ...; plural by `count`).
 */
import type { AlertKind, RunTrigger } from "../db";
import type { QuotedDate, QuotedError } from "../errors";
import type { WaitingKind } from "../sync/engine/waiting-for-keys";

type Records = { recordsOf: string };
type OneRecord = Records & { externalId: string };
/** A warning from fitting a shop order (or the customer made from it) into Visma.net's limits. */
export type OrderSubject = { subject: "order" | "newCustomer"; orderId: string };
type AddressName = "billing" | "shipping";
/** A field cut to Visma.net's length (runLog.fieldCut words each); a new customer's address fields have no billing/shipping. */
export type CutField =
  | `${AddressName}${"Postcode" | "City" | "State" | "ContactName" | "Attention" | "Phone"}`
  | "postcode"
  | "city"
  | "contactName"
  | "attention"
  | "phone"
  | "email"
  | "lineDescription"
  | "note"
  | "description"
  | "refNo";
/** Which versioned mapping a run uses (lib/mappings). */
type MappingKind = "product" | "order" | "customer";
export type FittedAddress = `${AddressName}Address` | "address";

export type RunLogParams = {
  // a run (lib/sync/engine/run-sync-module.ts)
  runStarted: { trigger: RunTrigger };
  runFinished: { created: number; updated: number; skipped: number; failed: number };
  runStopped: { error: QuotedError };
  runPaused: { error: QuotedError; until: QuotedDate };
  reimportSince: { since: QuotedDate };
  dryRunStarted: Record<string, never>;
  dryRunFinished: { created: number; updated: number; skipped: number; failed: number };
  // the pass (lib/sync/engine/run-module-pass.ts, cursor.ts)
  readingAll: Record<string, never>;
  readingSince: { since: QuotedDate };
  readingOrdersSince: { since: QuotedDate; lastOrderId: number };
  readingOrdersAbove: { lastOrderId: number };
  pageSummary: Records & { count: number; todo: number };
  pendingLeft: Records & { count: number };
  stoppedAfterFailures: { count: number };
  rereadFailed: OneRecord & { error: QuotedError };
  goneInSource: OneRecord;
  recovered: OneRecord & { targetId: string };
  resumingSteps: OneRecord & { targetId: string };
  followUpFailed: OneRecord & { error: QuotedError };
  recordPending: OneRecord & { error: QuotedError };
  recordFailed: OneRecord & { error: QuotedError };
  // records waiting for a fix (lib/sync/engine/waiting-for.ts); waitedFor is "several" when they waited for different things
  fixArrived: Records & { count: number; waitedFor: WaitingKind | "several" };
  fixCheckFailed: Records & { count: number; error: QuotedError };
  // the modules
  customerIndexRefreshed: { count: number };
  customerCreated: { customerNumber: string; orderId: string };
  orderExported: { orderId: string; salesOrder: string };
  shipmentConfirmed: { orderId: string; shipments: string[] };
  nothingLeftToShip: { orderId: string };
  shopListsByOrderId: Record<string, never>;
  orderNoLongerHeld: { orderId: string; status: string; days: number };
  shopStatusKept: { orderId: string; status: string };
  shopStatusSet: { orderId: string; status: string; notified: boolean };
  shopShipmentCreated: { orderId: string; shipmentId: string; marker: string; hasTracking: boolean; trackingNumber: string };
  defaultMapping: { mapping: MappingKind };
  mappingVersion: { mapping: MappingKind; version: number };
  // the alert webhook (lib/alerts/webhook/deliver-webhook.ts)
  webhookDelivered: { notice: "started" | "reminder" | "resolved"; kind: AlertKind; status: number };
  webhookFailed: { error: QuotedError; retrying: boolean };
  shopCategoriesUnread: { error: QuotedError };
  // Visma.net's field limits (lib/sync/transform/visma-limits.ts)
  fieldCut: OrderSubject & { field: CutField; max: number; leftOut: string; line?: number; sku?: string };
  addressCut: OrderSubject & { field: FittedAddress; lines: number; width: number; leftOut: string };
  noBillingCountry: OrderSubject;
  noShippingCountry: OrderSubject;
  shippingTakesBillingCountry: OrderSubject & { country: string };
  shipViaConflict: OrderSubject & { shipVias: string[]; used: string };
};

export type RunLogCode = keyof RunLogParams;

/** One line for the run log, before its English text is rendered (lib/logs/write-log.ts does that). */
export type LogLine = { [C in RunLogCode]: { code: C; params: RunLogParams[C] } }[RunLogCode];

export function logLine<C extends RunLogCode>(code: C, params: RunLogParams[C]): LogLine {
  return { code, params } as LogLine;
}
