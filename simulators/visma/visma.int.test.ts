import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlFetch, requestVismaToken, vismaFetch, vismaToken } from "../testing";
import { startVismaSimulator, type VismaSimulator } from "./server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract tests read whatever JSON a simulator answers
type Json = Record<string, any>;

let sim: VismaSimulator;
let token: string;

beforeAll(async () => {
  sim = await startVismaSimulator({
    port: 0,
    seed: 21,
    products: 150,
    customers: 45,
    orders: 10,
    maxPageSize: { customer: 10, inventory: 40, salesOrder: 50 },
  });
  token = await vismaToken(sim);
});
afterAll(async () => {
  await sim.close();
});

const json = async (response: Response) => (await response.json()) as Json;

async function pageAllV1(path: string, pageSize: number): Promise<Json[]> {
  const rows: Json[] = [];
  for (let pageNumber = 1; pageNumber < 200; pageNumber++) {
    const page = (await (
      await vismaFetch(sim, token, `${path}${path.includes("?") ? "&" : "?"}pageNumber=${pageNumber}&pageSize=${pageSize}`)
    ).json()) as Json[];
    rows.push(...page);
    if (page.length < pageSize) break;
  }
  return rows;
}

const validOrder = (customerId: string, extra: Json = {}) => ({
  type: "SO",
  customer: { id: customerId, order: "CSCART-1042", refNo: "WEB" },
  orderLines: [
    {
      inventoryId: [...sim.state.inventory.values()].find((item) => item.status === "Active" && item.stockItem)!.inventoryNumber,
      quantity: 2,
      unitPrice: 159.2,
      hasManualPrice: true,
    },
  ],
  ...extra,
});

