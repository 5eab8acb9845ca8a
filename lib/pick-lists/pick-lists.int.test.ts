/**
 * Pick-lists read from both remotes (the simulators, as the real APIs answer), kept per tenant; a
 * failed refresh keeps the last good list and says why; the values in use mark unmapped VAT codes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess } from "../auth/tenant-access";
import { encryptSecret } from "../crypto";
import { db } from "../db";
import { getActiveMapping } from "../mappings/get-active-mapping";
import { mappingGaps, unmappedVatCodes } from "../mappings/mapping-gaps";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { getPickLists } from "./get-pick-lists";
import { categoryTree } from "./pick-list-kinds";
import { refreshPickLists } from "./refresh-pick-lists";

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 91, cscart: { orders: 0, products: 30 }, visma: { orders: 0, products: 30 } });
});
afterAll(async () => h?.close());

const admin = () => resolveTenantAccess(h.users.ADMIN.id, h.tenant.slug, "ADMIN");
const ids = (list: { items: { id: string }[] } | undefined) => list?.items.map((item) => item.id);

describe("pick-lists", () => {
  it("reads the shop's taxes, categories as a tree, order statuses and shipping methods", async () => {
    const lists = await refreshPickLists(await admin(), "cscart");
    expect(ids(lists["cscart.taxes"])).toEqual(["6", "7", "8"]);
    expect(lists["cscart.taxes"]!.items[0]).toEqual({ id: "6", label: "MVA 25%" });
    expect(ids(lists["cscart.orderStatuses"])).toEqual(["P", "C", "O", "F", "D", "B", "I", "Y", "N", "E"]);
    expect(lists["cscart.shippings"]!.items.find((shipping) => shipping.id === "4")).toMatchObject({ inactive: true });
    const tree = categoryTree(lists["cscart.categories"]!.items);
    expect(tree.slice(0, 3).map((category) => category.label)).toEqual(["Klær", "Klær › T-skjorter", "Klær › Sokker & strømper"]);
    expect(lists["cscart.categories"]!.error).toBeNull();
  });

  it("reads Visma.net's VAT categories, warehouses, branches, credit terms and the values the company's items use", async () => {
    const lists = await refreshPickLists(await admin(), "visma");
    expect(ids(lists["visma.vatCategories"])?.sort()).toEqual(["0", "3", "31", "33"]);
    expect(lists["visma.vatCategories"]!.items.find((category) => category.id === "31")!.label).toBe("Utgående mva middels sats (15 %)");
    expect(ids(lists["visma.warehouses"])).toEqual(["MAIN", "WH2"]);
    expect(lists["visma.branches"]!.items.find((branch) => branch.id === "3")).toMatchObject({ inactive: true });
    expect(lists["visma.creditTerms"]!.items.find((terms) => terms.id === "60")).toMatchObject({ inactive: true });
    const inUse = lists["visma.vatCodesInUse"]!.items;
    expect(inUse.reduce((sum, code) => sum + code.count!, 0)).toBe(h.visma.state.inventory.size);
    expect(ids(lists["visma.itemClassesInUse"])).toContain("TEXTIL");

    // A VAT code in use that the mapping lacks is an open point of the checklist, and marked.
    const active = await getActiveMapping(h.tenant.id, "product");
    const narrowed = { ...active, config: { ...active.config, taxMapping: { "3": [6] } } };
    expect(unmappedVatCodes(narrowed.config, ids(lists["visma.vatCodesInUse"])!)).toEqual(expect.arrayContaining(["31"]));
    expect(mappingGaps(narrowed, { vatCodes: ids(lists["visma.vatCodesInUse"]) }).join(" ")).toMatch(
      /VAT codes? .*31.* in your Visma.net items but ha(s|ve) no CS-Cart tax/,
    );
  });

  it("keeps the last good list when a refresh fails, and says why", async () => {
    await db.connection.updateMany({
      where: { tenantId: h.tenant.id, kind: "CSCART" },
      data: { encryptedSecret: encryptSecret("not-the-key", { tenantId: h.tenant.id, kind: "CSCART" }) },
    });
    const lists = await refreshPickLists(await admin(), "cscart");
    expect(ids(lists["cscart.taxes"])).toEqual(["6", "7", "8"]);
    expect(lists["cscart.taxes"]!.error).toMatch(/admin e-mail and API key|401|not accept/i);
    expect(await getPickLists(h.tenant.id)).toEqual(lists);
    const audit = await db.auditEvent.findMany({ where: { tenantId: h.tenant.id, action: "pick-lists.refresh" }, orderBy: { id: "asc" } });
    expect(audit.map((event) => event.target)).toEqual(["pick-lists:cscart", "pick-lists:visma", "pick-lists:cscart"]);
  });
});
