import { describe, it, expect } from "vitest";
import { maskEmail, redact, redactText } from "./redact";

describe("redact", () => {
  it("masks secrets in headers and payloads", () => {
    const result = redact({
      headers: { Authorization: "Bearer abc.def.ghi", "X-Api-Key": "k-123", accept: "application/json" },
      form: { grant_type: "client_credentials", client_id: "apicenter", client_secret: "s3cret", tenant_id: "t1" },
      token: "tok",
      access_token: "tok2",
      password: "hunter2",
    });
    expect(result).toEqual({
      headers: { Authorization: "[redacted]", "X-Api-Key": "[redacted]", accept: "application/json" },
      form: { grant_type: "client_credentials", client_id: "apicenter", client_secret: "[redacted]", tenant_id: "t1" },
      token: "[redacted]",
      access_token: "[redacted]",
      password: "[redacted]",
    });
  });

  it("masks personal data in known fields and keeps the rest", () => {
    const result = redact({
      email: "Kari@Example.no",
      b_firstname: "Kari",
      b_lastname: "Nordmann",
      b_address: "Storgata 1",
      b_city: "Oslo",
      b_phone: "+47 900 00 012",
      mainContact: { name: "Øystein Ås", email: "oystein@example.no", phone1: "22334455" },
      product: "T-shirt black M",
    });
    expect(result).toEqual({
      email: "K***@Example.no",
      b_firstname: "K***",
      b_lastname: "N***",
      b_address: "[address]",
      b_city: "Oslo",
      b_phone: "***12",
      mainContact: { name: "Ø***", email: "o***@example.no", phone1: "***55" },
      product: "T-shirt black M",
    });
  });

  it("masks e-mails and credentials inside free text and does not mutate the input", () => {
    const input = { message: "Customer kari@example.no exists; token=abc&x=1 Bearer xyz" };
    const result = redact(input);
    expect(result.message).toBe("Customer k***@example.no exists; token=[redacted]&x=1 Bearer [redacted]");
    expect(input.message).toContain("kari@example.no");
  });

  it("handles arrays, Headers and cycles", () => {
    const cyclic: Record<string, unknown> = { list: [{ email: "a@b.no" }] };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ list: [{ email: "a***@b.no" }], self: "[circular]" });
    expect(redact({ h: new Headers({ authorization: "Basic Zm9vOmJhcg==" }) })).toEqual({ h: { authorization: "[redacted]" } });
  });
});

describe("redactText / maskEmail", () => {
  it("masks credentials in URLs", () => {
    expect(redactText("https://admin%40shop.no:key@shop.no/api")).toBe("https://[redacted]@shop.no/api");
    expect(maskEmail("kari@example.no")).toBe("k***@example.no");
  });

  it("masks secrets inside JSON text, such as a cut-off token response", () => {
    expect(redactText('{"access_token":"eyJabc.def","token_type":"Bearer","expires_in":36')).toBe(
      '{"access_token":"[redacted]","token_type":"Bearer","expires_in":36',
    );
    expect(redactText('{"client_secret" : "s3cret"}')).toBe('{"client_secret" : "[redacted]"}');
    expect(redactText('{"token_type":"Bearer","access_token":"eyJab')).toBe('{"token_type":"Bearer","access_token":"[redacted]"');
  });
});
