/** The signed image route end to end: token → tenant's Visma.net attachment → bytes for the shop. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/images/[token]/route";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { signImageToken } from "./signed-image-url";

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ seed: 17 });
});
afterAll(async () => h?.close());

const call = (token: string) => GET(new Request(`http://localhost/api/images/${token}`), { params: Promise.resolve({ token }) });

describe("signed image route", () => {
  it("streams the Visma.net attachment behind a valid link", async () => {
    const [attachmentId, attachment] = [...h.visma.state.attachments.entries()][0]!;
    const response = await call(signImageToken({ tenantId: h.tenant.id, attachmentId, name: attachment.name }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\//);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.length).toBeGreaterThan(0);
  });

  it("answers 404 with a reason for a forged or expired link", async () => {
    const forged = await call("eyJ0IjoieCJ9.AAAA");
    expect(forged.status).toBe(404);
    expect((await forged.json()).error.message).toBe("Unknown image link.");
    const [attachmentId] = [...h.visma.state.attachments.keys()];
    const expired = await call(signImageToken({ tenantId: h.tenant.id, attachmentId: attachmentId!, name: "x.jpg" }, Date.now() - 3 * 86_400_000));
    expect(expired.status).toBe(404);
    expect((await expired.json()).error.message).toBe("This image link has expired.");
  });
});
