import { TeamView } from "@/components/team/team-view";
import { tenantPageProps, type TenantRouteParams } from "../page-props";

export default async function TeamPage({ params }: TenantRouteParams) {
  const props = await tenantPageProps(params);
  return <TeamView {...props} currentUserEmail={props.userEmail} />;
}
