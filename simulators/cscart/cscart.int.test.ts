import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlFetch, cscartAuthHeader, cscartFetch } from "../testing";
import { startCscartSimulator, type CscartSimulator } from "./server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract tests read whatever JSON a simulator answers
type Json = Record<string, any>;

let sim: CscartSimulator;
let exclusive: CscartSimulator;

beforeAll(async () => {
  sim = await startCscartSimulator({ port: 0, seed: 11, products: 120, customers: 40, orders: 90 });
  exclusive = await startCscartSimulator({ port: 0, seed: 11, products: 120, customers: 40, orders: 90, pricesIncludeTax: false });
});
afterAll(async () => {
  await sim.close();
  await exclusive.close();
});

async function allOrders(target: CscartSimulator, query: string): Promise<Json[]> {
  const rows: Json[] = [];
  for (let page = 1; page < 100; page++) {
    const body = (await (await cscartFetch(target, `/api/orders?items_per_page=7&page=${page}&${query}`)).json()) as Json;
    if (body.orders.length === 0) break;
    rows.push(...body.orders);
  }
  return rows;
}

describe("CS-Cart auth and conventions", () => {
  it("answers 401 with WWW-Authenticate and the error body without or with wrong credentials", async () => {
    const missing = await fetch(`${sim.url}/api/orders`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await missing.json()).toEqual({ message: "Unauthorized", status: 401 });
    const wrongKey = await fetch(`${sim.url}/api/orders`, { headers: { authorization: `Basic ${Buffer.from("admin@example.com:nope").toString("base64")}` } });
    expect(wrongKey.status).toBe(401);
    const upperEmail = await fetch(`${sim.url}/api/orders`, {
      headers: { authorization: `Basic ${Buffer.from("ADMIN@example.com:cscart-demo-api-key").toString("base64")}` },
    });
    expect(upperEmail.status).toBe(200);
  });

  it("serves /api and the 2.0, 2.1 and 4.0 version prefixes, but not /api/2", async () => {
    for (const prefix of ["/api", "/api/2.0", "/api/2.1", "/api/4.0"]) {
      expect((await cscartFetch(sim, `${prefix}/orders`)).status).toBe(200);
    }
    const unversioned = await cscartFetch(sim, "/api/2/orders");
    expect(unversioned.status).toBe(404);
    expect(await unversioned.json()).toEqual({ message: "Not Found", status: 404 });
  });

  it("answers 415 for POST or PUT without a JSON content type", async () => {
    const put = await fetch(`${sim.url}/api/orders/1000`, {
      method: "PUT",
      headers: { authorization: cscartAuthHeader(sim), "content-type": "text/plain" },
      body: '{"status":"C"}',
    });
    expect(put.status).toBe(415);
    const post = await fetch(`${sim.url}/api/products`, { method: "POST", headers: { authorization: cscartAuthHeader(sim) }, body: "{}" });
    expect(post.status).toBe(415);
  });
});

