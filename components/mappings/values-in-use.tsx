"use client";

/**
 * The VAT codes and the category values (item classes or types) the company's items actually use,
 * from the pick-lists, each marked mapped or not in the mapping being edited — so "every item
 * fails" shows here before any import runs.
 */
import { Card } from "@/components/ui/layout";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

const TEXT = {
  title: "What your items use",
  description: "Read from your Visma.net items with \"Refresh lists from Visma.net\". Unmapped VAT codes make their items fail; unmapped category values go to the default category.",
  notRead: "Not read yet: refresh the lists from Visma.net.",
  vatCodes: "VAT codes",
  categoryValues: (field: string) => `Values of the category field (${field})`,
  categoryFixed: "The category is a fixed value: every item goes there.",
  categoryOther: "The category field is not an item class or type: its values are not listed here.",
  items: (count: number) => `${count} item(s)`,
  mapped: "mapped",
  unmapped: "not mapped",
  byDefault: "default",
};

type Mark = "mapped" | "unmapped" | "default";

function Values({ title, values, markOf, testId }: { title: string; values: readonly PickOption[]; markOf: (id: string) => Mark; testId: string }) {
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="mt-1 space-y-1 text-sm" data-testid={testId}>
        {values.map((value) => {
          const mark = markOf(value.id);
          return (
            <li key={value.id} className="flex flex-wrap items-center justify-between gap-2" data-value={value.id} data-mark={mark}>
              <span><span className="font-mono text-xs">{value.id}</span>{value.label !== value.id && ` ${value.label}`} <span className="text-xs text-slate-500">· {TEXT.items(value.count ?? 0)}</span></span>
              <span className={`rounded-full px-2 py-0.5 text-xs ${mark === "unmapped" ? "bg-red-100 text-red-800" : mark === "default" ? "bg-amber-100 text-amber-800" : "bg-green-100 text-green-800"}`}>
                {mark === "unmapped" ? TEXT.unmapped : mark === "default" ? TEXT.byDefault : TEXT.mapped}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ValuesInUse({ vatCodes, itemClasses, itemTypes, categoryField, isTaxMapped, isCategoryMapped, read }: {
  vatCodes: readonly PickOption[];
  itemClasses: readonly PickOption[];
  itemTypes: readonly PickOption[];
  /** The category field's source: "visma:itemClass.id", "visma:type", "fixed" or anything else. */
  categoryField: string;
  isTaxMapped: (vatCode: string) => Mark;
  isCategoryMapped: (value: string) => Mark;
  read: boolean;
}) {
  const categoryValues = categoryField === "visma:itemClass.id" ? itemClasses : categoryField === "visma:type" ? itemTypes : null;
  return (
    <Card title={TEXT.title} description={TEXT.description} testId="values-in-use">
      {!read ? (
        <p className="text-sm text-slate-600">{TEXT.notRead}</p>
      ) : (
        <div className="space-y-4">
          <Values title={TEXT.vatCodes} values={vatCodes} markOf={isTaxMapped} testId="vat-codes-in-use" />
          {categoryValues ? (
            <Values title={TEXT.categoryValues(categoryField.replace("visma:", ""))} values={categoryValues} markOf={isCategoryMapped} testId="category-values-in-use" />
          ) : (
            <p className="text-sm text-slate-600">{categoryField === "fixed" ? TEXT.categoryFixed : TEXT.categoryOther}</p>
          )}
        </div>
      )}
    </Card>
  );
}
