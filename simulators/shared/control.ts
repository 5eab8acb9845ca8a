/**
 * The control API both simulators expose under /__control (behind x-control-secret), and the
 * matching in-process methods on the RunningSimulator object.
 */
import type { z } from "zod";
import { capacityConfigSchema, type CapacityConfig, type CapacityConfigInput, type CapacityModel, type CapacityStats } from "./capacity";
import { faultConfigSchema, type FaultConfig, type FaultConfigInput, type FaultInjector } from "./faults";
import { json, parseJsonBody, type Handler, type RequestCounter, type RequestStats, type SimRequest, type SimResponse } from "./http";
import { Router } from "./router";

export const DEFAULT_CONTROL_SECRET = "sim-control-secret";

export interface RunningSimulator<S> {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  controlSecret: string;
  /** The live in-memory state; replaced by reset(), so read it through this getter each time. */
  readonly state: S;
  close(): Promise<void>;
  /** Re-seeds the state from the start options; clears request counts. Faults stay as they are. */
  reset(): void;
  /** Replaces the fault configuration (omitted knobs are off). */
  setFaults(config: FaultConfigInput): FaultConfig;
  getFaults(): FaultConfig;
  requestStats(): RequestStats;
  /** Clears the request counts and the capacity counts. */
  resetRequestStats(): void;
  /** Replaces the capacity model's configuration (omitted knobs go back to their defaults). */
  setCapacity(config: CapacityConfigInput): CapacityConfig;
  getCapacity(): CapacityConfig;
  capacityStats(): CapacityStats;
}

export interface ControlTarget {
  /** JSON-ready view of one collection, or of everything when collection is undefined. */
  snapshot(collection: string | undefined): unknown | undefined;
  /** Re-seeds the state and clears request counts. */
  reset(): void;
  /** Clears the request and capacity counts. */
  resetCounts(): void;
  faults: FaultInjector;
  capacity: CapacityModel;
  counter: RequestCounter;
}

/** Parses a JSON control body with a zod schema; returns either the value or a 400 response. */
export function controlBody<T extends z.ZodType>(request: SimRequest, schema: T): { ok: true; value: z.infer<T> } | { ok: false; response: SimResponse } {
  const body = request.body.length === 0 ? { ok: true as const, value: {} } : parseJsonBody(request);
  if (!body.ok) return { ok: false, response: json(400, { error: body.error }) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return { ok: false, response: json(400, { error: "invalid body", issues: parsed.error.issues }) };
  return { ok: true, value: parsed.data };
}

export function createControlRouter(target: ControlTarget): Router<Handler> {
  return new Router<Handler>()
    .get("/__control/state", (request) => {
      const collection = request.query.get("collection") ?? undefined;
      const snapshot = target.snapshot(collection);
      return snapshot === undefined ? json(404, { error: `unknown collection ${collection}` }) : json(200, snapshot);
    })
    .get("/__control/requests", () => json(200, target.counter.snapshot()))
    .post("/__control/requests/reset", () => {
      target.resetCounts();
      return json(200, target.counter.snapshot());
    })
    .get("/__control/capacity", () => json(200, { config: target.capacity.config, stats: target.capacity.snapshot() }))
    .post("/__control/capacity", (request) => {
      const body = controlBody(request, capacityConfigSchema);
      return body.ok ? json(200, { config: target.capacity.set(body.value), stats: target.capacity.snapshot() }) : body.response;
    })
    .get("/__control/faults", () => json(200, target.faults.config))
    .post("/__control/faults", (request) => {
      const body = controlBody(request, faultConfigSchema);
      return body.ok ? json(200, target.faults.set(body.value)) : body.response;
    })
    .post("/__control/reset", () => {
      target.reset();
      return json(200, { reset: true });
    });
}