describe("CS-Cart orders", () => {
  it("returns string numbers, UNIX-second timestamps and the params block", async () => {
    const body = (await (await cscartFetch(sim, "/api/orders?items_per_page=3")).json()) as Json;
    expect(body.orders).toHaveLength(3);
    const row = body.orders[0];
    expect(row.order_id).toMatch(/^\d+$/);
    expect(row.timestamp).toMatch(/^\d{10}$/);
    expect(row.total).toMatch(/^\d+\.\d{2}$/);
    expect(body.params).toMatchObject({ page: 1, items_per_page: "3", sort_by: "date", sort_order: "desc" });
    expect(Number(body.params.total_items)).toBeGreaterThan(3);
  });

  it("pages to the end: every order once, newest first", async () => {
    const rows = await allOrders(sim, "");
    const total = Number(((await (await cscartFetch(sim, "/api/orders?items_per_page=1")).json()) as Json).params.total_items);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.order_id)).size).toBe(total);
    const times = rows.map((row) => Number(row.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by status (single and list), e-mail, updated_at and period=C", async () => {
    expect((await allOrders(sim, "status=P")).every((row) => row.status === "P")).toBe(true);
    const paidOrComplete = await allOrders(sim, "status[]=P&status[]=C");
    expect(new Set(paidOrComplete.map((row) => row.status))).toEqual(new Set(["P", "C"]));
    const sample = paidOrComplete[0] as Json;
    const byEmail = await allOrders(sim, `email=${encodeURIComponent(sample.email.toUpperCase())}`);
    expect(byEmail.map((row) => row.order_id)).toContain(sample.order_id);
    expect(byEmail.every((row) => row.email.toLowerCase().includes(sample.email.toLowerCase()))).toBe(true);
    const all = await allOrders(sim, "");
    const updatedAtOf = (row: Json) => sim.state.orders.get(Number(row.order_id))!.updatedAt;
    const pivot = updatedAtOf(all[Math.floor(all.length / 2)]!);
    const updatedSince = await allOrders(sim, `updated_at_from=${pivot}`);
    expect(updatedSince.length).toBeGreaterThan(0);
    expect(updatedSince.length).toBeLessThan(all.length);
    expect(updatedSince.every((row) => updatedAtOf(row) >= pivot)).toBe(true);
    const created = Number(sample.timestamp);
    const window = await allOrders(sim, `period=C&time_from=${created}&time_to=${created}`);
    expect(window.map((row) => row.order_id)).toEqual([sample.order_id]);
  });

  it("lists exactly the columns fn_get_orders selects: no updated_at in the rows, but in the detail", async () => {
    const body = (await (await cscartFetch(sim, "/api/orders?items_per_page=2")).json()) as Json;
    expect(Object.keys(body.orders[0]).sort()).toEqual(
      [
        "order_id",
        "issuer_id",
        "user_id",
        "is_parent_order",
        "parent_order_id",
        "company_id",
        "company",
        "timestamp",
        "firstname",
        "lastname",
        "email",
        "phone",
        "status",
        "total",
        "issuer_name",
        "issuer_email",
        "invoice_id",
        "credit_memo_id",
      ].sort(),
    );
    const detail = (await (await cscartFetch(sim, `/api/orders/${body.orders[0].order_id}`)).json()) as Json;
    expect(detail.updated_at).toMatch(/^\d{10}$/);
  });

  it("sorts only by fn_get_orders' keys: an unknown sort_by (updated_at) falls back to date", async () => {
    const byUpdated = (await (await cscartFetch(sim, "/api/orders?items_per_page=5&sort_by=updated_at&sort_order=asc")).json()) as Json;
    expect(byUpdated.params).toMatchObject({ sort_by: "date", sort_order: "asc" });
    const times = byUpdated.orders.map((row: Json) => Number(row.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("ignores updated_at_from in an old shop (before orders had updated_at), as PHP ignores unknown parameters", async () => {
    const old = await startCscartSimulator({ port: 0, seed: 11, products: 30, customers: 10, orders: 20, oldShop: true });
    try {
      const all = await allOrders(old, "");
      const future = await allOrders(old, "updated_at_from=2147483647");
      expect(future).toHaveLength(all.length);
      const detail = (await (await cscartFetch(old, `/api/orders/${all[0]!.order_id}`)).json()) as Json;
      expect(detail).not.toHaveProperty("updated_at");
      expect(await allOrders(sim, "updated_at_from=2147483647")).toHaveLength(0);
    } finally {
      await old.close();
    }
  });

  it("leaves incomplete orders out unless asked, and has guest orders with user_id 0", async () => {
    const rows = await allOrders(sim, "");
    expect(rows.some((row) => row.status === "N")).toBe(false);
    expect((await allOrders(sim, "include_incompleted=Y")).some((row) => row.status === "N")).toBe(true);
    expect(rows.some((row) => row.user_id === "0")).toBe(true);
  });

  it("returns the fn_get_order_info shape with VAT-inclusive taxes", async () => {
    const withDiscount = [...sim.state.orders.values()].find((order) => order.subtotalDiscountCents > 0 && order.shippingCostCents > 0);
    const detail = (await (await cscartFetch(sim, `/api/orders/${withDiscount?.orderId}`)).json()) as Json;
    for (const field of [
      "b_firstname",
      "b_address",
      "b_city",
      "b_zipcode",
      "b_country",
      "s_firstname",
      "s_address",
      "s_country",
      "shipping_cost",
      "subtotal_discount",
      "payment_method",
      "shipping",
    ]) {
      expect(detail).toHaveProperty(field);
    }
    const [itemId, line] = Object.entries(detail.products as Record<string, Json>)[0] as [string, Json];
    expect(line.item_id).toBe(itemId);
    expect(line).toMatchObject({ product_code: expect.any(String), price: expect.stringMatching(/^\d+\.\d{2}$/), amount: expect.stringMatching(/^\d+$/) });
    expect(typeof line.tax_value).toBe("number");
    const tax = Object.values(detail.taxes as Record<string, Json>)[0] as Json;
    expect(tax.price_includes_tax).toBe("Y");
    expect(tax.applies[`P_${itemId}`]).toBe(line.tax_value);
    expect(detail.tax_subtotal).toBe(0);
    const expected = detail.subtotal - detail.subtotal_discount + Number(detail.shipping_cost);
    expect(Number(detail.total)).toBeCloseTo(expected, 2);
  });

  it("adds VAT on top in a VAT-exclusive shop", async () => {
    const detail = (await (await cscartFetch(exclusive, "/api/orders/1001")).json()) as Json;
    const tax = Object.values(detail.taxes as Record<string, Json>)[0] as Json;
    expect(tax.price_includes_tax).toBe("N");
    expect(detail.tax_subtotal).toBeGreaterThan(0);
    expect(Number(detail.total)).toBeCloseTo(detail.subtotal - detail.subtotal_discount + Number(detail.shipping_cost) + detail.tax_subtotal, 2);
  });

  it("has line discounts on some orders", () => {
    expect([...sim.state.orders.values()].some((order) => order.lines.some((line) => line.discountCents > 0))).toBe(true);
  });

  it("changes only the status on a status-only PUT (notify flags included), moves updated_at and stock, and counts recalculating PUTs", async () => {
    const tracked = (productId: number) => sim.state.products.get(productId)?.tracking === "B";
    const order = [...sim.state.orders.values()].find(
      (candidate) => candidate.status === "F" && candidate.lines.length > 0 && tracked(candidate.lines[0]!.productId),
    );
    if (!order) throw new Error("seed has no failed order");
    const line = order.lines[0]!;
    const stockBefore = sim.state.products.get(line.productId)!.amount;
    const updatedBefore = order.updatedAt;
    const response = await cscartFetch(sim, `/api/orders/${order.orderId}`, { method: "PUT", body: { status: "P" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ order_id: String(order.orderId) });
    expect(order.status).toBe("P");
    expect(order.updatedAt).toBeGreaterThan(updatedBefore);
    expect(sim.state.products.get(line.productId)!.amount).toBe(stockBefore - line.amount);
    expect(order.recalculations).toBe(0);
    expect(order.customerNotifications).toEqual([]);
    // The notify flags are status parameters too (Orders::$status_update_parameters), read with
    // PHP's empty(): "N" is not empty, so it notifies.
    await cscartFetch(sim, `/api/orders/${order.orderId}`, { method: "PUT", body: { status: "C", notify_user: "N" } });
    expect(order.recalculations).toBe(0);
    expect(order.customerNotifications).toEqual([expect.objectContaining({ status: "C" })]);
    await cscartFetch(sim, `/api/orders/${order.orderId}`, { method: "PUT", body: { status: "O", notes: "recalculate me" } });
    expect(order.recalculations).toBe(1);
    expect((await cscartFetch(sim, `/api/orders/${order.orderId}`, { method: "PUT", body: { status: "Q" } })).status).toBe(400);
    expect((await cscartFetch(sim, "/api/orders/999999", { method: "PUT", body: { status: "C" } })).status).toBe(404);
  });
});

describe("CS-Cart products", () => {
  it("searches as fn_get_products: pcode is a code value (LIKE %code%, any case), q searches names", async () => {
    const product = [...sim.state.products.values()][0]!;
    const codes = async (query: string): Promise<string[]> =>
      ((await (await cscartFetch(sim, `/api/products?items_per_page=500&${query}`)).json()) as Json).products.map((row: Json) => row.product_code as string);
    const byCode = await codes(`pcode=${encodeURIComponent(product.productCode.toLowerCase())}`);
    expect(byCode).toContain(product.productCode);
    expect(byCode.every((code) => code.toLowerCase().includes(product.productCode.toLowerCase()))).toBe(true);
    // The old query: pcode=Y is a code value ("contains Y") and q searches names, not codes.
    const oldQuery = await codes(`pcode=Y&q=${encodeURIComponent(product.productCode)}`);
    expect(oldQuery).not.toContain(product.productCode);
    expect(await codes(`q=${encodeURIComponent(product.productCode)}&pcode_from_q=Y`)).toContain(product.productCode);
    const name = product.product.split(" ")[0]!;
    expect((await codes(`q=${encodeURIComponent(name)}`)).length).toBeGreaterThan(0);
  });

  it("keeps a second product with the same code: product_code has no unique key", async () => {
    const product = [...sim.state.products.values()][1]!;
    const body = { product: "Kopi", product_code: product.productCode, price: "10.00", category_ids: [product.categoryIds[0]] };
    expect((await cscartFetch(sim, "/api/products", { method: "POST", body })).status).toBe(201);
    const found = ((await (await cscartFetch(sim, `/api/products?pcode=${encodeURIComponent(product.productCode)}`)).json()) as Json).products as Json[];
    expect(found.filter((row) => row.product_code === product.productCode)).toHaveLength(2);
  });

  it("accepts tracking B and D only (O is gone since 4.13)", async () => {
    const product = [...sim.state.products.values()][2]!;
    const refused = await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: { tracking: "O" } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).message).toMatch(/tracking/);
    expect((await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: { tracking: "D" } })).status).toBe(200);
    expect(product.tracking).toBe("D");
  });

  it("shows detail with main_pair image URL", async () => {
    const product = [...sim.state.products.values()].find((candidate) => candidate.mainPair !== null && candidate.tracking === "B")!;
    const detail = (await (await cscartFetch(sim, `/api/products/${product.productId}`)).json()) as Json;
    expect(detail).toMatchObject({ product_id: String(product.productId), tracking: "B", status: "A" });
    const image = await fetch(detail.main_pair.detailed.image_path);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("creates with 201, rejects a create without price, updates with 200 and moves updated_timestamp", async () => {
    const created = await cscartFetch(sim, "/api/products", {
      method: "POST",
      body: { product: "Lue blå", product_code: "NEW-1", price: "199.00", category_ids: [2], amount: 5 },
    });
    expect(created.status).toBe(201);
    const { product_id: productId } = (await created.json()) as Json;
    expect(productId).toMatch(/^\d+$/);
    const invalid = await cscartFetch(sim, "/api/products", { method: "POST", body: { product: "No price", category_ids: [2] } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as Json).message).toMatch(/^Bad Request: .*price/);
    const stamps: number[] = [];
    for (const amount of [7, 8]) {
      const updated = await cscartFetch(sim, `/api/products/${productId}`, { method: "PUT", body: { amount } });
      expect(updated.status).toBe(200);
      expect(await updated.json()).toEqual({ product_id: productId });
      const detail = (await (await cscartFetch(sim, `/api/products/${productId}`)).json()) as Json;
      expect(detail.amount).toBe(String(amount));
      stamps.push(Number(detail.updated_timestamp));
    }
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
  });

  it("replaces the image when main_pair is sent, and fails for a non-URL path", async () => {
    const product = [...sim.state.products.values()].find((candidate) => candidate.mainPair !== null)!;
    const oldImage = product.mainPair!.imageId;
    const body = { main_pair: { detailed: { image_path: "https://apicenter.example/img/x.jpg?sig=abc", alt: "X" } } };
    expect((await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body })).status).toBe(200);
    expect(product.mainPair!.imageId).not.toBe(oldImage);
    expect(product.mainPair!.sourcePath).toBe(body.main_pair.detailed.image_path);
    await cscartFetch(sim, `/api/products/${product.productId}`, { method: "PUT", body: { main_pair: { detailed: { image_path: "images/local.jpg" } } } });
    expect(product.mainPair).toBeNull();
    expect(sim.state.imageWrites.slice(-2).map((write) => write.result)).toEqual(["replaced", "failed"]);
  });
});

