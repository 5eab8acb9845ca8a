"use client";

/**
 * The VAT codes and the category values (item classes or types) the company's items actually use,
 * from the pick-lists, each marked mapped or not in the mapping being edited — so "every item
 * fails" shows here before any import runs.
 */
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/layout";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

type Mark = "mapped" | "unmapped" | "byDefault";

function Values({ title, values, markOf, testId }: { title: string; values: readonly PickOption[]; markOf: (id: string) => Mark; testId: string }) {
  const t = useTranslations("mappings.valuesInUse");
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="mt-1 space-y-1 text-sm" data-testid={testId}>
        {values.map((value) => {
          const mark = markOf(value.id);
          return (
            <li key={value.id} className="flex flex-wrap items-center justify-between gap-2" data-value={value.id} data-mark={mark}>
              <span>
                <span className="font-mono text-xs">{value.id}</span>
                {value.label !== value.id && ` ${value.label}`} <span className="text-xs text-slate-500">· {t("items", { count: value.count ?? 0 })}</span>
              </span>
              <span
                className={`rounded-full px-2 py-0.5 text-xs ${mark === "unmapped" ? "bg-red-100 text-red-800" : mark === "byDefault" ? "bg-amber-100 text-amber-800" : "bg-green-100 text-green-800"}`}
              >
                {t(mark)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ValuesInUse({
  vatCodes,
  itemClasses,
  itemTypes,
  categoryField,
  taxMark,
  categoryMark,
  read,
}: {
  vatCodes: readonly PickOption[];
  itemClasses: readonly PickOption[];
  itemTypes: readonly PickOption[];
  /** The category field's source: "visma:itemClass.id", "visma:type", "fixed" or anything else. */
  categoryField: string;
  taxMark: (vatCode: string) => Mark;
  categoryMark: (value: string) => Mark;
  read: boolean;
}) {
  const t = useTranslations("mappings.valuesInUse");
  const categoryValues = categoryField === "visma:itemClass.id" ? itemClasses : categoryField === "visma:type" ? itemTypes : null;
  return (
    <Card title={t("title")} description={t("description")} testId="values-in-use">
      {!read ? (
        <p className="text-sm text-slate-600">{t("notRead")}</p>
      ) : (
        <div className="space-y-4">
          <Values title={t("vatCodes")} values={vatCodes} markOf={taxMark} testId="vat-codes-in-use" />
          {categoryValues ? (
            <Values
              title={t("categoryValues", { field: categoryField.replace("visma:", "") })}
              values={categoryValues}
              markOf={categoryMark}
              testId="category-values-in-use"
            />
          ) : (
            <p className="text-sm text-slate-600">{categoryField === "fixed" ? t("categoryFixed") : t("categoryOther")}</p>
          )}
        </div>
      )}
    </Card>
  );
}
