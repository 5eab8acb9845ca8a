import { describe, expect, it } from "vitest";
import { handleSyncJob } from "./sync-module";

describe("sync job payloads", () => {
  it("completes a job with a bad payload instead of retrying it, naming the bad fields", async () => {
    const result = (await handleSyncJob({ id: "job-1", name: "sync-order-export", data: { tenantId: "not-a-uuid", module: "ORDERS" } })) as {
      failed: { code: string; message: string };
    };
    expect(result.failed.code).toBe("JOB_PAYLOAD_INVALID");
    expect(result.failed.message).toContain("tenantId: tenantId must be a UUID");
    expect(result.failed.message).toContain("module:");
    expect(result.failed.message).toContain("trigger:");
  });
});
