import { AuditView } from "@/components/audit/audit-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function AuditPage({ params }: TenantRouteParams) {
  return <AuditView {...await tenantPageProps(params)} />;
}
