import { OutboxView } from "@/components/outbox/outbox-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function OutboxPage({ params }: TenantRouteParams) {
  return <OutboxView {...await tenantPageProps(params)} />;
}
