import { MappingsView } from "@/components/mappings/mappings-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function MappingsPage({ params }: TenantRouteParams) {
  return <MappingsView {...await tenantPageProps(params)} />;
}
