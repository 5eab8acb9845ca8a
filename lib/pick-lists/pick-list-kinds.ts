/**
 * The pick-lists: values read from the tenant's remotes, offered next to the fields that take them
 * (a typed id stays possible). Pure, so the browser uses the same kinds and the tree helper.
 */
export const PICK_LIST_SOURCES = {
  cscart: ["cscart.taxes", "cscart.categories", "cscart.orderStatuses", "cscart.shippings"],
  visma: [
    "visma.vatCategories",
    "visma.warehouses",
    "visma.branches",
    "visma.creditTerms",
    "visma.vatCodesInUse",
    "visma.itemTypesInUse",
    "visma.itemClassesInUse",
  ],
} as const;
export type PickListSource = keyof typeof PICK_LIST_SOURCES;
export type PickListKind = (typeof PICK_LIST_SOURCES)[PickListSource][number];
export const PICK_LIST_KINDS = [...PICK_LIST_SOURCES.cscart, ...PICK_LIST_SOURCES.visma] as PickListKind[];

/** One value: its id (what is stored in a mapping or setting) and its name in the remote. */
export type PickOption = {
  id: string;
  label: string;
  /** Categories: the parent's id (a tree). */
  parentId?: string;
  /** Disabled, hidden or inactive in the remote: still listed, marked. */
  inactive?: boolean;
  /** Values in use: how many of the company's items carry it. */
  count?: number;
};

export type PickList = { items: PickOption[]; fetchedAt: string; error: string | null };
export type PickLists = Partial<Record<PickListKind, PickList>>;

/** Categories in tree order, each labelled with its path ("Clothing › T-shirts"). */
export function categoryTree(options: readonly PickOption[]): PickOption[] {
  const byId = new Map(options.map((option) => [option.id, option]));
  const children = new Map<string, PickOption[]>();
  for (const option of options) {
    const parent = option.parentId && byId.has(option.parentId) ? option.parentId : "";
    children.set(parent, [...(children.get(parent) ?? []), option]);
  }
  const ordered: PickOption[] = [];
  const visit = (parent: string, path: string[], seen: Set<string>) => {
    for (const option of children.get(parent) ?? []) {
      if (seen.has(option.id)) continue; // a loop in the remote's data: each category once
      seen.add(option.id);
      const labels = [...path, option.label];
      ordered.push({ ...option, label: labels.join(" › ") });
      visit(option.id, labels, seen);
    }
  };
  const seen = new Set<string>();
  visit("", [], seen);
  // Categories caught in a parent loop are unreachable from the top: listed under their own name.
  for (const option of options) if (!seen.has(option.id)) ordered.push(option);
  return ordered;
}
