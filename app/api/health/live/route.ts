/** Liveness: the web process is up and answers (no database call; see /api/health/ready). */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
