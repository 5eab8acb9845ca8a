import { describe, it, expect } from "vitest";
import { appErrorFromResponse, appErrorFromTransportFailure, extractRemoteErrorText, wasNeverSent } from "./remote-errors";

const info = { remote: "visma", remoteLabel: "Visma.net", endpoint: "POST /api/v3/SalesOrders" };

describe("extractRemoteErrorText", () => {
  it("reads CS-Cart, Visma v1, V3 ProblemDetails and OAuth bodies", () => {
    expect(extractRemoteErrorText('{"message":"Bad Request: product_code is empty","status":400}')).toEqual({
      message: "Bad Request: product_code is empty",
      code: "400",
    });
    expect(extractRemoteErrorText('{"ExceptionType":"IPPException","ExceptionMessage":"No license for this company","ExceptionFaultCode":"12027"}')).toEqual({
      message: "No license for this company",
      code: "12027",
    });
    expect(
      extractRemoteErrorText(
        JSON.stringify({
          title: "One or more validation errors occurred.",
          status: 400,
          details: [{ code: "1804-InventoryIdNotFound", message: "Inventory item SOCK-XL was not found" }],
        }),
      ),
    ).toEqual({
      message: "One or more validation errors occurred.; 1804-InventoryIdNotFound: Inventory item SOCK-XL was not found",
      code: "1804-InventoryIdNotFound",
    });
    expect(
      extractRemoteErrorText(
        JSON.stringify({
          title: "Bad",
          details: [{ code: "0002-InvalidLength", message: "Invalid length", parameters: { property: "billing.address.line1" } }],
        }),
      ),
    ).toEqual({ message: "Bad; 0002-InvalidLength: Invalid length (billing.address.line1)", code: "0002-InvalidLength" });
    expect(extractRemoteErrorText('{"error":"invalid_client"}')).toEqual({ message: "invalid_client", code: "invalid_client" });
    expect(extractRemoteErrorText("<html>502 Bad Gateway</html>")).toEqual({});
  });
});

describe("appErrorFromResponse", () => {
  const cases: Array<[number, string, string]> = [
    [401, "REMOTE_AUTH_FAILED", "configuration"],
    [403, "REMOTE_FORBIDDEN", "configuration"],
    [404, "REMOTE_NOT_FOUND", "data"],
    [400, "REMOTE_VALIDATION", "data"],
    [422, "REMOTE_VALIDATION", "data"],
    [409, "REMOTE_CONFLICT", "data"],
    [412, "REMOTE_CONFLICT", "data"],
    [429, "REMOTE_RATE_LIMITED", "transient"],
    [500, "REMOTE_UNAVAILABLE", "transient"],
    [503, "REMOTE_UNAVAILABLE", "transient"],
  ];
  it.each(cases)("maps HTTP %i to %s (%s)", (status, code, kind) => {
    const error = appErrorFromResponse(info, { status, bodyText: "" });
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(`HTTP ${status} from POST /api/v3/SalesOrders`);
  });

  it("quotes the remote's own words, masking personal data, and keeps 412 details", () => {
    const error = appErrorFromResponse(info, {
      status: 412,
      bodyText: '{"ExceptionMessage":"Customer kari@example.no was changed","ExceptionFaultCode":"10002"}',
      ifMatch: '"v1"',
    });
    expect(error.message).toContain('The remote said: "Customer k***@example.no was changed" (code 10002).');
    expect(error.details).toMatchObject({ status: 412, preconditionFailed: true, ifMatch: '"v1"', remoteCode: "10002" });
    expect(JSON.stringify(error.details)).not.toContain("kari@");
  });

  it("never quotes an answer that is not an API's JSON error body", () => {
    for (const bodyText of ["internal admin console: db password hunter2", "<html><body>hunter2</body></html>", '"hunter2"']) {
      const error = appErrorFromResponse(info, { status: 403, bodyText });
      expect(JSON.stringify(error.toJSON())).not.toContain("hunter2");
    }
  });

  it("marks a failed POST with 5xx as outcome unknown and passes Retry-After on", () => {
    expect(appErrorFromResponse(info, { status: 502, bodyText: "", outcomeUnknown: true }).details?.outcomeUnknown).toBe(true);
    expect(appErrorFromResponse(info, { status: 429, bodyText: "", retryAfterMs: 5000 }).details?.retryAfterMs).toBe(5000);
  });
});

describe("appErrorFromTransportFailure", () => {
  it("explains timeouts and network failures in plain words", () => {
    const timeout = appErrorFromTransportFailure(info, { kind: "timeout", outcomeUnknown: true, timeoutMs: 30_000 });
    expect(timeout.code).toBe("REMOTE_TIMEOUT");
    expect(timeout.message).toContain("did not answer within 30 seconds");
    expect(timeout.message).toContain("result is unknown");
    expect(timeout.details?.outcomeUnknown).toBe(true);

    const cause = Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } });
    const network = appErrorFromTransportFailure(info, { kind: "network", outcomeUnknown: false, cause });
    expect(network.code).toBe("REMOTE_NETWORK");
    expect(network.message).toContain("host name could not be found");
    expect(network.details?.outcomeUnknown).toBe(false);
    expect(wasNeverSent(cause)).toBe(true);
    expect(wasNeverSent(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }))).toBe(false);
  });
});
