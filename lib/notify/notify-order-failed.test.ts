import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { adviceFor } from "./notify-order-failed";

describe("order failure e-mail advice", () => {
  it("fits the kind of failure", () => {
    expect(adviceFor(new AppError("SKU_NOT_FOUND", "x"))).toMatch(/create the missing article/);
    expect(adviceFor(new AppError("REMOTE_AUTH_FAILED", "x"))).toMatch(/setting or credential problem/);
    expect(adviceFor(new AppError("RETRIES_EXHAUSTED", "x"))).toMatch(/kept failing.*connection status/);
  });

  it("is in the recipient's language", () => {
    expect(adviceFor(new AppError("SKU_NOT_FOUND", "x"), "nl")).toMatch(/maak bijvoorbeeld het ontbrekende artikel aan/);
    expect(adviceFor(new AppError("REMOTE_AUTH_FAILED", "x"), "nl")).toMatch(/probleem met een instelling of inloggegevens/);
  });
});
