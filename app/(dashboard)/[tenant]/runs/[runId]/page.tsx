import { RunDetailView } from "@/components/runs/run-detail-view";
import { tenantPageProps } from "../../page-props";

export default async function RunDetailPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { runId } = await params;
  return <RunDetailView {...await tenantPageProps(params)} runId={runId} />;
}
