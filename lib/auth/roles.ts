/** Role rules, pure so they can be tested alone. OWNER > ADMIN > VIEWER. */
import { Role } from "../../generated/prisma/enums";

export const ROLES = Object.values(Role);
export type RoleName = Role;

const RANK: Record<RoleName, number> = { VIEWER: 1, ADMIN: 2, OWNER: 3 };

/** Does `role` meet the `required` minimum? */
export function roleAllows(role: RoleName, required: RoleName): boolean {
  return RANK[role] >= RANK[required];
}

/** Settings, mappings, connections and sync triggers. */
export function canEdit(role: RoleName): boolean {
  return roleAllows(role, "ADMIN");
}

/** Adding, changing and removing team members. */
export function canManageTeam(role: RoleName): boolean {
  return roleAllows(role, "OWNER");
}
