/** Prometheus metrics of this web process; needs `Authorization: Bearer <METRICS_TOKEN>`, off without it. */
import { metricsResponse } from "@/lib/metrics/metrics-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { status, headers, body } = await metricsResponse(request.headers.get("authorization"));
  return new Response(body, { status, headers });
}
