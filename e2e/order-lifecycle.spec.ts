/**
 * The order's whole life in the browser: the order mapping is edited with a live preview on a real
 * shop order and saved as a version, the status after export is set; an exported order's shipment
 * in Visma.net comes back to the shop through the order progress module, whose card shows the run.
 */
import { expect, test } from "@playwright/test";
import { db } from "../lib/db";
import { uniqueSuffix } from "../testing/fixtures";
import { logIn, OWNER, saveScreenshots, simControl } from "./helpers";

type ShopProduct = { productId: number; productCode: string };
type SalesOrder = { type: string; orderId: string; customerOrder: string | null };
type ShopShipment = { orderId: number; trackingNumber: string; carrier: string };
type ShopOrder = { orderId: number; status: string };

async function demoTenantId() {
  return (await db.tenant.findUniqueOrThrow({ where: { slug: "demo" } })).id;
}

async function waitForIdle(module: "ORDER_EXPORT" | "ORDER_PROGRESS") {
  const tenantId = await demoTenantId();
  await expect.poll(() => db.syncRun.count({ where: { tenantId, module, status: { in: ["QUEUED", "RUNNING"] } } }), { timeout: 120_000 }).toBe(0);
}

/** A product both the shop and Visma.net know (the seed keeps most codes in both). */
async function sharedProduct(): Promise<ShopProduct> {
  const products = await simControl<ShopProduct[]>("cscart", "/state?collection=products");
  const items = new Set(
    (await simControl<{ inventoryNumber: string; status: string }[]>("visma", "/state?collection=inventory"))
      .filter((item) => item.status === "Active")
      .map((item) => item.inventoryNumber),
  );
  return products.find((product) => items.has(product.productCode))!;
}

test("edit the order mapping with a live preview on a real shop order, save it, and set the status after export", async ({ page }) => {
  const product = await sharedProduct();
  const order = await simControl<{ order_id: string }>("cscart", "/orders", {
    email: `preview-${uniqueSuffix()}@example.com`,
    status: "P",
    shippingMethod: "PostNord",
    shippingCost: 49,
    lines: [{ productId: product.productId, amount: 2 }],
  });

  await logIn(page, OWNER);
  await page.goto("/demo/mappings/orders");
  await expect(page.getByRole("navigation", { name: "Mappings" }).getByRole("link", { name: "Orders" })).toHaveAttribute("aria-current", "page");
  const before = await page.getByTestId("mapping-version").textContent();
  const shipVias = page.getByTestId("ship-vias");
  // The demo maps shipping method 2 (PostNord) to POSTNORD; the draft sends it with BRINGCALC.
  await expect(shipVias.getByLabel("CS-Cart shipping method id (row 2)")).toHaveValue("2");
  await shipVias.getByLabel("Visma.net Ship via (row 2)").fill("BRINGCALC");
  await page.getByLabel("Order number (optional)").fill(order.order_id);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-sales-order").locator('[data-field="shipViaId"]')).toHaveText("BRINGCALC");
  await expect(page.getByTestId("preview-sales-order").locator('[data-field="customer"]')).toContainText(`CSCART-${order.order_id}`);
  await expect(page.getByTestId("preview-lines")).toContainText(`2 × ${product.productCode}`);

  // A Ship via longer than Visma.net takes is named beside its row, before anything is sent.
  await shipVias.getByLabel("Visma.net Ship via (row 1)").fill("A-SHIP-VIA-THAT-IS-TOO-LONG");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(shipVias.getByText("a Ship via id has at most 15 characters")).toBeVisible();
  await shipVias.getByLabel("Visma.net Ship via (row 1)").fill("POSTEN");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Saved as version");
  await expect(page.getByTestId("mapping-version")).not.toHaveText(before ?? "");

  const statuses = page.getByTestId("export-statuses");
  await statuses.getByLabel("Status after export").fill("E");
  await statuses.getByLabel("Tell the customer about the status APIcenter sets").uncheck();
  await statuses.getByRole("button", { name: "Save statuses" }).click();
  await expect(statuses.getByTestId("form-success")).toHaveText("Order statuses saved.");
  const settings = await db.settings.findUniqueOrThrow({ where: { tenantId: await demoTenantId() } });
  expect(settings).toMatchObject({ statusAfterExport: "E", notifyCustomerOfStatus: false });
  await saveScreenshots(page, "order-mapping-saved");

  // Put the demo's mapping back (the newest version before this test), through "Restore".
  await page
    .getByTestId("mapping-versions")
    .getByRole("button", { name: /^Restore version/ })
    .first()
    .click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("mapping-versions").getByTestId("form-success")).toContainText("Restored as version");
  await expect(shipVias.getByLabel("Visma.net Ship via (row 2)")).toHaveValue("POSTNORD");
});

test("an exported order's shipment comes back to the shop with its tracking number, shown on the order progress card", async ({ page }) => {
  const product = await sharedProduct();
  const order = await simControl<{ order_id: string }>("cscart", "/orders", {
    email: `progress-${uniqueSuffix()}@example.com`,
    status: "P",
    shippingMethod: "Posten",
    lines: [{ productId: product.productId }],
  });
  await logIn(page, OWNER);

  await waitForIdle("ORDER_EXPORT");
  await page.goto("/demo");
  await page.getByRole("button", { name: "Run Order export now" }).click();
  const salesOrder = await expect
    .poll(
      async () =>
        (await simControl<SalesOrder[]>("visma", "/state?collection=salesOrders")).find((candidate) => candidate.customerOrder === `CSCART-${order.order_id}`),
      { timeout: 120_000 },
    )
    .toBeTruthy()
    .then(async () =>
      (await simControl<SalesOrder[]>("visma", "/state?collection=salesOrders")).find((candidate) => candidate.customerOrder === `CSCART-${order.order_id}`)!,
    );
  // The status after export (the shop's own "In Visma.net", E) is set in the shop.
  await expect
    .poll(
      async () =>
        (await simControl<ShopOrder[]>("cscart", "/state?collection=orders")).find((candidate) => candidate.orderId === Number(order.order_id))?.status,
      { timeout: 60_000 },
    )
    .toBe("E");

  // A warehouse worker ships it in Visma.net.
  await simControl("visma", `/salesorders/${salesOrder.type}/${salesOrder.orderId}`, { ship: { trackingNumber: "70700000000000001NO" } });
  await waitForIdle("ORDER_PROGRESS");
  await page.goto("/demo");
  const card = page.getByTestId("module-order-progress");
  await expect(card).toContainText("Order progress");
  await card.getByRole("button", { name: "Run Order progress now" }).click();
  await expect
    .poll(
      async () =>
        (await simControl<ShopShipment[]>("cscart", "/state?collection=shipments")).find((shipment) => shipment.orderId === Number(order.order_id))
          ?.trackingNumber,
      { timeout: 120_000 },
    )
    .toBe("70700000000000001NO");
  await expect
    .poll(
      async () =>
        (await simControl<ShopOrder[]>("cscart", "/state?collection=orders")).find((candidate) => candidate.orderId === Number(order.order_id))?.status,
      { timeout: 60_000 },
    )
    .toBe("C");
  await expect(card.getByTestId("last-run-counts")).toContainText("created", { timeout: 60_000 });
  await saveScreenshots(page, "order-progress-card");
});
