import { describe, expect, it } from "vitest";
import { canEdit, canManageTeam, roleAllows } from "./roles";

describe("role rules", () => {
  it("rank OWNER over ADMIN over VIEWER", () => {
    expect(roleAllows("OWNER", "ADMIN")).toBe(true);
    expect(roleAllows("ADMIN", "ADMIN")).toBe(true);
    expect(roleAllows("VIEWER", "ADMIN")).toBe(false);
    expect(roleAllows("ADMIN", "OWNER")).toBe(false);
    expect(roleAllows("VIEWER", "VIEWER")).toBe(true);
  });

  it("let only ADMIN and OWNER change things, and only OWNER manage the team", () => {
    expect([canEdit("OWNER"), canEdit("ADMIN"), canEdit("VIEWER")]).toEqual([true, true, false]);
    expect([canManageTeam("OWNER"), canManageTeam("ADMIN"), canManageTeam("VIEWER")]).toEqual([true, false, false]);
  });
});