describe("CS-Cart users and categories", () => {
  it("creates a customer (201), rejects duplicates and missing required fields, updates (200)", async () => {
    const body = { email: "ny.kunde@example.no", user_type: "C", company_id: 1, status: "A", firstname: "Åse", lastname: "Ødegård" };
    const created = await cscartFetch(sim, "/api/users", { method: "POST", body });
    expect(created.status).toBe(201);
    const { user_id: userId } = (await created.json()) as Json;
    expect((await cscartFetch(sim, "/api/users", { method: "POST", body: { ...body, email: "NY.KUNDE@example.no" } })).status).toBe(400);
    expect((await cscartFetch(sim, "/api/users", { method: "POST", body: { email: "x@example.no" } })).status).toBe(400);
    expect((await cscartFetch(sim, `/api/users/${userId}`, { method: "PUT", body: { phone: "+4712345678" } })).status).toBe(200);
    const detail = (await (await cscartFetch(sim, `/api/users/${userId}`)).json()) as Json;
    expect(detail).toMatchObject({ email: body.email, user_type: "C", firstname: "Åse", phone: "+4712345678" });
    const listed = (await (await cscartFetch(sim, `/api/users?user_type=C&email=ny.kunde`)).json()) as Json;
    expect(listed.users.map((user: Json) => user.user_id)).toEqual([userId]);
  });

  it("answers a page past the end with the last page for users and categories (fn_get_users counts first, db_paginate clamps), but with nothing for orders", async () => {
    const usersAt = async (page: number) => (await (await cscartFetch(sim, `/api/users?items_per_page=2&page=${page}`)).json()) as Json;
    const first = await usersAt(1);
    const total = Number(first.params.total_items);
    const lastPage = Math.ceil(total / 2);
    const last = await usersAt(lastPage);
    const beyond = await usersAt(lastPage + 5);
    expect(beyond.params.page).toBe(lastPage);
    expect(beyond.users.map((user: Json) => user.user_id)).toEqual(last.users.map((user: Json) => user.user_id));
    const categories = (await (await cscartFetch(sim, "/api/categories?items_per_page=1&page=100000")).json()) as Json;
    expect(categories.categories).toHaveLength(1);
    const orders = (await (await cscartFetch(sim, "/api/orders?items_per_page=2&page=100000")).json()) as Json;
    expect(orders.orders).toEqual([]);
  });

  it("lists categories", async () => {
    const body = (await (await cscartFetch(sim, "/api/categories")).json()) as Json;
    expect(body.categories.length).toBeGreaterThan(3);
    expect(body.categories[0]).toMatchObject({
      category_id: expect.any(String),
      parent_id: expect.any(String),
      id_path: expect.any(String),
      category: expect.any(String),
    });
  });
});

