"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { RefreshPickLists } from "@/components/pick-lists/refresh-pick-lists";
import { usePickLists } from "@/components/pick-lists/use-pick-lists";
import { useTenantQuery } from "@/components/tenant-query";
import { PageHeader, ReadOnlyNotice } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import { MappingTabs } from "./mapping-tabs";
import { MappingVersions } from "./mapping-versions";

export type MappingKind = "product" | "order" | "customer";

/** What GET mappings/<kind> answers: the mapping in force (or the defaults), the defaults, the versions. */
export type MappingResponse<Config, Extra = object> = Extra & {
  version: number | null;
  config: Config;
  defaults: Config;
  versions: { version: number; createdBy: string | null; createdAt: string }[];
};

/**
 * One Mappings tab: the version in force, the kind's editor, and its versions beside it (with what
 * else the tab shows there). A restore replaces the editor's starting point, so the editor is keyed
 * by a generation that a restore moves on: it starts over from the restored version.
 */
export function MappingPage<Config, Extra = object>({
  tenantSlug,
  canEdit,
  kind,
  aside,
  editor,
}: {
  tenantSlug: string;
  canEdit: boolean;
  kind: MappingKind;
  aside?: ReactNode;
  editor: (data: MappingResponse<Config, Extra>, key: number) => ReactNode;
}) {
  const t = useTranslations("mappings");
  const query = useTenantQuery<MappingResponse<Config, Extra>>(tenantSlug, `mappings/${kind}`);
  const [editorGeneration, setEditorGeneration] = useState(0);
  // The remotes' own values the editors offer (lib/pick-lists), read again on request.
  const { lists } = usePickLists(tenantSlug);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <MappingTabs tenantSlug={tenantSlug} />
      <ReadOnlyNotice readOnly={!canEdit} />
      {/* The product and order editors offer the remotes' lists; the customer mapping has no remote ids to pick. */}
      {kind !== "customer" && (
        <div className="mb-4 space-y-2">
          <RefreshPickLists tenantSlug={tenantSlug} source="visma" lists={lists} canEdit={canEdit} />
          <RefreshPickLists tenantSlug={tenantSlug} source="cscart" lists={lists} canEdit={canEdit} />
        </div>
      )}
      <QueryView query={query}>
        {(data) => (
          <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
            <div className="min-w-0 space-y-4">
              <p className="text-sm text-slate-600" data-testid="mapping-version">
                {data.version === null ? t("defaultInForce") : t("versionInForce", { version: data.version })}
              </p>
              {editor(data, editorGeneration)}
            </div>
            <div className="min-w-0 space-y-4">
              {aside}
              <MappingVersions
                tenantSlug={tenantSlug}
                kind={kind}
                canEdit={canEdit}
                versions={data.versions}
                activeVersion={data.version}
                onRestored={() => setEditorGeneration((n) => n + 1)}
              />
            </div>
          </div>
        )}
      </QueryView>
    </div>
  );
}
