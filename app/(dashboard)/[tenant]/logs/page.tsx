import { LogsView } from "@/components/logs/logs-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function LogsPage({ params, searchParams }: TenantRouteParams & { searchParams: Promise<{ runId?: string }> }) {
  const { runId } = await searchParams;
  return <LogsView {...await tenantPageProps(params)} runId={runId} />;
}