describe("CS-Cart control API", () => {
  it("needs the control secret", async () => {
    expect((await fetch(`${sim.url}/__control/state`)).status).toBe(401);
  });

  it("creates and changes orders, counts requests per route, reads state and resets", async () => {
    const target = await startCscartSimulator({ port: 0, seed: 5, products: 30, customers: 10, orders: 10 });
    try {
      const product = [...target.state.products.values()][0]!;
      const created = await controlFetch(target, "/orders", {
        email: "kari@example.no",
        status: "O",
        lines: [{ productCode: product.productCode, amount: 2 }],
      });
      expect(created.status).toBe(201);
      const order = (await created.json()) as Json;
      expect(Number(order.order_id)).toBeGreaterThan(Math.max(...[...target.state.orders.keys()].filter((id) => id !== Number(order.order_id))));
      const changed = (await (await controlFetch(target, `/orders/${order.order_id}`, { status: "P" })).json()) as Json;
      expect(changed.status).toBe("P");
      await cscartFetch(target, `/api/orders/${order.order_id}`);
      await cscartFetch(target, `/api/2.0/orders/${order.order_id}`);
      const stats = (await (await controlFetch(target, "/requests")).json()) as Json;
      expect(stats.byRoute["GET /api/orders/:id"]).toBe(2);
      const orders = (await (await controlFetch(target, "/state?collection=orders")).json()) as Json[];
      expect(orders.some((candidate) => candidate.orderId === Number(order.order_id))).toBe(true);
      await controlFetch(target, "/reset", {});
      expect(target.state.orders.has(Number(order.order_id))).toBe(false);
      expect(target.requestStats().total).toBe(0);
    } finally {
      await target.close();
    }
  });
});

