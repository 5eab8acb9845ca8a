/**
 * The order and customer mappings are versioned like the product mapping, and their live previews
 * map a real shop order / Visma.net customer (the simulators) with the draft, reading only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { parseCustomerMapping } from "../sync/transform/customer-mapping";
import { parseOrderMapping } from "../sync/transform/order-mapping";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { getActiveMapping } from "./get-active-mapping";
import { previewCustomerMapping } from "./preview-customer-mapping";
import { previewOrderMapping } from "./preview-order-mapping";
import { restoreMappingVersion } from "./restore-mapping-version";
import { saveMappingVersion } from "./save-mapping-version";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 101, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20, customers: 5 } });
});
afterAll(async () => h?.close());

const admin = () => resolveTenantAccess(h.users.ADMIN.id, h.tenant.slug, "ADMIN");

describe("order mapping versions", () => {
  it("adds a version per save, audits the changed parts, restores an old one forward, and names a bad field", async () => {
    const actor = await admin();
    const before = await getActiveMapping(h.tenant.id, "order");
    expect(before.version).toBe(1); // the harness's demo mapping
    const saved = await saveMappingVersion(
      actor,
      "order",
      parseOrderMapping({ ...before.config, orderType: "WO", texts: { ...before.config.texts, refNo: { source: "payment_method", prefix: "" } } }),
    );
    expect(saved.version).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { tenantId: h.tenant.id, action: "mapping.save", target: "mapping:order" },
      orderBy: { id: "desc" },
    });
    expect(Object.keys((audit.detail as { changes: object }).changes).sort()).toEqual(["orderType", "texts.refNo"]);
    expect((await restoreMappingVersion(actor, "order", { version: 1 })).version).toBe(3);
    expect((await getActiveMapping(h.tenant.id, "order")).config.orderType).toBe("SO");

    const error = await Promise.resolve()
      .then(() => parseOrderMapping({ shipViaByShippingId: { posten: "A-SHIP-VIA-ID-TOO-LONG" } }))
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: "MAPPING_INVALID" });
    expect(error.details.fields).toEqual({ "shipViaByShippingId.posten": "a CS-Cart id is a number, e.g. 1" });
    const tooLong = await Promise.resolve()
      .then(() => parseOrderMapping({ shipViaByShippingId: { "1": "A-SHIP-VIA-ID-TOO-LONG" } }))
      .catch((caught) => caught);
    expect(tooLong.details.fields).toEqual({ "shipViaByShippingId.1": "a Visma.net Ship via id has at most 15 characters" });
  });
});

describe("order mapping preview", () => {
  it("maps the newest exported shop order with the draft, looking the customer up but creating nothing", async () => {
    const sku = [...h.cscart.state.products.values()].find((product) => h.visma.state.inventory.get(product.productCode)?.status === "Active")!.productCode;
    const order = h.cscart.createOrder({
      email: "forhandsvisning@example.no",
      shippingMethod: "PostNord",
      shippingCost: 49,
      lines: [{ productCode: sku, amount: 2 }],
    });
    const customersBefore = h.visma.state.customers.size;
    const draft = parseOrderMapping({
      ...(await getActiveMapping(h.tenant.id, "order")).config,
      shipViaByShippingId: { "2": "BRINGCALC" },
      warehouseId: "WH2",
    });
    const preview = await previewOrderMapping(h.tenant.id, { mapping: draft });
    expect(preview.order).toMatchObject({ orderId: String(order.orderId), status: "P", lines: 1 });
    expect(preview.salesOrder).toMatchObject({ customer: { id: "(new customer)", order: `CSCART-${order.orderId}` }, shipping: { shipViaId: "BRINGCALC" } });
    expect(preview.salesOrder!.orderLines.every((line) => line.warehouseId === "WH2")).toBe(true);
    expect(h.visma.state.customers.size).toBe(customersBefore);
    expect(h.visma.salesOrders()).toHaveLength(0);

    // A draft that cannot express the order says why, in words the browser can translate.
    const withoutRounding = parseOrderMapping({ ...draft, items: { ...draft.items, rounding: null } });
    const odd = h.cscart.createOrder({ email: "ore@example.no", lines: [{ productCode: sku, price: 1.27 }] });
    const problem = await previewOrderMapping(h.tenant.id, { mapping: withoutRounding, orderId: String(odd.orderId) });
    expect(problem.salesOrder).toBeNull();
    expect(problem.problem).toMatchObject({ code: "ORDER_INVALID", params: { variant: "totalsRounding", shopTotal: 1.27, vismaTotal: 1.28 } });
  });
});

describe("customer mapping", () => {
  it("previews a customer without an e-mail as skipped, or with the placeholder address, and the import follows the saved mapping", async () => {
    const noEmail = h.visma.upsertCustomer({ name: "Uten Epost AS", email: "" });
    const skipped = await previewCustomerMapping(h.tenant.id, { mapping: parseCustomerMapping({}), customerNumber: noEmail.number });
    expect(skipped).toMatchObject({ user: null, skipped: true, problem: null });
    const placeholder = parseCustomerMapping({
      withoutEmail: { mode: "placeholder", template: "{number}@kunder.example.no" },
      shippingAddress: "deliveryAddress",
    });
    const mapped = await previewCustomerMapping(h.tenant.id, { mapping: placeholder, customerNumber: noEmail.number });
    expect(mapped.user).toMatchObject({ email: `${noEmail.number.toLowerCase()}@kunder.example.no`, company: "Uten Epost AS" });

    await h.run("CUSTOMER_IMPORT");
    expect([...h.cscart.state.users.values()].some((user) => user.company === "Uten Epost AS")).toBe(false);
    await saveMappingVersion(await admin(), "customer", placeholder);
    await h.run("CUSTOMER_IMPORT", "REIMPORT");
    expect([...h.cscart.state.users.values()].find((user) => user.company === "Uten Epost AS")?.email).toBe(
      `${noEmail.number.toLowerCase()}@kunder.example.no`,
    );
  });
});
