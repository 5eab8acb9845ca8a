"use client";

/**
 * Where order export starts (lib/settings/order-export-start.ts): an explicit choice, pinned when
 * saved. Every order before it is left out for good, even when it is edited later.
 */
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { checkInput } from "@/components/check-input";
import type { Jsonify } from "@/components/tenant-query";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { tenantApi, useApiMutation } from "@/components/use-api-mutation";
import { describeOrderExportStart, OrderExportStartChoiceSchema, type OrderExportStart } from "@/lib/settings/order-export-start";

const TEXT = {
  title: "Where order export starts",
  description: "Which shop orders may ever go to Visma.net. Orders before this point are left out for good, also when they are changed later.",
  current: "Now:",
  choices: {
    newOrders: { label: "New orders from now on", hint: "Saved as the shop's newest order number now: only orders placed after it are sent." },
    fromDate: { label: "Orders placed from a date", hint: "Orders placed on or after this day (from 00:00 UTC)." },
    afterOrder: { label: "Orders after an order number", hint: "The orders to leave out at the start: this number and every lower one." },
  },
  date: "Placed from",
  orderNumber: "Leave out orders up to and including number",
  save: "Save where order export starts",
  saving: "Saving…",
  saved: (description: string) => `Saved. ${description}`,
};

type Kind = "newOrders" | "fromDate" | "afterOrder";

export function OrderStartCard({ tenantSlug, canEdit, current }: { tenantSlug: string; canEdit: boolean; current: Jsonify<OrderExportStart> | null }) {
  const [kind, setKind] = useState<Kind>(current?.kind ?? "newOrders");
  const [date, setDate] = useState(current?.kind === "fromDate" ? current.placedFrom.slice(0, 10) : "");
  const [afterOrderId, setAfterOrderId] = useState(current?.kind === "afterOrder" ? String(current.afterOrderId) : "");
  const save = useApiMutation({
    mutationFn: () => {
      const choice = kind === "newOrders" ? { kind } : kind === "fromDate" ? { kind, date } : { kind, afterOrderId: afterOrderId.trim() === "" ? null : Number(afterOrderId) };
      return apiFetch<{ description: string; note: string | null }>(tenantApi(tenantSlug, "settings/order-start"), { method: "PUT", json: checkInput(OrderExportStartChoiceSchema, choice) });
    },
    invalidate: [[tenantSlug, "settings"], [tenantSlug, "setup"]],
    successMessage: (result) => TEXT.saved([result.description, result.note].filter(Boolean).join(" ")),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Card title={TEXT.title} description={TEXT.description} testId="order-start">
      <div id="order-start" />
      <p className="mb-3 text-sm" data-testid="order-start-current"><span className="font-medium">{TEXT.current}</span> {describeOrderExportStart(current as OrderExportStart | null)}</p>
      <form onSubmit={onSubmit} noValidate aria-label={TEXT.title}>
        <fieldset disabled={!canEdit} className="space-y-3">
          <legend className="sr-only">{TEXT.title}</legend>
          {(Object.keys(TEXT.choices) as Kind[]).map((choice) => (
            <div key={choice}>
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="order-start" value={choice} checked={kind === choice} onChange={() => setKind(choice)} className="mt-0.5" />
                <span>
                  <span className="font-medium">{TEXT.choices[choice].label}</span>
                  <span className="block text-xs text-slate-500">{TEXT.choices[choice].hint}</span>
                </span>
              </label>
              {choice === "fromDate" && kind === "fromDate" && (
                <TextField className="ml-6 mt-2 max-w-xs" label={TEXT.date} type="date" value={date} onChange={(event) => setDate(event.target.value)} error={save.fieldErrors.date} />
              )}
              {choice === "afterOrder" && kind === "afterOrder" && (
                <TextField className="ml-6 mt-2 max-w-xs" label={TEXT.orderNumber} inputMode="numeric" value={afterOrderId} onChange={(event) => setAfterOrderId(event.target.value)} error={save.fieldErrors.afterOrderId} />
              )}
            </div>
          ))}
          <FormMessage error={save.formError} success={save.success} />
          {canEdit && <Button type="submit" disabled={save.isPending}>{save.isPending ? TEXT.saving : TEXT.save}</Button>}
        </fieldset>
      </form>
    </Card>
  );
}
