"use client";

import { useTranslations } from "next-intl";
import { PickField } from "@/components/pick-lists/pick-field";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { OrderMappingSchema, TEXT_SOURCES, type OrderMapping } from "@/lib/sync/transform/order-mapping";
import { errorUnder } from "./mapping-draft";
import { MappingFormActions, useSchemaMappingForm } from "./mapping-form";
import { draftFromOrderMapping, orderMappingFromDraft } from "./order-mapping-draft";
import { OrderMappingPreview } from "./order-mapping-preview";
import { RowsEditor } from "./rows-editor";

const TEXT_FIELDS = ["description", "refNo", "note"] as const;

/** The order mapping's editor: each part in its own card, checked with the route's schema before sending. */
export function OrderMappingEditor({
  tenantSlug,
  canEdit,
  config,
  defaults,
}: {
  tenantSlug: string;
  canEdit: boolean;
  config: OrderMapping;
  defaults: OrderMapping;
}) {
  const t = useTranslations("orderMapping");
  const { draft, set, errors, hasLocalErrors, save, buildMapping, onSubmit, startOver } = useSchemaMappingForm({
    tenantSlug,
    kind: "order",
    schema: OrderMappingSchema,
    initial: () => draftFromOrderMapping(config),
    toMapping: orderMappingFromDraft,
    savedMessage: (version) => t("saved", { version }),
  });
  const rowError = (base: string, key: string) => errorUnder(errors, `${base}.${key.trim()}`);
  // The remotes' own values (lib/pick-lists) beside the ids, once read; typing an id stays possible.
  const pick = usePickLists(tenantSlug);

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("formLabel")} className="space-y-4">
      <fieldset disabled={!canEdit} className="space-y-4">
        <Card title={t("salesOrder.title")} description={t("salesOrder.description")}>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label={t("salesOrder.orderType")}
              hint={t("salesOrder.orderTypeHint")}
              value={draft.orderType}
              onChange={(event) => set("orderType", event.target.value)}
              error={errors.orderType}
            />
            <PickField
              label={t("salesOrder.warehouse")}
              hint={t("salesOrder.warehouseHint")}
              value={draft.warehouseId}
              options={pick.options("visma.warehouses")}
              onChange={(value) => set("warehouseId", value)}
              error={errors.warehouseId}
            />
            <TextField
              label={t("salesOrder.customerClass")}
              hint={t("salesOrder.customerClassHint")}
              value={draft.newCustomerClassId}
              onChange={(event) => set("newCustomerClassId", event.target.value)}
              error={errors.newCustomerClassId}
            />
          </div>
          <p className="mt-3 text-sm text-slate-600">{t("salesOrder.customerOrder")}</p>
        </Card>
        <Card title={t("shipVias.title")} description={t("shipVias.description")} testId="ship-vias">
          <RowsEditor
            rows={draft.shipVias}
            blank={{ shippingId: "", shipViaId: "" }}
            addLabel={t("shipVias.add")}
            onChange={(rows) => set("shipVias", rows)}
            columns={[
              { field: "shippingId", label: t("shipVias.shippingId"), options: pick.options("cscart.shippings") },
              { field: "shipViaId", label: t("shipVias.shipViaId") },
            ]}
            errorsFor={(row) => ({ shipViaId: rowError("shipViaByShippingId", row.shippingId) })}
          />
        </Card>
        <Card title={t("payments.title")} description={t("payments.description")}>
          <RowsEditor
            rows={draft.payments}
            blank={{ paymentId: "", termsId: "", paymentMethodId: "", cashAccountId: "" }}
            addLabel={t("payments.add")}
            onChange={(rows) => set("payments", rows)}
            columns={[
              { field: "paymentId", label: t("payments.paymentId") },
              { field: "termsId", label: t("payments.termsId"), options: pick.options("visma.creditTerms") },
              { field: "paymentMethodId", label: t("payments.paymentMethodId") },
              { field: "cashAccountId", label: t("payments.cashAccountId") },
            ]}
            errorsFor={(row) => ({ termsId: rowError("paymentMethods", row.paymentId) })}
          />
        </Card>
        <Card title={t("texts.title")} description={t("texts.intro")}>
          <div className="space-y-3">
            {TEXT_FIELDS.map((field) => (
              <div key={field} className="grid gap-3 sm:grid-cols-2">
                <SelectField
                  label={t(`texts.${field}`)}
                  value={draft.texts[field].source}
                  error={errorUnder(errors, `texts.${field}`)}
                  onChange={(event) =>
                    set("texts", { ...draft.texts, [field]: { ...draft.texts[field], source: event.target.value as (typeof TEXT_SOURCES)[number] } })
                  }
                >
                  {TEXT_SOURCES.map((source) => (
                    <option key={source} value={source}>
                      {t(`texts.sources.${source}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label={t("texts.prefix", { field: t(`texts.${field}`) })}
                  value={draft.texts[field].prefix}
                  onChange={(event) => set("texts", { ...draft.texts, [field]: { ...draft.texts[field], prefix: event.target.value } })}
                />
              </div>
            ))}
          </div>
        </Card>
        <Card title={t("amounts.title")} description={t("amounts.description")}>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label={t("amounts.paymentSurcharge")}
              hint={t("amounts.paymentSurchargeHint")}
              value={draft.items.paymentSurcharge}
              onChange={(event) => set("items", { ...draft.items, paymentSurcharge: event.target.value })}
              error={errors["items.paymentSurcharge"]}
            />
            <TextField
              label={t("amounts.giftCertificate")}
              hint={t("amounts.giftCertificateHint")}
              value={draft.items.giftCertificate}
              onChange={(event) => set("items", { ...draft.items, giftCertificate: event.target.value })}
              error={errors["items.giftCertificate"]}
            />
            <TextField
              label={t("amounts.rounding")}
              hint={t("amounts.roundingHint")}
              value={draft.items.rounding}
              onChange={(event) => set("items", { ...draft.items, rounding: event.target.value })}
              error={errors["items.rounding"]}
            />
          </div>
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t("amounts.taxCategories")}</h3>
          <RowsEditor
            rows={draft.taxCategories}
            blank={{ rate: "", category: "" }}
            addLabel={t("amounts.addTaxCategory")}
            onChange={(rows) => set("taxCategories", rows)}
            columns={[
              { field: "rate", label: t("amounts.rate") },
              { field: "category", label: t("amounts.taxCategory") },
            ]}
            errorsFor={(row) => ({ category: rowError("taxCategoryByRate", row.rate) })}
          />
        </Card>
        <Card title={t("currency.title")} description={t("currency.description")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("currency.shopCurrency")}
              value={draft.shopCurrency}
              maxLength={3}
              onChange={(event) => set("shopCurrency", event.target.value)}
              error={errors["currency.shopCurrency"]}
            />
            <TextField
              label={t("currency.companyBaseCurrency")}
              value={draft.companyBaseCurrency}
              maxLength={3}
              onChange={(event) => set("companyBaseCurrency", event.target.value)}
              error={errors["currency.companyBaseCurrency"]}
            />
          </div>
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t("currency.map")}</h3>
          <RowsEditor
            rows={draft.currencies}
            blank={{ shopCurrency: "", vismaCurrency: "" }}
            addLabel={t("currency.add")}
            onChange={(rows) => set("currencies", rows)}
            columns={[
              { field: "shopCurrency", label: t("currency.shopCurrency") },
              { field: "vismaCurrency", label: t("currency.vismaCurrency") },
            ]}
            errorsFor={(row) => ({ vismaCurrency: rowError("currency.vismaCurrencyByShopCurrency", row.shopCurrency.toUpperCase()) })}
          />
        </Card>
        <Card title={t("progress.title")} description={t("progress.description")} testId="progress-mapping">
          <RowsEditor
            rows={draft.progressStatuses}
            blank={{ vismaStatus: "", shopStatus: "" }}
            addLabel={t("progress.add")}
            onChange={(rows) => set("progressStatuses", rows)}
            columns={[
              { field: "vismaStatus", label: t("progress.vismaStatus") },
              { field: "shopStatus", label: t("progress.shopStatus"), options: pick.options("cscart.orderStatuses") },
            ]}
            errorsFor={(row) => ({ shopStatus: rowError("progress.shopStatusByVismaStatus", row.vismaStatus) })}
          />
          <CheckboxField
            className="mt-3"
            label={t("progress.createShopShipments")}
            hint={t("progress.createShopShipmentsHint")}
            checked={draft.createShopShipments}
            onChange={(event) => set("createShopShipments", event.target.checked)}
          />
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t("progress.carriers")}</h3>
          <RowsEditor
            rows={draft.carriers}
            blank={{ shipVia: "", carrier: "" }}
            addLabel={t("progress.addCarrier")}
            onChange={(rows) => set("carriers", rows)}
            columns={[
              { field: "shipVia", label: t("shipVias.shipViaId") },
              { field: "carrier", label: t("progress.carrier") },
            ]}
            errorsFor={(row) => ({ carrier: rowError("progress.carrierByShipVia", row.shipVia) })}
          />
        </Card>
      </fieldset>
      <OrderMappingPreview tenantSlug={tenantSlug} canEdit={canEdit} buildMapping={buildMapping} />
      <MappingFormActions
        canEdit={canEdit}
        save={save}
        hasErrors={hasLocalErrors}
        onUndo={() => startOver(draftFromOrderMapping(config), { forgetSave: true })}
        onDefaults={() => startOver(draftFromOrderMapping(defaults))}
      />
    </form>
  );
}
