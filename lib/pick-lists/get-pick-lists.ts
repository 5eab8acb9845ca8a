/** The pick-lists a tenant's forms offer: what the last refresh of each remote read (lib/pick-lists/refresh-pick-lists.ts). */
import { z } from "zod";
import { db } from "../db";
import { PICK_LIST_KINDS, type PickListKind, type PickLists } from "./pick-list-kinds";

const StoredItemsSchema = z.array(
  z.object({ id: z.string(), label: z.string(), parentId: z.string().optional(), inactive: z.boolean().optional(), count: z.number().optional() }),
);

export async function getPickLists(tenantId: string): Promise<PickLists> {
  const rows = await db.remoteList.findMany({ where: { tenantId, kind: { in: PICK_LIST_KINDS } } });
  const lists: PickLists = {};
  for (const row of rows) {
    const items = StoredItemsSchema.safeParse(row.items);
    lists[row.kind as PickListKind] = { items: items.success ? items.data : [], fetchedAt: row.fetchedAt.toISOString(), error: row.error };
  }
  return lists;
}

/** Only the ids of one list, or undefined when it was never read. */
export async function pickListIds(tenantId: string, kind: PickListKind): Promise<string[] | undefined> {
  const row = await db.remoteList.findUnique({ where: { tenantId_kind: { tenantId, kind } }, select: { items: true } });
  if (!row) return undefined;
  const items = StoredItemsSchema.safeParse(row.items);
  return items.success ? items.data.map((item) => item.id) : undefined;
}
