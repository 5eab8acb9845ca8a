import { describe, expect, it } from "vitest";
import { createTestUser } from "../../testing/fixtures";
import { caughtAppError } from "../http/caught-app-error";
import { getUserLocale, setUserLocale } from "./user-locale";

describe("a user's own language", () => {
  it("is saved, read back, and cleared to follow the browser again", async () => {
    const user = await createTestUser("locale");
    expect(await getUserLocale(user.id)).toBeNull();
    expect(await setUserLocale(user.id, { locale: "nl" })).toEqual({ locale: "nl" });
    expect(await getUserLocale(user.id)).toBe("nl");
    expect(await setUserLocale(user.id, { locale: null })).toEqual({ locale: null });
    expect(await getUserLocale(user.id)).toBeNull();
  });

  it("refuses a language the dashboard does not have, naming the choices", async () => {
    const user = await createTestUser("locale-bad");
    const error = await caughtAppError(setUserLocale(user.id, { locale: "fr" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({
      fields: { locale: "choose a language: en or nl" },
      fieldIssues: { locale: { code: "choice", params: { values: ["en", "nl"] } } },
    });
    expect(await getUserLocale(user.id)).toBeNull();
  });

  it("answers UNAUTHENTICATED for a session whose user is gone", async () => {
    const error = await caughtAppError(setUserLocale("00000000-0000-4000-8000-000000000000", { locale: "nl" }));
    expect(error.code).toBe("UNAUTHENTICATED");
  });
});