describe("CS-Cart shipments (4.13 Shipments entity)", () => {
  it("creates a shipment only with order_id, shipping_id and a tracking number or carrier, caps it at what is not shipped, and lists it by order", async () => {
    const order = [...sim.state.orders.values()].find((candidate) => candidate.lines.length > 0 && candidate.lines.every((line) => line.shippedAmount === 0))!;
    const post = (body: Json) => cscartFetch(sim, "/api/shipments", { method: "POST", body });
    expect(await (await post({ shipping_id: 1, tracking_number: "T1" })).json()).toMatchObject({ message: "The order_id field is required" });
    expect(await (await post({ order_id: order.orderId, tracking_number: "T1" })).json()).toMatchObject({ message: "The shipping_id field is required" });
    // fn_update_shipment returns false without a tracking number and a carrier: 400, nothing said.
    const neither = await post({ order_id: order.orderId, shipping_id: 1 });
    expect(neither.status).toBe(400);
    expect(await neither.json()).toEqual({});

    const line = order.lines[0]!;
    const created = await post({
      order_id: order.orderId,
      shipping_id: 1,
      tracking_number: "70700000000000009NO",
      carrier: "posten",
      comments: "Visma.net shipment 000042",
      products: { [line.itemId]: line.amount + 5 },
    });
    expect(created.status).toBe(201);
    const { shipment_id } = (await created.json()) as Json;
    const listed = (await (await cscartFetch(sim, `/api/shipments?order_id=${order.orderId}`)).json()) as Json;
    expect(listed.shipments).toEqual([
      expect.objectContaining({
        shipment_id,
        tracking_number: "70700000000000009NO",
        carrier: "posten",
        comments: "Visma.net shipment 000042",
        products: { [line.itemId]: String(line.amount) },
      }),
    ]);
    const detail = (await (await cscartFetch(sim, `/api/orders/${order.orderId}`)).json()) as Json;
    expect(detail.products[line.itemId].shipped_amount).toBe(line.amount);
    // Nothing of that line is left to ship.
    expect((await post({ order_id: order.orderId, shipping_id: 1, tracking_number: "T2", products: { [line.itemId]: 1 } })).status).toBe(400);
  });

  it("takes a payment surcharge (taxed under PS_<payment_id>) and gift certificates off the total", async () => {
    const product = [...sim.state.products.values()][0]!;
    const created = (await (
      await controlFetch(sim, "/orders", {
        lines: [{ productId: product.productId, price: 100 }],
        paymentSurcharge: 25,
        giftCertificates: [{ code: "GC-1", amount: 30 }],
      })
    ).json()) as Json;
    expect(created.payment_surcharge).toBe("25.00");
    expect(created.use_gift_certificates).toEqual({ "GC-1": expect.objectContaining({ amount: 30, cost: 30 }) });
    expect(Object.keys(created.taxes["6"].applies)).toContain("PS_12");
    expect(created.total).toBe("95.00");
  });
});

