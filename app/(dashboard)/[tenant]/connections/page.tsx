import { ConnectionsView } from "@/components/connections/connections-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function ConnectionsPage({ params }: TenantRouteParams) {
  return <ConnectionsView {...await tenantPageProps(params)} />;
}
