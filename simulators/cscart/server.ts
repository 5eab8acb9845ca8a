/**
 * CS-Cart REST API simulator: HTTP Basic auth, /api and /api/<version> paths, 415 for non-JSON
 * writes, string-typed numbers, {"message","status"} errors. See simulators/README.md.
 */
import type { RunningSimulator } from "../shared/control";
import type { RequestKind } from "../shared/capacity";
import { header, json, parseJsonBody, webServerErrorPage, type ApiFlavour, type SimRequest } from "../shared/http";
import { COMMON_DEFAULTS, startSimulator, type CommonSimOptions } from "../shared/simulator";
import { generateSeedData } from "../shared/seed-data";
import { cscartError } from "./api";
import { renderOrderDetail } from "./render";
import {
  changeOrder,
  changeProduct,
  createOrder,
  registerCscartControlRoutes,
  type ControlOrderChange,
  type ControlOrderInput,
  type ControlProductInput,
  type ControlResult,
} from "./routes-control";
import { registerListRoutes } from "./routes-lists";
import { registerOrderRoutes } from "./routes-orders";
import { registerProductRoutes } from "./routes-products";
import { registerShipmentRoutes } from "./routes-shipments";
import { registerUserRoutes } from "./routes-users";
import { createCscartState, type CscartOrder, type CscartProduct, type CscartState } from "./state";

export interface CscartSimOptions extends CommonSimOptions {
  adminEmail: string;
  apiKey: string;
  pricesIncludeTax: boolean;
  /** Fetch main_pair image URLs as the real shop does (default off). */
  fetchImages: boolean;
  /** A shop from before orders had `updated_at`: the order list ignores `updated_at_from/to`. */
  oldShop: boolean;
}

export const DEFAULT_CSCART_OPTIONS: CscartSimOptions = {
  ...COMMON_DEFAULTS,
  port: 4101,
  adminEmail: "admin@example.com",
  apiKey: "cscart-demo-api-key",
  pricesIncludeTax: true,
  fetchImages: false,
  oldShop: false,
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

/**
 * What a request costs the shop (shared/capacity.ts): a product write that names a picture by URL
 * makes the shop download it (fn_update_image_pairs) before it answers, so it costs the most.
 */
export function cscartRequestKind(request: SimRequest): RequestKind {
  if (request.method === "GET" || request.method === "HEAD") return "read";
  if (!/^\/api(\/[\d.]+)?\/products\b/.test(request.path)) return "write";
  const body = parseJsonBody(request);
  if (!body.ok || typeof body.value !== "object" || body.value === null) return "write";
  const { main_pair: mainPair, image_pairs: imagePairs } = body.value as { main_pair?: unknown; image_pairs?: unknown };
  const pairs = [mainPair, ...(imagePairs && typeof imagePairs === "object" ? Object.values(imagePairs) : [])];
  const namesUrl = (pair: unknown) => {
    const { detailed, icon } = (pair ?? {}) as { detailed?: { image_path?: unknown }; icon?: { image_path?: unknown } };
    return [detailed?.image_path, icon?.image_path].some((path) => typeof path === "string" && path.includes("://"));
  };
  return pairs.some(namesUrl) ? "imageWrite" : "write";
}

function unwrap<T>(result: ControlResult<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export async function startCscartSimulator(overrides: Partial<CscartSimOptions> = {}): Promise<CscartSimulator> {
  const options: CscartSimOptions = { ...DEFAULT_CSCART_OPTIONS, ...overrides };
  const expectedAuthorization = `${options.adminEmail.toLowerCase()}:${options.apiKey}`;

  const flavour: ApiFlavour = {
    errorResponse: (status, message) => cscartError(status, message),
    normalizePath: (path) => {
      const versioned = API_VERSION.exec(path);
      if (versioned) return `/api${versioned[2] ?? ""}`;
      return /^\/api\/\d/.test(path) ? undefined : path;
    },
    exemptFromFaults: (path) => path.startsWith("/images/"),
    requestKind: cscartRequestKind,
    overloadResponse: webServerErrorPage,
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

  const base = await startSimulator<CscartState>({
    ...options,
    buildState: () => createCscartState(generateSeedData(options.seed, options), options.pricesIncludeTax, !options.oldShop),
    collections: (state) => ({
      settings: () => state.settings,
      products: () => [...state.products.values()],
      users: () => [...state.users.values()],
      categories: () => state.categories,
      orders: () => [...state.orders.values()],
      shipments: () => [...state.shipments.values()],
      imageWrites: () => state.imageWrites,
    }),
    flavour,
    registerRoutes: (router, controlRouter, getState) => {
      router.get("/api/version", () => json(200, { Version: "4.18.1" }));
      registerOrderRoutes(router, getState);
      registerProductRoutes(router, getState, { fetchImages: options.fetchImages });
      registerUserRoutes(router, getState);
      registerShipmentRoutes(router, getState);
      registerListRoutes(router, getState);
      registerCscartControlRoutes(controlRouter, getState);
    },
  });

  return Object.assign(base, {
    options,
    createOrder: (input: ControlOrderInput) => unwrap(createOrder(base.state, input)),
    changeOrder: (orderId: number, change: ControlOrderChange) => unwrap(changeOrder(base.state, orderId, change)),
    changeProduct: (productId: number, change: ControlProductInput) => unwrap(changeProduct(base.state, productId, change)),
    renderOrder: (orderId: number) => {
      const order = base.state.orders.get(orderId);
      return order ? renderOrderDetail(order, base.state.settings) : undefined;
    },
  });
}