describe("Visma Connect token endpoint", () => {
  it("issues a bearer token for client_credentials with the tenant", async () => {
    const response = await requestVismaToken(sim, { scope: "vismanet_erp_service_api:read visma.net.erp.salesorder:read" });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "vismanet_erp_service_api:read visma.net.erp.salesorder:read" });
    expect(body.access_token).toEqual(expect.any(String));
  });

  it("answers OAuth errors for a wrong secret, grant type, scope, tenant or body format", async () => {
    const wrongSecret = await requestVismaToken(sim, { client_secret: "nope" });
    expect(wrongSecret.status).toBe(401);
    expect((await json(wrongSecret)).error).toBe("invalid_client");
    expect((await json(await requestVismaToken(sim, { grant_type: "password" }))).error).toBe("unsupported_grant_type");
    expect((await json(await requestVismaToken(sim, { scope: "everything:all" }))).error).toBe("invalid_scope");
    expect((await json(await requestVismaToken(sim, { tenant_id: "other-company" }))).error).toBe("invalid_tenant");
    const asJson = await fetch(`${sim.url}/connect/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(asJson.status).toBe(400);
    expect((await json(asJson)).error).toBe("invalid_request");
  });

  it("gives 401 on the API for a customer tenant token, a missing token and an expired token", async () => {
    const customerTenantToken = await vismaToken(sim, { tenant_id: sim.options.customerTenantId });
    expect((await vismaFetch(sim, customerTenantToken, "/v1/customer?pageNumber=1&pageSize=1")).status).toBe(401);
    const missing = await fetch(`${sim.url}/v1/customer`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await json(missing)).toMatchObject({ ExceptionType: "IPPException", ExceptionMessage: expect.stringMatching(/token/i) });
    const shortLived = await startVismaSimulator({ port: 0, seed: 1, products: 5, customers: 2, orders: 0, tokenLifetimeSeconds: 0 });
    try {
      const expired = await vismaToken(shortLived);
      expect((await vismaFetch(shortLived, expired, "/v1/customer")).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it("refuses scopes the integration is not granted (no :delete for the demo integration) with invalid_scope", async () => {
    const refused = await requestVismaToken(sim, { scope: "vismanet_erp_service_api:read vismanet_erp_service_api:delete" });
    expect(refused.status).toBe(400);
    expect(await json(refused)).toEqual({
      error: "invalid_scope",
      error_description: "The client is not allowed to request scope(s): vismanet_erp_service_api:delete",
    });
    const granted = await json(await requestVismaToken(sim, { scope: "vismanet_erp_service_api:read" }));
    expect(granted.scope).toBe("vismanet_erp_service_api:read");
    const everythingGranted = await json(await requestVismaToken(sim));
    expect(everythingGranted.scope.split(" ")).not.toContain("vismanet_erp_service_api:delete");
  });

  it("answers 403 when the token lacks the scope", async () => {
    const readOnlyOrders = await vismaToken(sim, { scope: "visma.net.erp.salesorder:read" });
    expect((await vismaFetch(sim, readOnlyOrders, "/v1/customer")).status).toBe(403);
    expect((await vismaFetch(sim, readOnlyOrders, "/api/v3/SalesOrders", { method: "POST", body: {} })).status).toBe(403);
    expect((await vismaFetch(sim, readOnlyOrders, "/api/v3/SalesOrders")).status).toBe(200);
  });
});

describe("Visma v1 lists", () => {
  it("pages customers to the end with metadata, capping pageSize silently", async () => {
    const rows = await pageAllV1("/v1/customer", 7);
    expect(rows).toHaveLength(45);
    expect(new Set(rows.map((row) => row.number)).size).toBe(45);
    expect(rows[0]!.metadata).toEqual({ totalCount: 45, maxPageSize: 10 });
    const capped = (await json(await vismaFetch(sim, token, "/v1/customer?pageNumber=1&pageSize=500"))) as unknown as Json[];
    expect(capped).toHaveLength(10);
    const unpaged = (await json(await vismaFetch(sim, token, "/v1/customer"))) as unknown as Json[];
    expect(unpaged).toHaveLength(10);
  });

  it("filters on lastModifiedDateTime with its condition and rejects half or bad pairs", async () => {
    const all = await pageAllV1("/v1/customer", 10);
    const pivot = [...all].sort((a, b) => a.lastModifiedDateTime.localeCompare(b.lastModifiedDateTime))[20]!.lastModifiedDateTime as string;
    const newer = await pageAllV1(
      `/v1/customer?lastModifiedDateTime=${encodeURIComponent(pivot)}&lastModifiedDateTimeCondition=${encodeURIComponent(">")}`,
      10,
    );
    expect(newer.length).toBeGreaterThan(0);
    expect(newer.length).toBeLessThan(all.length);
    expect(newer.every((row) => row.lastModifiedDateTime > pivot)).toBe(true);
    const half = await vismaFetch(sim, token, `/v1/customer?lastModifiedDateTime=${encodeURIComponent(pivot)}`);
    expect(half.status).toBe(400);
    expect((await json(half)).ExceptionType).toBe("IPPException");
    expect((await vismaFetch(sim, token, "/v1/customer?lastModifiedDateTime=14.03.2025&lastModifiedDateTimeCondition=%3E")).status).toBe(400);
    expect((await vismaFetch(sim, token, "/v1/customer?lastModifiedDateTime=2025-03-14&lastModifiedDateTimeCondition=%3D%3D")).status).toBe(400);
  });

  it("filters customers by e-mail (ignoring case) and name", async () => {
    const customer = [...sim.state.customers.values()][3]!;
    const byEmail = (await json(
      await vismaFetch(sim, token, `/v1/customer?email=${encodeURIComponent(customer.mainContact.email.toUpperCase())}&pageNumber=1&pageSize=10`),
    )) as unknown as Json[];
    expect(byEmail.map((row) => row.number)).toEqual([customer.number]);
    const byName = (await json(
      await vismaFetch(sim, token, `/v1/customer?name=${encodeURIComponent(customer.name.slice(0, 4))}&pageNumber=1&pageSize=10`),
    )) as unknown as Json[];
    expect(byName.map((row) => row.number)).toContain(customer.number);
  });

  it("pages inventory, expands warehouse details and attachments only when asked", async () => {
    const rows = await pageAllV1("/v1/inventory", 40);
    expect(rows).toHaveLength(sim.state.inventory.size);
    expect(rows[0]).not.toHaveProperty("warehouseDetails");
    expect(rows[0]).not.toHaveProperty("attachments");
    const withImage = [...sim.state.inventory.values()].find((item) => item.attachments.length > 0)!;
    const detail = await json(await vismaFetch(sim, token, `/v1/inventory/${withImage.inventoryNumber}?expandWarehouseDetail=true&expandAttachment=true`));
    expect(detail.warehouseDetails[0]).toMatchObject({ warehouse: expect.any(String), quantityOnHand: expect.any(Number), available: expect.any(Number) });
    expect(detail.attachments[0]).toMatchObject({ id: withImage.attachments[0]!.id, revision: 1 });
    const image = await vismaFetch(sim, token, `/v1/attachment/${withImage.attachments[0]!.id}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect((await fetch(`${sim.url}/v1/attachment/${withImage.attachments[0]!.id}`)).status).toBe(401);
  });

  it("moves availabilityLastModifiedDateTime, not lastModifiedDateTime, when only stock changes", async () => {
    const since = new Date(Date.now() - 1000).toISOString().slice(0, 23);
    const item = [...sim.state.inventory.values()].find((candidate) => candidate.stockItem)!;
    sim.setStock(item.inventoryNumber, { warehouse: "MAIN", onHand: 3 });
    const q = (name: string) => `/v1/inventory?${name}=${since}&${name}Condition=${encodeURIComponent(">=")}&pageNumber=1&pageSize=40`;
    const byAvailability = (await json(await vismaFetch(sim, token, q("availabilityLastModifiedDateTime")))) as unknown as Json[];
    expect(byAvailability.map((row) => row.inventoryNumber)).toEqual([item.inventoryNumber]);
    const byItem = (await json(await vismaFetch(sim, token, q("lastModifiedDateTime")))) as unknown as Json[];
    expect(byItem.map((row) => row.inventoryNumber)).not.toContain(item.inventoryNumber);
  });

  it("moves attachmentLastModifiedDateTime, not lastModifiedDateTime, when only the picture changes", async () => {
    const since = new Date(Date.now() - 1000).toISOString().slice(0, 23);
    const item = [...sim.state.inventory.values()].find((candidate) => candidate.attachments.length > 0)!;
    sim.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentName: "ny-forside.jpg" });
    const q = (name: string) => `/v1/inventory?${name}=${since}&${name}Condition=${encodeURIComponent(">=")}&pageNumber=1&pageSize=40&expandAttachment=true`;
    const byAttachment = (await json(await vismaFetch(sim, token, q("attachmentLastModifiedDateTime")))) as unknown as Json[];
    expect(byAttachment.map((row) => row.inventoryNumber)).toEqual([item.inventoryNumber]);
    expect(byAttachment[0]!.attachments[0]).toMatchObject({ name: "ny-forside.jpg", revision: 2 });
    const byItem = (await json(await vismaFetch(sim, token, q("lastModifiedDateTime")))) as unknown as Json[];
    expect(byItem.map((row) => row.inventoryNumber)).not.toContain(item.inventoryNumber);
    expect((await vismaFetch(sim, token, `/v1/inventory?attachmentLastModifiedDateTime=${since}&pageNumber=1`)).status).toBe(400);
  });
});

