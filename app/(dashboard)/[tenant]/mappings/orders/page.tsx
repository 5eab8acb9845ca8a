import { OrderMappingView } from "@/components/mappings/order-mapping-view";
import { tenantPageProps, type TenantRouteParams } from "../../page-props";

export default async function OrderMappingPage({ params }: TenantRouteParams) {
  return <OrderMappingView {...await tenantPageProps(params)} />;
}
