import { CustomerMappingView } from "@/components/mappings/customer-mapping-view";
import { tenantPageProps, type TenantRouteParams } from "../../page-props";

export default async function CustomerMappingPage({ params }: TenantRouteParams) {
  return <CustomerMappingView {...await tenantPageProps(params)} />;
}
