/**
 * A picture changed in Visma.net reaches the shop although the item's lastModifiedDateTime stays put
 * (docs/api-facts.md, "Pictures"): the product import also reads attachmentLastModifiedDateTime.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncHarness, type SyncHarness } from "../../../testing/sync-harness";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 41, cscart: { orders: 0, products: 20 }, visma: { orders: 0, products: 20 } });
});
afterAll(async () => h?.close());

describe("picture changes", () => {
  it("sends a new picture found only through attachmentLastModifiedDateTime, and nothing else", async () => {
    expect((await h.run("PRODUCT_IMPORT")).status).toBe("SUCCEEDED");
    const item = [...h.visma.state.inventory.values()].find((candidate) => candidate.attachments.length > 0 && candidate.status === "Active")!;
    // The item itself last changed long ago, well before the import cursor and its overlap.
    item.modifiedAt = Date.now() - 24 * 3600_000;
    const modifiedBefore = item.modifiedAt;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentName: "ny-forside.jpg" });
    expect(item.modifiedAt).toBe(modifiedBefore);
    const imageWritesBefore = h.cscart.state.imageWrites.length;
    h.cscart.resetRequestStats();

    const run = await h.run("PRODUCT_IMPORT");
    expect(run.status).toBe("SUCCEEDED");
    expect(run.counts.updated).toBe(1);
    const writes = h.cscart.state.imageWrites.slice(imageWritesBefore);
    expect(writes).toHaveLength(1);
    const product = [...h.cscart.state.products.values()].find((candidate) => candidate.productCode === item.inventoryNumber)!;
    expect(writes[0]).toMatchObject({ productId: product.productId, kind: "main_pair" });
  });
});

describe("all pictures of an item", () => {
  it("sends every picture in order (main image, then the others), and each part again only when it changed", async () => {
    const item = [...h.visma.state.inventory.values()].find(
      (candidate) => candidate.status === "Active" && candidate.stockItem && candidate.attachments.length > 0,
    )!;
    const product = () => [...h.cscart.state.products.values()].find((candidate) => candidate.productCode === item.inventoryNumber)!;
    const writesSince = (start: number) => h.cscart.state.imageWrites.slice(start).filter((write) => write.productId === product().productId);

    let start = h.cscart.state.imageWrites.length;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentNames: ["forside.jpg", "baksiden.png", "detalj.webp"] });
    await h.run("PRODUCT_IMPORT");
    expect(writesSince(start).map((write) => write.kind)).toEqual(["main_pair", "image_pairs", "image_pairs"]);
    // The signed image URL's token names the picture (lib/images/signed-image-url.ts).
    const pictureName = (fileName: string) => (JSON.parse(Buffer.from(fileName.split(".")[0]!, "base64url").toString()) as { n: string }).n;
    expect(product().imagePairs.map((pair) => [pair.position, pictureName(pair.fileName)])).toEqual([
      [1, "baksiden.png"],
      [2, "detalj.webp"],
    ]);

    // Nothing changed: nothing sent.
    start = h.cscart.state.imageWrites.length;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentNames: ["forside.jpg", "baksiden.png", "detalj.webp"] });
    await h.run("PRODUCT_IMPORT");
    expect(writesSince(start)).toEqual([]);

    // One additional picture changed: all additional images again (the shop replaces them all), not the main one.
    start = h.cscart.state.imageWrites.length;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentNames: ["forside.jpg", "baksiden-ny.png", "detalj.webp"] });
    await h.run("PRODUCT_IMPORT");
    expect(writesSince(start).map((write) => write.kind)).toEqual(["image_pairs", "image_pairs"]);

    // The additional pictures are gone in Visma.net: the shop's are removed.
    start = h.cscart.state.imageWrites.length;
    h.visma.upsertInventoryItem({ inventoryNumber: item.inventoryNumber, attachmentNames: ["forside.jpg"] });
    await h.run("PRODUCT_IMPORT");
    expect(writesSince(start).map((write) => [write.kind, write.result])).toEqual([["image_pairs", "removed"]]);
    expect(product().imagePairs).toEqual([]);
    expect(product().mainPair).not.toBeNull();
  });
});
