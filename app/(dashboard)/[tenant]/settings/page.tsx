import { SettingsView } from "@/components/settings/settings-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function SettingsPage({ params }: TenantRouteParams) {
  return <SettingsView {...await tenantPageProps(params)} />;
}
