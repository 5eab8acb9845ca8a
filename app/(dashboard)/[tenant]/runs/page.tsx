import { RunsView } from "@/components/runs/runs-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function RunsPage({ params, searchParams }: TenantRouteParams & { searchParams: Promise<{ module?: string; status?: string }> }) {
  const { module, status } = await searchParams;
  return <RunsView {...await tenantPageProps(params)} initialFilters={{ module, status }} />;
}
