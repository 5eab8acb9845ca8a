"use client";

import { useTranslations } from "next-intl";
import { useTenantQuery, type PageProps } from "@/components/tenant-query";
import { PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { OrderStartCard } from "./order-start-card";
import { ReimportCard } from "./reimport-card";
import { SettingsForm, type SettingsData } from "./settings-form";

export function SettingsView({ tenantSlug, canEdit }: PageProps) {
  const t = useTranslations("settings");
  const query = useTenantQuery<SettingsData>(tenantSlug, "settings");
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <ReadOnlyNotice readOnly={!canEdit} />
      <QueryView query={query}>
        {(settings) => (
          <div className="space-y-4">
            <OrderStartCard tenantSlug={tenantSlug} canEdit={canEdit} current={settings.orderExportStart} />
            <ReimportCard tenantSlug={tenantSlug} canEdit={canEdit} reimportFrom={settings.reimportFrom} />
            <SettingsForm tenantSlug={tenantSlug} canEdit={canEdit} settings={settings} />
          </div>
        )}
      </QueryView>
    </div>
  );
}