describe("Visma v1 writes", () => {
  const newCustomer = {
    name: { value: "Fjordkanten Ærlig AS" },
    creditTermsId: { value: "14" },
    customerClassId: { value: "B2B" },
    glAccounts: { value: { customerLedgerAccount: { value: "1400" } } },
    mainAddress: { value: { addressLine1: { value: "Bryggen 3" }, postalCode: { value: "5003" }, city: { value: "Bergen" }, countryId: { value: "NO" } } },
    mainContact: { value: { email: { value: "post@fjordkanten.example.no" }, phone1: { value: "+4755000000" } } },
  };

  it("creates a customer from the wrapped form (201 + Location) and reads it back", async () => {
    const created = await vismaFetch(sim, token, "/v1/customer", { method: "POST", body: newCustomer });
    expect(created.status).toBe(201);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/\/v1\/customer\/\d+$/);
    const detail = await json(await fetch(location, { headers: { authorization: `Bearer ${token}` } }));
    expect(detail).toMatchObject({
      name: "Fjordkanten Ærlig AS",
      creditTerms: { id: "14" },
      customerClass: { id: "B2B" },
      mainContact: { email: "post@fjordkanten.example.no" },
      mainAddress: { city: "Bergen", country: { id: "NO" } },
    });
    expect(detail.glAccounts.customerLedgerAccount.number).toBe("1400");
  });

  it("rejects unwrapped fields and unknown lookups with an IPPException", async () => {
    const unwrapped = await vismaFetch(sim, token, "/v1/customer", { method: "POST", body: { name: "Plain Name" } });
    expect(unwrapped.status).toBe(400);
    expect((await json(unwrapped)).ExceptionMessage).toMatch(/not recognized as CustomerUpdateDto/);
    const badTerms = await vismaFetch(sim, token, "/v1/customer", { method: "POST", body: { ...newCustomer, creditTermsId: { value: "99" } } });
    expect(badTerms.status).toBe(400);
    expect((await json(badTerms)).ExceptionMessage).toMatch(/CreditTerms '99'/);
  });

  it("returns an ETag on GET, 204 on PUT, and 412 for a stale If-Match", async () => {
    const number = [...sim.state.customers.keys()][0]!;
    const first = await vismaFetch(sim, token, `/v1/customer/${number}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const update = { name: { value: "Nytt Navn" } };
    const put = await vismaFetch(sim, token, `/v1/customer/${number}`, { method: "PUT", body: update, headers: { "if-match": etag } });
    expect(put.status).toBe(204);
    expect(put.headers.get("etag")).not.toBe(etag);
    const stale = await vismaFetch(sim, token, `/v1/customer/${number}`, { method: "PUT", body: update, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect((await json(stale)).ExceptionType).toBe("IPPException");
  });

  it("creates inventory (inventoryNumber mandatory on POST, refused on PUT)", async () => {
    const created = await vismaFetch(sim, token, "/v1/inventory", {
      method: "POST",
      body: { inventoryNumber: { value: "NEW-ITEM-1" }, description: { value: "Ny vare" }, defaultPrice: { value: 99.5 } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toMatch(/\/v1\/inventory\/NEW-ITEM-1$/);
    expect((await vismaFetch(sim, token, "/v1/inventory", { method: "POST", body: { description: { value: "x" } } })).status).toBe(400);
    expect((await vismaFetch(sim, token, "/v1/inventory/NEW-ITEM-1", { method: "PUT", body: { inventoryNumber: { value: "X" } } })).status).toBe(400);
    expect((await vismaFetch(sim, token, "/v1/inventory/NEW-ITEM-1", { method: "PUT", body: { defaultPrice: { value: 120 } } })).status).toBe(204);
    expect(sim.state.inventory.get("NEW-ITEM-1")!.defaultPrice).toBe(120);
  });
});

describe("SalesOrder V3", () => {
  it("reports missing type and customer as 0001-NullNotAllowed ProblemDetails", async () => {
    const response = await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: { description: "no type" } });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({ status: 400, title: expect.any(String) });
    expect(body.details.map((detail: Json) => [detail.code, detail.parameters.property])).toEqual([
      ["0001-NullNotAllowed", "type"],
      ["0001-NullNotAllowed", "customer"],
    ]);
  });

  it("rejects unknown inventory (1804), unknown customer, incomplete addresses and manual numbering without orderId", async () => {
    const customerId = [...sim.state.customers.keys()][1]!;
    const codes = async (body: unknown) =>
      ((await json(await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body }))).details as Json[]).map((detail) => detail.code);
    expect(await codes(validOrder(customerId, { orderLines: [{ inventoryId: "NO-SUCH-SKU", quantity: 1 }] }))).toEqual(["1804-InventoryIdNotFound"]);
    expect(await codes(validOrder("00000"))).toEqual(["SIM-CustomerNotFound"]);
    expect(await codes(validOrder(customerId, { billing: { address: { line1: "Storgata 1", city: "Oslo", countryId: "NO" } } }))).toContain(
      "SIM-IncompleteAddressOrContact",
    );
    expect(await codes(validOrder(customerId, { type: "WO" }))).toEqual(["0001-NullNotAllowed"]);
    expect(sim.state.salesOrders.size).toBe(0);
  });

  it("creates an order (201 + Location), stores prices as given and books stock", async () => {
    const customerId = [...sim.state.customers.keys()][2]!;
    const command = validOrder(customerId);
    const inventoryId = command.orderLines[0]!.inventoryId;
    const before = (await json(await vismaFetch(sim, token, `/v1/inventorysummary/${inventoryId}`))) as unknown as Json[];
    const address = { line1: "Storgata 1", line2: "", line3: "", postalCode: "0155", city: "Oslo", countryId: "NO", stateId: null };
    const contact = { name: "Kari Nordmann", attention: "", email: "kari@example.no", phone1: "+4790000000" };
    const response = await vismaFetch(sim, token, "/api/v3/SalesOrders", {
      method: "POST",
      body: { ...command, billing: { address, contact }, shipping: { address, contact } },
    });
    expect(response.status).toBe(201);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/\/api\/v3\/SalesOrders\/SO\/\d+$/);
    const detail = await json(await fetch(location, { headers: { authorization: `Bearer ${token}` } }));
    expect(detail.orderLines[0]).toMatchObject({ unitPrice: 159.2, quantity: 2, hasManualPrice: true });
    const after = (await json(await vismaFetch(sim, token, `/v1/inventorysummary/${inventoryId}`))) as unknown as Json[];
    expect(after[0]!.soBooked).toBe(before[0]!.soBooked + 2);
    expect(after[0]!.available).toBe(before[0]!.available - 2);
  });

  it("refuses over-long fields with 0002-InvalidLength naming each property (V3 OpenAPI maxLength)", async () => {
    const customerId = [...sim.state.customers.keys()][1]!;
    const address = { line1: "x".repeat(51), line2: "", line3: "", postalCode: "1".repeat(21), city: "y".repeat(50), countryId: "NOR", stateId: null };
    const contact = { name: "Kari", attention: "", email: "kari@example.no", phone1: "9".repeat(51) };
    const order = validOrder(customerId, { customer: { id: customerId, order: "C".repeat(41) }, note: "n".repeat(2049), billing: { address, contact } });
    order.orderLines[0] = { ...order.orderLines[0]!, description: "d".repeat(257) } as (typeof order.orderLines)[number];
    const body = await json(await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: order }));
    const tooLong = (body.details as Json[]).filter((detail) => detail.code === "0002-InvalidLength").map((detail) => detail.parameters.property);
    expect(tooLong.sort()).toEqual(
      [
        "billing.address.countryId",
        "billing.address.line1",
        "billing.address.postalCode",
        "billing.contact.phone1",
        "customer.order",
        "note",
        "orderLines[0].description",
      ].sort(),
    );
    expect((body.details as Json[])[0]).toMatchObject({ message: "Invalid length" });
    const atTheLimit = validOrder(customerId, {
      customer: { id: customerId, order: "C".repeat(40) },
      shipping: { shipViaId: "POSTEN" },
      note: "n".repeat(2048),
      billing: { address: { ...address, line1: "x".repeat(50), postalCode: "1".repeat(20), countryId: "NO" }, contact: { ...contact, phone1: "9".repeat(50) } },
    });
    expect((await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: atTheLimit })).status).toBe(201);
  });

  it("refuses an empty countryId when an address is sent (0001-EmptyNotAllowed)", async () => {
    const customerId = [...sim.state.customers.keys()][1]!;
    const address = { line1: "Storgata 1", line2: "", line3: "", postalCode: "0155", city: "Oslo", countryId: "", stateId: null };
    const contact = { name: "Kari", attention: "", email: "kari@example.no", phone1: "" };
    const body = await json(
      await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: validOrder(customerId, { shipping: { address, contact } }) }),
    );
    expect(body.details).toEqual([
      expect.objectContaining({ code: "0001-EmptyNotAllowed", parameters: { property: "shipping.address.countryId", value: "" } }),
    ]);
  });

  it("refuses a manual freight cost unless the order's Ship via allows it (1310), the sent one or the customer's default", async () => {
    const customer = sim.upsertCustomer({ name: "Uten fraktvalg", email: "uten.frakt@example.no", shipViaId: "" });
    const codes = async (body: unknown) => {
      const response = await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body });
      return response.status === 201 ? "created" : ((await json(response)).details as Json[]).map((detail) => `${detail.code} ${detail.parameters.property}`);
    };
    expect(await codes(validOrder(customer.number, { freight: { cost: 59 } }))).toEqual(["1310-FreightCostCanNotBeSetManually freight.cost"]);
    expect(await codes(validOrder(customer.number, { freight: { cost: 59 }, shipping: { shipViaId: "PICKUP" } }))).toEqual([
      "1310-FreightCostCanNotBeSetManually freight.cost",
    ]);
    expect(await codes(validOrder(customer.number, { freight: { cost: 59 }, shipping: { shipViaId: "NOPE" } }))).toEqual([
      "SIM-ShipViaNotFound shipping.shipViaId",
    ]);
    expect(await codes(validOrder(customer.number, { freight: { cost: 59 }, shipping: { shipViaId: "POSTEN" } }))).toBe("created");
    expect(await codes(validOrder(customer.number, { shipping: { shipViaId: "PICKUP" } }))).toBe("created");
    // A customer whose default Ship via allows it needs none on the order.
    const seeded = [...sim.state.customers.values()].find(
      (candidate) => candidate.shipViaId === "POSTEN" && candidate.status === "Active" && candidate.creditTermsId,
    )!;
    expect(await codes(validOrder(seeded.number, { freight: { cost: 59 } }))).toBe("created");
  });

  it("refuses a repeated orderId for a manually numbered type with 409", async () => {
    const customerId = [...sim.state.customers.keys()][2]!;
    const order = validOrder(customerId, { type: "WO", orderId: "CSCART-77" });
    expect((await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: order })).status).toBe(201);
    expect((await vismaFetch(sim, token, "/api/v3/SalesOrders", { method: "POST", body: order })).status).toBe(409);
  });

  it("lists with 0-based pageIndex, nextPage, modifiedSince and customer.order", async () => {
    const customerId = [...sim.state.customers.keys()][4]!;
    // The simulator's clock runs a little ahead of real time when many changes come within a millisecond.
    const since = new Date(Math.max(Date.now(), sim.state.lastClock + 1)).toISOString();
    for (let i = 0; i < 3; i++) {
      await vismaFetch(sim, token, "/api/v3/SalesOrders", {
        method: "POST",
        body: validOrder(customerId, { customer: { id: customerId, order: `CSCART-${2000 + i}` } }),
      });
    }
    const first = await json(await vismaFetch(sim, token, `/api/v3/SalesOrders?modifiedSince=${encodeURIComponent(since)}&pageSize=2&pageIndex=0`));
    expect(first.totalCount).toBe(3);
    expect(first.value).toHaveLength(2);
    expect(first.nextPage).toContain("pageIndex=1");
    const second = await json(await fetch(first.nextPage, { headers: { authorization: `Bearer ${token}` } }));
    expect(second.value).toHaveLength(1);
    expect(second.nextPage).toBeNull();
    const orders = [...first.value, ...second.value];
    expect(orders.map((order: Json) => order.customer.order).sort()).toEqual(["CSCART-2000", "CSCART-2001", "CSCART-2002"]);
    expect(orders.every((order: Json) => typeof order.lastModified === "string" && order.customer.id === customerId)).toBe(true);
    expect((await vismaFetch(sim, token, "/api/v3/SalesOrders?pageSize=51")).status).toBe(400);
    expect((await vismaFetch(sim, token, "/api/v3/SalesOrders?orderBy=price")).status).toBe(400);
  });

  it("moves stock through createShipment and confirmShipment", async () => {
    const order = [...sim.state.salesOrders.values()].find((candidate) => candidate.type === "SO" && candidate.status === "Open")!;
    const line = order.lines[0]!;
    const row = () => sim.state.inventory.get(line.inventoryId)!.warehouses.find((candidate) => candidate.warehouse === line.warehouseId)!;
    const onHandBefore = row().onHand;
    const created = await vismaFetch(sim, token, `/v1/salesorder/${order.orderId}/action/createShipment`, {
      method: "POST",
      body: { orderType: "SO", shipmentDate: "2025-03-14", shipmentWarehouse: line.warehouseId },
    });
    expect(created.status).toBe(200);
    const { referenceNumber } = await json(created);
    expect(row().soAllocated).toBeGreaterThanOrEqual(line.quantity);
    const confirmed = await vismaFetch(sim, token, `/v1/shipment/${referenceNumber}/action/confirmShipment`, { method: "POST", body: {} });
    expect(confirmed.status).toBe(200);
    expect(row().onHand).toBe(onHandBefore - line.quantity);
    expect(row().soShipped).toBe(line.quantity);
    expect((await vismaFetch(sim, token, `/v1/shipment/${referenceNumber}/action/confirmShipment`, { method: "POST", body: {} })).status).toBe(400);
  });

  it("takes createShipment flat, refusing the {value} form and a missing shipmentWarehouse or shipmentDate, and a held order", async () => {
    const customerId = [...sim.state.customers.keys()][3]!;
    const created = await vismaFetch(sim, token, "/api/v3/SalesOrders", {
      method: "POST",
      body: validOrder(customerId, { customer: { id: customerId, order: "CSCART-3001" } }),
    });
    const orderId = created.headers.get("location")!.split("/").pop()!;
    const ship = (body: unknown) => vismaFetch(sim, token, `/v1/salesorder/${orderId}/action/createShipment`, { method: "POST", body });
    const wrapped = await ship({ orderType: { value: "SO" }, shipmentDate: { value: "2025-03-14" }, shipmentWarehouse: { value: "MAIN" } });
    expect(wrapped.status).toBe(400);
    expect((await json(wrapped)).ExceptionMessage).toMatch(/^Data received not recognized as CreateShipmentActionDto/);
    const noWarehouse = await json(await ship({ orderType: "SO", shipmentDate: "2025-03-14" }));
    expect(noWarehouse.ExceptionMessage).toContain("'shipmentWarehouse' cannot be empty");
    expect((await json(await ship({ orderType: "SO", shipmentWarehouse: "MAIN" }))).ExceptionMessage).toContain("'shipmentDate' cannot be empty");
    expect((await ship({ orderType: "SO", shipmentDate: "2025-03-14", shipmentWarehouse: "NOWHERE" })).status).toBe(400);

    const held = await vismaFetch(sim, token, "/api/v3/SalesOrders", {
      method: "POST",
      body: validOrder(customerId, { status: "Hold", customer: { id: customerId, order: "CSCART-3002" } }),
    });
    const heldId = held.headers.get("location")!.split("/").pop()!;
    const onHold = await vismaFetch(sim, token, `/v1/salesorder/${heldId}/action/createShipment`, {
      method: "POST",
      body: { orderType: "SO", shipmentDate: "2025-03-14", shipmentWarehouse: "MAIN" },
    });
    expect(onHold.status).toBe(400);
    expect((await json(onHold)).ExceptionMessage).toMatch(/on hold/);
    const shipped = await json(await ship({ orderType: "SO", shipmentDate: "2025-03-14", shipmentWarehouse: "MAIN" }));
    // V3 lists the order's shipments (read only); v1 says whether one is still open.
    const listed = (await json(await vismaFetch(sim, token, `/api/v3/SalesOrders/SO/${orderId}/shipment`))) as unknown as Json[];
    expect(listed.map((shipment) => shipment.id)).toEqual([shipped.referenceNumber]);
    expect(await json(await vismaFetch(sim, token, `/v1/shipment/${shipped.referenceNumber}`))).toMatchObject({
      shipmentNumber: shipped.referenceNumber,
      status: "Open",
    });
    expect((await vismaFetch(sim, token, "/v1/shipment/999999")).status).toBe(404);
  });
});

describe("Visma order totals and shipments for order progress", () => {
  it("totals a sales order by VAT rate rounded per document, honours tax categories, and takes a negative quantity only on a misc. charge item (1809)", async () => {
    const customerId = [...sim.state.customers.keys()][5]!;
    const item = [...sim.state.inventory.values()].find((candidate) => candidate.status === "Active" && candidate.stockItem && candidate.vatCodeId === "3")!;
    const post = (orderLines: Json[], freight?: Json, reference = "CSCART-4001") =>
      vismaFetch(sim, token, "/api/v3/SalesOrders", {
        method: "POST",
        body: { type: "SO", customer: { id: customerId, order: reference }, shipping: { shipViaId: "POSTEN" }, ...(freight ? { freight } : {}), orderLines },
      });
    // 2 × 8.04 − 0.04 = 16.04 and a 0 % line of 10; freight 47.20 at the Ship via's 25 %: VAT (16.04 + 47.20) × 25 % = 15.81.
    const created = await post(
      [
        { inventoryId: item.inventoryNumber, quantity: 2, unitPrice: 8.04, discountAmount: 0.04, hasManualPrice: true, hasManualDiscount: true },
        { inventoryId: item.inventoryNumber, quantity: 1, unitPrice: 10, hasManualPrice: true, taxCategoryId: "FRITATT" },
        { inventoryId: "GAVEKORT", quantity: -1, unitPrice: 5, hasManualPrice: true },
      ],
      { cost: 47.2 },
    );
    expect(created.status).toBe(201);
    const detail = await json(await vismaFetch(sim, token, new URL(created.headers.get("location")!).pathname));
    expect(detail.totals).toMatchObject({ lineTotal: 21.04, freightCost: 47.2, taxTotal: 15.81, orderTotal: 84.05 });

    const negative = await json(await post([{ inventoryId: item.inventoryNumber, quantity: -1, unitPrice: 5 }], undefined, "CSCART-4002"));
    expect(negative.details.map((detail: Json) => detail.code)).toContain("1809-InvalidQuantityForType");
    const badCategory = await json(
      await post([{ inventoryId: item.inventoryNumber, quantity: 1, unitPrice: 5, taxCategoryId: "NOPE" }], undefined, "CSCART-4003"),
    );
    expect(badCategory.details.map((detail: Json) => detail.code)).toContain("1805-InvalidTaxCategoryId");
    const tooMuchDiscount = await json(
      await post([{ inventoryId: item.inventoryNumber, quantity: 1, unitPrice: 5, discountAmount: 6 }], undefined, "CSCART-4004"),
    );
    expect(tooMuchDiscount.details.map((detail: Json) => detail.code)).toContain("1101-DiscountAmountMoreThanExtPrice");
  });

  it("lists shipments changed since a time with their Ship via, packages' tracking numbers and orders (GET /v1/shipment)", async () => {
    const customerId = [...sim.state.customers.keys()][6]!;
    const created = await vismaFetch(sim, token, "/api/v3/SalesOrders", {
      method: "POST",
      body: validOrder(customerId, { customer: { id: customerId, order: "CSCART-4010" }, shipping: { shipViaId: "POSTNORD" } }),
    });
    const orderId = created.headers.get("location")!.split("/").pop()!;
    const since = new Date(Date.now() - 1000).toISOString().slice(0, 23);
    const control = await controlFetch(sim, `/salesorders/SO/${orderId}`, { ship: { trackingNumber: "70712345678901234NO" } });
    expect(control.status).toBe(200);
    const listed = (await json(
      await vismaFetch(sim, token, `/v1/shipment?lastModifiedDateTime=${since}&lastModifiedDateTimeCondition=%3E%3D&pageNumber=1&pageSize=50`),
    )) as unknown as Json[];
    const shipment = listed.find((candidate) => candidate.shipmentOrderLines[0]?.orderNbr === orderId)!;
    expect(shipment).toMatchObject({
      status: "Confirmed",
      shipVia: { id: "POSTNORD" },
      shipmentPackageLines: [{ trackingNumber: "70712345678901234NO" }],
      shipmentOrderLines: [{ orderType: "SO", orderNbr: orderId }],
    });
    expect(shipment.metadata.totalCount).toBeGreaterThanOrEqual(1);
    expect(sim.state.salesOrders.get(`SO/${orderId}`)!.status).toBe("Completed");
    expect((await vismaFetch(sim, token, `/v1/shipment?lastModifiedDateTime=${since}`)).status).toBe(400);
  });
});

describe("Visma v1 company lookups", () => {
  it("serves branches, credit terms and accounts, and 404 for an unknown one", async () => {
    const branch = await json(await vismaFetch(sim, token, "/v1/branch/2"));
    expect(branch).toMatchObject({ number: "2", isActive: true, name: expect.any(String) });
    expect((await vismaFetch(sim, token, "/v1/branch/99")).status).toBe(404);
    expect(((await json(await vismaFetch(sim, token, "/v1/branch"))) as unknown as Json[]).map((row) => row.number)).toEqual(["1", "2", "3"]);
    const terms = await json(await vismaFetch(sim, token, "/v1/creditTerm?termsId=14"));
    expect(terms).toMatchObject({ totalCount: 1, records: [{ termsId: "14", visibleTo: "AL" }] });
    expect((await json(await vismaFetch(sim, token, "/v1/creditTerm?termsId=99"))).records).toEqual([]);
    expect(await json(await vismaFetch(sim, token, "/v1/account/1400"))).toMatchObject({ accountCD: "1400", type: "Asset", active: true });
    expect((await vismaFetch(sim, token, "/v1/account/9999")).status).toBe(404);
  });

  it("refuses a customer with terms not visible to customers or an inactive collection account", async () => {
    const create = (extra: Json) => vismaFetch(sim, token, "/v1/customer", { method: "POST", body: { name: { value: "Test" }, ...extra } });
    expect((await json(await create({ creditTermsId: { value: "60" } }))).ExceptionMessage).toBe("CreditTerms '60' not found.");
    expect((await json(await create({ glAccounts: { value: { customerLedgerAccount: { value: "1590" } } } }))).ExceptionMessage).toBe(
      "Account '1590' not found.",
    );
  });

  it("refuses over-long customer addresses and contacts (the address model's limits)", async () => {
    const response = await vismaFetch(sim, token, "/v1/customer", {
      method: "POST",
      body: { name: { value: "Lang adresse" }, mainAddress: { value: { addressLine1: { value: "x".repeat(51) }, countryId: { value: "NO" } } } },
    });
    expect(response.status).toBe(400);
    expect((await json(response)).ExceptionMessage).toBe("Error: 'mainAddress.addressLine1' is too long (51 characters, at most 50).");
  });
});

describe("Visma rate limit and control API", () => {
  it("sends X-RateLimit headers and answers 429 with Retry-After when the hourly budget is spent", async () => {
    const limited = await startVismaSimulator({ port: 0, seed: 2, products: 5, customers: 3, orders: 0, rateLimitPerHour: 3 });
    try {
      const limitedToken = await vismaToken(limited);
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await vismaFetch(limited, limitedToken, "/v1/customer?pageNumber=1&pageSize=1");
        expect(response.status).toBe(200);
        expect(response.headers.get("x-ratelimit-limit")).toBe("3");
        expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
        remaining.push(response.headers.get("x-ratelimit-remaining")!);
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const v1 = await vismaFetch(limited, limitedToken, "/v1/customer?pageNumber=1&pageSize=1");
      expect(v1.status).toBe(429);
      expect(Number(v1.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await json(v1)).ExceptionMessage).toMatch(/out of API requests/);
      const v3 = await vismaFetch(limited, limitedToken, "/api/v3/SalesOrders");
      expect(v3.status).toBe(429);
      expect((await json(v3)).status).toBe(429);
      expect(limited.requestStats().rateLimited).toBe(2);
      limited.setRateLimit(10);
      expect((await vismaFetch(limited, limitedToken, "/v1/customer?pageNumber=1&pageSize=1")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("shows stored sales orders, counts requests by route, changes data and resets", async () => {
    const orders = (await json(await controlFetch(sim, "/state?collection=salesOrders"))) as unknown as Json[];
    expect(orders.length).toBe(sim.state.salesOrders.size);
    expect(orders.filter((order) => order.customerOrder === "CSCART-1042").length).toBeGreaterThan(0);
    const stats = await json(await controlFetch(sim, "/requests"));
    expect(stats.byRoute["POST /api/v3/SalesOrders"]).toBeGreaterThan(0);
    expect(stats.byRoute["GET /v1/customer/:number"]).toBeGreaterThan(0);
    const item = await json(await controlFetch(sim, "/inventory", { inventoryNumber: "CTRL-1", description: "Kontrollvare", stock: { MAIN: 9 } }));
    expect(item.warehouses[0].onHand).toBe(9);
    const customer = await json(await controlFetch(sim, "/customers", { name: "Kontroll Kunde", email: "kontroll@example.no" }));
    expect(sim.state.customers.get(customer.number)?.mainContact.email).toBe("kontroll@example.no");
    expect((await json(await controlFetch(sim, "/tokens/expire", {}))).expired).toBeGreaterThan(0);
    expect((await vismaFetch(sim, token, "/v1/customer")).status).toBe(401);
    token = await vismaToken(sim);
    await controlFetch(sim, "/reset", {});
    expect(sim.state.salesOrders.size).toBe(0);
    expect(sim.state.inventory.has("CTRL-1")).toBe(false);
  });
});

describe("Visma.net lists for the pick-lists", () => {
  it("lists VAT categories as a plain list (an item's vatCode.id is one of their ids) and warehouses paged with metadata", async () => {
    const categories = await json(await vismaFetch(sim, token, "/v1/vatCategory"));
    expect(categories.map((category: Json) => category.vatCategoryId).sort()).toEqual(["0", "3", "31", "33"]);
    expect(categories.find((category: Json) => category.vatCategoryId === "31")).toMatchObject({
      description: "Utgående mva middels sats",
      active: true,
      vatCategoryLines: [{ vatRates: [{ vatRate: 15 }] }],
    });
    const item = await json(await vismaFetch(sim, token, `/v1/inventory/${[...sim.state.inventory.keys()][0]}`));
    expect(categories.map((category: Json) => category.vatCategoryId)).toContain(item.vatCode.id);

    const warehouses = await json(await vismaFetch(sim, token, "/v1/warehouse?pageNumber=1&pageSize=1"));
    expect(warehouses).toEqual([expect.objectContaining({ warehouseID: "MAIN", active: true, metadata: { totalCount: 2, maxPageSize: 1000 } })]);
    const second = await json(await vismaFetch(sim, token, "/v1/warehouse?pageNumber=2&pageSize=1"));
    expect(second[0].warehouseID).toBe("WH2");
  });
});
