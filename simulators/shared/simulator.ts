/**
 * Wiring both simulators share: seeded state that reset() rebuilds, fault injector, request counter,
 * control routes and the HTTP server, returned as a RunningSimulator.
 */
import { CapacityModel, type CapacityConfigInput } from "./capacity";
import { createControlRouter, DEFAULT_CONTROL_SECRET, type RunningSimulator } from "./control";
import { FaultInjector, type FaultConfigInput } from "./faults";
import { RequestCounter, startHttpServer, type ApiFlavour, type Handler } from "./http";
import { Router } from "./router";
import { normalizeScale, type SeedScale } from "./seed-data";

/** Options both simulators take; the scale knobs feed generateSeedData. */
export interface CommonSimOptions extends SeedScale {
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  faults: FaultConfigInput;
  /** Workers, service times and queue (./capacity.ts); by default no limit. */
  capacity: CapacityConfigInput;
  controlSecret: string;
}

export const COMMON_DEFAULTS: Omit<CommonSimOptions, "port"> = {
  host: "127.0.0.1",
  seed: 1,
  ...normalizeScale(),
  faults: {},
  capacity: {},
  controlSecret: DEFAULT_CONTROL_SECRET,
};

export interface SimulatorSetup<S> {
  host: string;
  port: number;
  seed: number;
  faults: FaultConfigInput;
  capacity?: CapacityConfigInput;
  controlSecret: string;
  buildState(): S;
  /** Named views for GET /__control/state[?collection=name]. */
  collections(state: S): Record<string, () => unknown>;
  flavour: ApiFlavour;
  /** Adds API routes and server-specific control routes; getState always returns the live state. */
  registerRoutes(router: Router<Handler>, controlRouter: Router<Handler>, getState: () => S): void;
  /** Extra work on reset (e.g. clearing rate-limit windows). */
  onReset?(): void;
}

export async function startSimulator<S>(setup: SimulatorSetup<S>): Promise<RunningSimulator<S>> {
  let state = setup.buildState();
  const getState = () => state;
  const faults = new FaultInjector(setup.seed, setup.faults);
  const capacity = new CapacityModel(setup.capacity);
  const counter = new RequestCounter();
  const resetCounts = () => {
    counter.reset();
    capacity.resetStats();
  };
  const reset = () => {
    state = setup.buildState();
    setup.onReset?.();
    resetCounts();
  };
  const snapshot = (collection: string | undefined): unknown => {
    const collections = setup.collections(state);
    if (collection !== undefined) return collections[collection]?.();
    return Object.fromEntries(Object.entries(collections).map(([name, read]) => [name, read()]));
  };
  const router = new Router<Handler>();
  const controlRouter = createControlRouter({ snapshot, reset, resetCounts, faults, capacity, counter });
  setup.registerRoutes(router, controlRouter, getState);
  const server = await startHttpServer({
    host: setup.host,
    port: setup.port,
    router,
    controlRouter,
    controlSecret: () => setup.controlSecret,
    faults,
    capacity,
    flavour: setup.flavour,
    counter,
  });
  return {
    url: server.url,
    port: server.port,
    controlSecret: setup.controlSecret,
    get state() {
      return state;
    },
    close: server.close,
    reset,
    setFaults: (config) => faults.set(config),
    getFaults: () => faults.config,
    requestStats: () => counter.snapshot(),
    resetRequestStats: resetCounts,
    setCapacity: (config) => capacity.set(config),
    getCapacity: () => capacity.config,
    capacityStats: () => capacity.snapshot(),
  };
}
