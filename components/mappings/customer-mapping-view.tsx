"use client";

import { useTranslations } from "next-intl";
import type { PageProps } from "@/components/tenant-query";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import type { previewCustomerMapping } from "@/lib/mappings/preview-customer-mapping";
import {
  ADDRESS_SOURCES,
  CONTACT_SOURCES,
  CustomerMappingSchema,
  type CustomerMapping,
  type CustomerMappingInput,
} from "@/lib/sync/transform/customer-mapping";
import { MappingFormActions, useSchemaMappingForm } from "./mapping-form";
import { MappingPage } from "./mapping-page";
import { Pairs, PreviewCard, PreviewProblem } from "./preview-card";

type Preview = Awaited<ReturnType<typeof previewCustomerMapping>>;

/** Mappings → Customers: how Visma.net customers become CS-Cart customers (versioned, with a preview). */
export function CustomerMappingView({ tenantSlug, canEdit }: PageProps) {
  return (
    <MappingPage<CustomerMapping>
      tenantSlug={tenantSlug}
      canEdit={canEdit}
      kind="customer"
      editor={(data, key) => <CustomerMappingEditor key={key} tenantSlug={tenantSlug} canEdit={canEdit} config={data.config} defaults={data.defaults} />}
    />
  );
}

type Draft = {
  emailFrom: (typeof CONTACT_SOURCES)[number][];
  phoneFrom: string;
  billingAddress: (typeof ADDRESS_SOURCES)[number];
  shippingAddress: string;
  names: CustomerMapping["names"];
  withoutEmail: "skip" | "placeholder";
  template: string;
};

function draftOf(mapping: CustomerMapping): Draft {
  return {
    emailFrom: [...mapping.emailFrom],
    phoneFrom: mapping.phoneFrom ?? "",
    billingAddress: mapping.billingAddress,
    shippingAddress: mapping.shippingAddress ?? "",
    names: mapping.names,
    withoutEmail: mapping.withoutEmail.mode,
    template: mapping.withoutEmail.mode === "placeholder" ? mapping.withoutEmail.template : "",
  };
}

function mappingOf(draft: Draft): CustomerMappingInput {
  return {
    emailFrom: draft.emailFrom,
    phoneFrom: (draft.phoneFrom || null) as CustomerMappingInput["phoneFrom"],
    billingAddress: draft.billingAddress,
    shippingAddress: (draft.shippingAddress || null) as CustomerMappingInput["shippingAddress"],
    names: draft.names,
    withoutEmail: draft.withoutEmail === "skip" ? { mode: "skip" } : { mode: "placeholder", template: draft.template },
  };
}

function CustomerMappingEditor({
  tenantSlug,
  canEdit,
  config,
  defaults,
}: {
  tenantSlug: string;
  canEdit: boolean;
  config: CustomerMapping;
  defaults: CustomerMapping;
}) {
  const t = useTranslations("customerMapping");
  const { draft, set, errors, hasLocalErrors, save, buildMapping, onSubmit, startOver } = useSchemaMappingForm({
    tenantSlug,
    kind: "customer",
    schema: CustomerMappingSchema,
    initial: () => draftOf(config),
    toMapping: mappingOf,
    savedMessage: (version) => t("saved", { version }),
  });
  const toggleEmail = (source: Draft["emailFrom"][number], on: boolean) =>
    set("emailFrom", on ? [...draft.emailFrom, source] : draft.emailFrom.filter((chosen) => chosen !== source));

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("formLabel")} className="space-y-4">
      <fieldset disabled={!canEdit} className="space-y-4">
        <Card title={t("contact.title")} description={t("contact.description")}>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("contact.emailFrom")}</legend>
            {CONTACT_SOURCES.map((source) => (
              <CheckboxField
                key={source}
                label={t(`contacts.${source}`)}
                checked={draft.emailFrom.includes(source)}
                onChange={(event) => toggleEmail(source, event.target.checked)}
              />
            ))}
            {errors.emailFrom && (
              <p className="text-xs text-red-700" data-testid="field-error">
                {errors.emailFrom}
              </p>
            )}
          </fieldset>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <SelectField label={t("contact.phoneFrom")} value={draft.phoneFrom} onChange={(event) => set("phoneFrom", event.target.value)}>
              <option value="">{t("none")}</option>
              {CONTACT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`contacts.${source}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("contact.names")}
              hint={t("contact.namesHint")}
              value={draft.names}
              onChange={(event) => set("names", event.target.value as Draft["names"])}
            >
              {(["auto", "person", "company"] as const).map((names) => (
                <option key={names} value={names}>
                  {t(`names.${names}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </Card>
        <Card title={t("addresses.title")} description={t("addresses.description")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("addresses.billing")}
              value={draft.billingAddress}
              onChange={(event) => set("billingAddress", event.target.value as Draft["billingAddress"])}
            >
              {ADDRESS_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`addressSources.${source}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("addresses.shipping")} value={draft.shippingAddress} onChange={(event) => set("shippingAddress", event.target.value)}>
              <option value="">{t("addresses.shippingNone")}</option>
              {ADDRESS_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`addressSources.${source}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </Card>
        <Card title={t("withoutEmail.title")} description={t("withoutEmail.description")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("withoutEmail.mode")}
              value={draft.withoutEmail}
              onChange={(event) => set("withoutEmail", event.target.value as Draft["withoutEmail"])}
            >
              <option value="skip">{t("withoutEmail.skip")}</option>
              <option value="placeholder">{t("withoutEmail.placeholder")}</option>
            </SelectField>
            {draft.withoutEmail === "placeholder" && (
              <TextField
                label={t("withoutEmail.template")}
                hint={t("withoutEmail.templateHint")}
                value={draft.template}
                onChange={(event) => set("template", event.target.value)}
                error={errors["withoutEmail.template"]}
              />
            )}
          </div>
        </Card>
      </fieldset>
      <PreviewCard<Preview>
        tenantSlug={tenantSlug}
        canEdit={canEdit}
        kind="customer"
        namespace="customerMapping.preview"
        inputKey="customerNumber"
        buildMapping={buildMapping}
      >
        {(data) => (
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-semibold">{t("preview.customer")}</h3>
              <Pairs values={data.customer} testId="preview-customer" />
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold">{t("preview.user")}</h3>
              {data.user ? (
                <Pairs values={data.user} testId="preview-user" />
              ) : data.skipped ? (
                <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="preview-skipped">
                  {t("preview.skipped", { number: data.customer.number })}
                </p>
              ) : (
                <PreviewProblem problem={data.problem} />
              )}
            </div>
          </div>
        )}
      </PreviewCard>
      <MappingFormActions
        canEdit={canEdit}
        save={save}
        hasErrors={hasLocalErrors}
        onUndo={() => startOver(draftOf(config), { forgetSave: true })}
        onDefaults={() => startOver(draftOf(defaults))}
      />
    </form>
  );
}
