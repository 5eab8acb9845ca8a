import pLimit from "p-limit";
import { describe, expect, it } from "vitest";
import { TransientStreak } from "./transient-streak";

describe("transient streak", () => {
  it("breaks after the limit of failures in a row, and any answer from the remote ends the streak", () => {
    const streak = new TransientStreak(3);
    streak.transientFailure();
    streak.transientFailure();
    expect(streak.broken).toBe(false);
    streak.answered();
    streak.transientFailure();
    streak.transientFailure();
    expect(streak.broken).toBe(false);
    streak.transientFailure();
    expect(streak.broken).toBe(true);
    expect(streak.length).toBe(3);
    streak.answered();
    expect(streak.broken).toBe(false);
  });

  it("counts every failure of concurrent tasks exactly once", async () => {
    const streak = new TransientStreak(1_000);
    const limit = pLimit(4);
    // Each task awaits between reading the state and reporting, as a record task does around its remote call.
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        limit(async () => {
          await new Promise((resolve) => setTimeout(resolve, index % 3));
          streak.transientFailure();
        }),
      ),
    );
    expect(streak.length).toBe(200);
    expect(streak.broken).toBe(false);
  });
});
