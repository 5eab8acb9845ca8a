import { OverviewView } from "@/components/overview/overview-view";
import { tenantPageProps, type TenantRouteParams } from "./page-props";

export default async function OverviewPage({ params }: TenantRouteParams) {
  return <OverviewView {...await tenantPageProps(params)} />;
}
