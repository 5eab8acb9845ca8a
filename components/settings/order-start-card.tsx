"use client";

/**
 * Where order export starts (lib/settings/order-export-start.ts): an explicit choice, pinned when
 * saved. Every order before it is left out for good, even when it is edited later.
 */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import { useFormat } from "@/components/format";
import type { Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { OrderExportStartChoiceSchema, type OrderExportStart } from "@/lib/settings/order-export-start";

type Kind = OrderExportStart["kind"];
const KINDS: Kind[] = ["newOrders", "fromDate", "afterOrder"];

/** The start point in the reader's words (the server's English one is describeOrderExportStart). */
export function useOrderStartText() {
  const t = useTranslations("orderStart.describe");
  const format = useFormat();
  return (start: Jsonify<OrderExportStart> | null): string => {
    if (!start) return t("none");
    if (start.kind === "afterOrder") return start.afterOrderId === 0 ? t("everyOrder") : t("afterOrder", { orderId: String(start.afterOrderId) });
    if (start.kind === "fromDate") return t("fromDate", { date: format.longDate(start.placedFrom.slice(0, 10)) });
    return start.afterOrderId !== null
      ? t("newOrders", { when: format.dateTime(start.chosenAt), orderId: String(start.afterOrderId) })
      : t("newOrdersByTime", { when: format.dateTime(start.placedFrom) });
  };
}

export function OrderStartCard({ tenantSlug, canEdit, current }: { tenantSlug: string; canEdit: boolean; current: Jsonify<OrderExportStart> | null }) {
  const t = useTranslations("orderStart");
  const describe = useOrderStartText();
  const [kind, setKind] = useState<Kind>(current?.kind ?? "newOrders");
  const [date, setDate] = useState(current?.kind === "fromDate" ? current.placedFrom.slice(0, 10) : "");
  const [afterOrderId, setAfterOrderId] = useState(current?.kind === "afterOrder" ? String(current.afterOrderId) : "");
  const save = useApiMutation({
    mutationFn: () => {
      const choice =
        kind === "newOrders"
          ? { kind }
          : kind === "fromDate"
            ? { kind, date }
            : { kind, afterOrderId: afterOrderId.trim() === "" ? null : Number(afterOrderId) };
      return apiFetch<{ orderExportStart: Jsonify<OrderExportStart>; note: string | null }>(tenantApi(tenantSlug, "settings/order-start"), {
        method: "PUT",
        json: checkInput(OrderExportStartChoiceSchema, choice),
      });
    },
    invalidate: [
      [tenantSlug, "settings"],
      [tenantSlug, "setup"],
    ],
    successMessage: (result) => t("saved", { description: [describe(result.orderExportStart), result.note ? t("byTime") : ""].filter(Boolean).join(" ") }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Card title={t("title")} description={t("description")} testId="order-start">
      <div id="order-start" />
      <p className="mb-3 text-sm" data-testid="order-start-current">
        <span className="font-medium">{t("current")}</span> {describe(current)}
      </p>
      <form onSubmit={onSubmit} noValidate aria-label={t("title")}>
        <fieldset disabled={!canEdit} className="space-y-3">
          <legend className="sr-only">{t("title")}</legend>
          {KINDS.map((choice) => (
            <div key={choice}>
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="order-start" value={choice} checked={kind === choice} onChange={() => setKind(choice)} className="mt-0.5" />
                <span>
                  <span className="font-medium">{t(`choices.${choice}.label`)}</span>
                  <span className="block text-xs text-slate-500">{t(`choices.${choice}.hint`)}</span>
                </span>
              </label>
              {choice === "fromDate" && kind === "fromDate" && (
                <TextField
                  className="ml-6 mt-2 max-w-xs"
                  label={t("date")}
                  type="date"
                  value={date}
                  onChange={(event) => setDate(event.target.value)}
                  error={save.fieldErrors.date}
                />
              )}
              {choice === "afterOrder" && kind === "afterOrder" && (
                <TextField
                  className="ml-6 mt-2 max-w-xs"
                  label={t("orderNumber")}
                  inputMode="numeric"
                  value={afterOrderId}
                  onChange={(event) => setAfterOrderId(event.target.value)}
                  error={save.fieldErrors.afterOrderId}
                />
              )}
            </div>
          ))}
          <FormMessage error={save.formError} success={save.success} />
          {canEdit && (
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("save")}
            </Button>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
