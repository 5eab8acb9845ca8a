import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { addLogContext, createLogger, requestIdFrom, withLogContext } from "./logger";

function capture(level: "info" | "warn" = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(stream, level), lines };
}

describe("process logger", () => {
  it("writes one JSON line with level, time and message", () => {
    const { log, lines } = capture();
    log.info("hello");
    expect(lines).toEqual([expect.objectContaining({ level: "info", msg: "hello", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it("adds the request or job context to every line inside it, including the tenant once known", async () => {
    const { log, lines } = capture();
    await withLogContext({ jobId: "job-1", queue: "sync-stock" }, async () => {
      log.info("start");
      await Promise.resolve();
      addLogContext({ tenantId: "tenant-1" });
      log.info("after the payload was read");
    });
    log.info("outside");
    expect(lines.map(({ msg, jobId, queue, tenantId }) => ({ msg, jobId, queue, tenantId }))).toEqual([
      { msg: "start", jobId: "job-1", queue: "sync-stock", tenantId: undefined },
      { msg: "after the payload was read", jobId: "job-1", queue: "sync-stock", tenantId: "tenant-1" },
      { msg: "outside", jobId: undefined, queue: undefined, tenantId: undefined },
    ]);
  });

  it("masks secrets and personal data like the run logs, in fields, messages and errors", () => {
    const { log, lines } = capture();
    log.info({ password: "hunter2", headers: { authorization: "Bearer abc.def" }, email: "kari@example.no" }, "token=abc123 for kari@example.no");
    log.error({ err: new Error("POST https://user:pw@visma.example/token failed: client_secret=s3cr3t") }, "remote failed");
    const [first, second] = lines;
    expect(first).toMatchObject({
      password: "[redacted]",
      headers: { authorization: "[redacted]" },
      email: "k***@example.no",
      msg: "token=[redacted] for k***@example.no",
    });
    const err = second!.err as Record<string, string>;
    expect(err.type).toBe("Error");
    expect(err.message).toBe("POST https://[redacted]@visma.example/token failed: client_secret=[redacted]");
    expect(err.stack).not.toContain("s3cr3t");
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|abc\.def|s3cr3t|kari@/);
  });

  it("leaves out lines below its level", () => {
    const { log, lines } = capture("warn");
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((line) => line.msg)).toEqual(["loud"]);
  });

  it("keeps a proxy's request id when it looks like one, else makes its own", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-123.x" }))).toBe("abc-123.x");
    const made = requestIdFrom(new Headers({ "x-request-id": "<script>" }));
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).not.toBe(made);
  });
});
