/**
 * CS-Cart REST API simulator: HTTP Basic auth, /api and /api/<version> paths, 415 for non-JSON
 * writes, string-typed numbers, {"message","status"} errors. See simulators/README.md.
 */
import type { FaultConfigInput } from "../shared/faults";
import { FaultInjector } from "../shared/faults";
import { createControlRouter, DEFAULT_CONTROL_SECRET, type RunningSimulator } from "../shared/control";
import { header, json, RequestCounter, startHttpServer, type ApiFlavour, type Handler, type SimRequest } from "../shared/http";
import { Router } from "../shared/router";
import { generateSeedData, normalizeScale } from "../shared/seed-data";
import { cscartError } from "./api";
import { renderOrderDetail } from "./render";
import { changeOrder, changeProduct, createOrder, registerCscartControlRoutes, type ControlOrderChange, type ControlOrderInput, type ControlProductInput, type ControlResult } from "./routes-control";
import { registerOrderRoutes } from "./routes-orders";
import { registerProductRoutes } from "./routes-products";
import { registerUserRoutes } from "./routes-users";
import { createCscartState, type CscartOrder, type CscartProduct, type CscartState } from "./state";

export interface CscartSimOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  seed: number;
  products: number;
  customers: number;
  orders: number;
  faults: FaultConfigInput;
  controlSecret: string;
  adminEmail: string;
  apiKey: string;
  pricesIncludeTax: boolean;
  /** Fetch main_pair image URLs as the real shop does (default off). */
  fetchImages: boolean;
}

export const DEFAULT_CSCART_OPTIONS: CscartSimOptions = {
  host: "127.0.0.1",
  port: 4101,
  seed: 1,
  ...normalizeScale(),
  faults: {},
  controlSecret: DEFAULT_CONTROL_SECRET,
  adminEmail: "admin@example.com",
  apiKey: "cscart-demo-api-key",
  pricesIncludeTax: true,
  fetchImages: false,
};

export interface CscartSimulator extends RunningSimulator<CscartState> {
  options: CscartSimOptions;
  /** Adds an order as if a customer had checked out; stock moves as its status says. */
  createOrder(input: ControlOrderInput): CscartOrder;
  /** Changes status or dates of an order the way the shop admin would (updated_at moves). */
  changeOrder(orderId: number, change: ControlOrderChange): CscartOrder;
  changeProduct(productId: number, change: ControlProductInput): CscartProduct;
  /** The order as GET /api/orders/{id} would return it. */
  renderOrder(orderId: number): Record<string, unknown> | undefined;
}

/** Only versions the core maps to 2.1 are accepted; "/api/2/..." does not resolve (inferred). */
const API_VERSION = /^\/api\/(2\.0|2\.1|4\.0)(\/.*)?$/;

function unwrap<T>(result: ControlResult<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export async function startCscartSimulator(overrides: Partial<CscartSimOptions> = {}): Promise<CscartSimulator> {
  const options: CscartSimOptions = { ...DEFAULT_CSCART_OPTIONS, ...overrides };
  const build = () => createCscartState(generateSeedData(options.seed, options), options.pricesIncludeTax);
  let state = build();
  const getState = () => state;
  const faults = new FaultInjector(options.seed, options.faults);
  const counter = new RequestCounter();
  const expectedAuthorization = `${options.adminEmail.toLowerCase()}:${options.apiKey}`;

  const flavour: ApiFlavour = {
    errorResponse: (status, message) => cscartError(status, message),
    normalizePath: (path) => {
      const versioned = API_VERSION.exec(path);
      if (versioned) return `/api${versioned[2] ?? ""}`;
      return /^\/api\/\d/.test(path) ? undefined : path;
    },
    exemptFromFaults: (path) => path.startsWith("/images/"),
    guard: (request: SimRequest) => {
      if (request.path.startsWith("/images/")) return {};
      const credentials = /^Basic\s+(.+)$/i.exec(header(request, "authorization") ?? "");
      const decoded = credentials ? Buffer.from(credentials[1] as string, "base64").toString("utf8") : "";
      const separator = decoded.indexOf(":");
      const given = `${decoded.slice(0, separator).toLowerCase()}:${decoded.slice(separator + 1)}`;
      if (separator < 0 || given !== expectedAuthorization) {
        const response = cscartError(401, "Unauthorized");
        return { reject: { ...response, headers: { "WWW-Authenticate": 'Basic realm="Authentication"' } } };
      }
      return {};
    },
  };

  const router = new Router<Handler>().get("/api/version", () => json(200, { Version: "4.18.1" }));
  registerOrderRoutes(router, getState);
  registerProductRoutes(router, getState, { fetchImages: options.fetchImages });
  registerUserRoutes(router, getState);

  const snapshot = (collection: string | undefined): unknown => {
    const collections: Record<string, () => unknown> = {
      settings: () => state.settings,
      products: () => [...state.products.values()],
      users: () => [...state.users.values()],
      categories: () => state.categories,
      orders: () => [...state.orders.values()],
      imageWrites: () => state.imageWrites,
    };
    if (collection !== undefined) return collections[collection]?.();
    return Object.fromEntries(Object.entries(collections).map(([name, read]) => [name, read()]));
  };
  const reset = () => {
    state = build();
  };
  const controlRouter = createControlRouter({ snapshot, reset, faults, counter });
  registerCscartControlRoutes(controlRouter, getState);

  const server = await startHttpServer({
    host: options.host,
    port: options.port,
    router,
    controlRouter,
    controlSecret: () => options.controlSecret,
    faults,
    flavour,
    counter,
  });

  return {
    url: server.url,
    port: server.port,
    options,
    controlSecret: options.controlSecret,
    get state() {
      return state;
    },
    close: server.close,
    reset: () => {
      reset();
      counter.reset();
    },
    setFaults: (config) => faults.set(config),
    getFaults: () => faults.config,
    requestStats: () => counter.snapshot(),
    resetRequestStats: () => counter.reset(),
    createOrder: (input) => unwrap(createOrder(state, input)),
    changeOrder: (orderId, change) => unwrap(changeOrder(state, orderId, change)),
    changeProduct: (productId, change) => unwrap(changeProduct(state, productId, change)),
    renderOrder: (orderId) => {
      const order = state.orders.get(orderId);
      return order ? renderOrderDetail(order, state.settings) : undefined;
    },
  };
}
