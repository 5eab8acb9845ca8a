import { describe, expect, it } from "vitest";
import { httpUrl } from "./url-field";

const parse = (value: string) => httpUrl.safeParse(value);
const problem = (value: string) => {
  const result = parse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe("base URL field", () => {
  it.each([
    ["https://Shop.Example.com/", "https://shop.example.com"],
    ["  https://shop.example.com/store//  ", "https://shop.example.com/store"],
    ["https://shop.example.com:443/api", "https://shop.example.com/api"],
    ["http://shop.example.com:8080", "http://shop.example.com:8080"],
    ["https://bücher.example/shop", "https://xn--bcher-kva.example/shop"],
  ])("stores %s as %s", (input, stored) => {
    expect(parse(input)).toMatchObject({ success: true, data: stored });
  });

  it.each([
    ["not a url", "must be a full URL"],
    ["ftp://shop.example.com", "must start with http:// or https://"],
    ["javascript:alert(1)", "must start with http:// or https://"],
    ["https://admin:secret@shop.example.com", "must not contain a user name or password"],
    ["https://admin@shop.example.com", "must not contain a user name or password"],
    ["https://shop.example.com/?x=1", "must not contain a query"],
    ["https://shop.example.com/api?", "must not contain a query"],
    ["https://shop.example.com/#top", "must not contain a fragment"],
    ["https://shop.example.com#", "must not contain a fragment"],
  ])("refuses %s, naming the part", (input, message) => {
    expect(problem(input)).toContain(message);
  });
});