describe("CS-Cart lists for the pick-lists", () => {
  it("serves taxes and shipping methods keyed by id, as fn_get_taxes and fn_get_shippings return them, paged without a total", async () => {
    const taxes = (await (await cscartFetch(sim, "/api/taxes?items_per_page=2&page=1")).json()) as Json;
    expect(Array.isArray(taxes)).toBe(false);
    expect(Object.keys(taxes)).toEqual(["6", "7"]);
    expect(taxes["6"]).toMatchObject({ tax_id: "6", tax: "MVA 25%", status: "A", price_includes_tax: "Y" });
    const rest = (await (await cscartFetch(sim, "/api/taxes?items_per_page=2&page=2")).json()) as Json;
    expect(Object.keys(rest)).toEqual(["8"]);

    const shippings = (await (await cscartFetch(sim, "/api/shippings?items_per_page=50")).json()) as Json;
    expect(Object.values(shippings).map((shipping) => [shipping.shipping_id, shipping.shipping, shipping.status])).toEqual([
      ["1", "Posten", "A"],
      ["2", "PostNord", "A"],
      ["3", "Hent i butikk", "A"],
      ["4", "Bring Hjem-levering (av)", "D"],
    ]);
  });

  it("serves order statuses as a plain list of letters with their titles, 10 per page unless asked", async () => {
    const firstPage = (await (await cscartFetch(sim, "/api/statuses")).json()) as Json[];
    expect(Array.isArray(firstPage)).toBe(true);
    expect(firstPage.length).toBeLessThanOrEqual(10);
    expect(firstPage[0]).toMatchObject({ status: "P", type: "O", description: "Processed" });
    const all = (await (await cscartFetch(sim, "/api/statuses?items_per_page=100")).json()) as Json[];
    expect(all.map((status) => status.status)).toEqual(["P", "C", "O", "F", "D", "B", "I", "Y", "N", "E"]);
  });
});
