/**
 * Visma.net simulator: Visma Connect token endpoint, v1 (api.finance style) customer, inventory,
 * inventorysummary, attachments and shipment actions, and SalesOrder V3, on one port. See
 * simulators/README.md for what is and is not simulated.
 */
import type { RunningSimulator } from "../shared/control";
import type { GuardResult, SimRequest, SimResponse } from "../shared/http";
import { COMMON_DEFAULTS, startSimulator, type CommonSimOptions } from "../shared/simulator";
import { generateSeedData } from "../shared/seed-data";
import { DEFAULT_GRANTED_SCOPES, hasScope, TokenStore } from "./auth";
import { ippException, oauthError, problemDetails } from "./errors";
import { RateLimiter } from "./rate-limit";
import {
  changeSalesOrder,
  registerVismaControlRoutes,
  setStock,
  upsertCustomer,
  upsertInventory,
  type ControlCustomerInput,
  type ControlInventoryInput,
  type ControlSalesOrderInput,
  type ControlStockInput,
} from "./routes-control";
import { shipWholeOrder } from "./shipments";
import { registerCustomerRoutes } from "./routes-v1-customer";
import { registerInventoryRoutes } from "./routes-v1-inventory";
import { registerLookupRoutes } from "./routes-v1-lookups";
import { registerShipmentRoutes } from "./routes-v1-shipment";
import { registerSalesOrderRoutes } from "./routes-v3-salesorders";
import { createVismaState, type VismaCustomer, type VismaInventoryItem, type VismaSalesOrder, type VismaState } from "./state";

export interface VismaMaxPageSizes {
  customer: number;
  inventory: number;
  salesOrder: number;
}

export interface VismaSimOptions extends CommonSimOptions {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** A tenant id of the customer kind: tokens are issued, API calls get 401. */
  customerTenantId: string;
  /** Scopes the integration is granted (default: service read/create/update + salesorder read/write, no :delete). */
  grantedScopes: readonly string[];
  /** Hourly budget per company and client. */
  rateLimitPerHour: number;
  /** One number for all lists, or per list. Inventory's documented maximum is 5000. */
  maxPageSize: number | Partial<VismaMaxPageSizes>;
  tokenLifetimeSeconds: number;
  /**
   * For the demo: sales orders created through the API this many seconds ago and still open are
   * shipped by the simulator itself, as a warehouse would (0: never).
   */
  autoShipAfterSeconds: number;
}

export const DEFAULT_VISMA_OPTIONS: VismaSimOptions = {
  ...COMMON_DEFAULTS,
  port: 4102,
  clientId: "apicenter-demo",
  clientSecret: "visma-demo-secret",
  tenantId: "demo-company-1",
  customerTenantId: "demo-customer-tenant-1",
  grantedScopes: DEFAULT_GRANTED_SCOPES,
  rateLimitPerHour: 15_000,
  maxPageSize: { customer: 1000, inventory: 5000, salesOrder: 1000 },
  tokenLifetimeSeconds: 3600,
  autoShipAfterSeconds: 0,
};

export interface VismaSimulator extends RunningSimulator<VismaState> {
  options: VismaSimOptions;
  upsertInventoryItem(input: ControlInventoryInput): VismaInventoryItem;
  setStock(inventoryNumber: string, input: ControlStockInput): VismaInventoryItem | undefined;
  upsertCustomer(input: ControlCustomerInput): VismaCustomer;
  salesOrders(): VismaSalesOrder[];
  /** Hold, release or ship a sales order as a person in Visma.net would. */
  changeSalesOrder(type: string, orderId: string, input: ControlSalesOrderInput): ReturnType<typeof changeSalesOrder>;
  /** Revokes every issued token; returns how many were live. */
  expireAllTokens(): number;
  setRateLimit(perHour: number): void;
}

function resolvePageSizes(option: VismaSimOptions["maxPageSize"]): VismaMaxPageSizes {
  const defaults = DEFAULT_VISMA_OPTIONS.maxPageSize as VismaMaxPageSizes;
  return typeof option === "number" ? { customer: option, inventory: option, salesOrder: option } : { ...defaults, ...option };
}

const isV3 = (path: string) => path.toLowerCase().startsWith("/api/v3/");
const isTokenEndpoint = (path: string) => path.toLowerCase().startsWith("/connect/");

function errorFor(status: number, message: string, request?: SimRequest): SimResponse {
  const path = request?.path ?? "";
  if (isTokenEndpoint(path)) return oauthError(status, status === 429 || status >= 500 ? "temporarily_unavailable" : "invalid_request", message);
  if (isV3(path)) return problemDetails(status, message, path);
  return ippException(status, message);
}

export async function startVismaSimulator(overrides: Partial<VismaSimOptions> = {}): Promise<VismaSimulator> {
  const options: VismaSimOptions = { ...DEFAULT_VISMA_OPTIONS, ...overrides };
  const pageSizes = resolvePageSizes(options.maxPageSize);
  const tokens = new TokenStore(options, options.tokenLifetimeSeconds);
  const rateLimiter = new RateLimiter(options.rateLimitPerHour);

  const unauthorized = (request: SimRequest, problem: string): GuardResult => {
    const challenge = `Bearer error="invalid_token", error_description="${problem}"`;
    const response = isV3(request.path) ? { status: 401 } : ippException(401, problem, "401");
    return { reject: { ...response, headers: { "WWW-Authenticate": challenge } } };
  };

  const guard = (request: SimRequest): GuardResult => {
    const path = request.path.toLowerCase();
    if (!path.startsWith("/v1/") && !isV3(path)) return {};
    const verified = tokens.verify(request);
    if ("problem" in verified) return unauthorized(request, verified.problem);
    if (request.faults.tokenExpired) {
      // Injected early expiry: the token dies now, although expires_in said otherwise.
      tokens.revoke(verified.token);
      return unauthorized(request, "The access token has expired");
    }
    if (!hasScope(verified.token, request.path, request.method)) {
      return { reject: isV3(path) ? { status: 403 } : ippException(403, "The token does not carry the scope this operation needs.", "403") };
    }
    const verdict = rateLimiter.take(verified.token.tenantId, verified.token.clientId);
    if (!verdict.allowed) {
      const message = `You are out of API requests. Retry after ${verdict.retryAfterSeconds} seconds`;
      const limited = errorFor(429, message, request);
      return { reject: { ...limited, headers: { ...limited.headers, "Retry-After": verdict.retryAfterSeconds } }, headers: verdict.headers };
    }
    return { headers: verdict.headers };
  };

  const hooks = {
    expireAllTokens: () => tokens.expireAll(),
    setRateLimit: (perHour: number) => rateLimiter.reset(perHour),
  };

  const base = await startSimulator<VismaState>({
    ...options,
    buildState: () => createVismaState(generateSeedData(options.seed, options), options.tenantId),
    collections: (state) => ({
      lookups: () => state.lookups,
      customers: () => [...state.customers.values()],
      inventory: () => [...state.inventory.values()],
      attachments: () => [...state.attachments.values()],
      salesOrders: () => [...state.salesOrders.values()],
      shipments: () => [...state.shipments.values()],
      tokens: () => tokens.list(),
      rateLimit: () => ({ perHour: rateLimiter.perHour, windows: rateLimiter.snapshot() }),
    }),
    flavour: { errorResponse: errorFor, guard },
    registerRoutes: (router, controlRouter, getState) => {
      router.post("/connect/token", (request) => tokens.issue(request));
      registerCustomerRoutes(router, getState, pageSizes.customer);
      registerInventoryRoutes(router, getState, pageSizes.inventory);
      registerShipmentRoutes(router, getState);
      registerLookupRoutes(router, getState);
      registerSalesOrderRoutes(router, getState, pageSizes.salesOrder);
      registerVismaControlRoutes(controlRouter, getState, hooks);
    },
    onReset: () => rateLimiter.reset(),
  });

  // The demo's warehouse: ships what the API created and nobody touched, after a while.
  const autoShip =
    options.autoShipAfterSeconds > 0
      ? setInterval(() => {
          const due = Date.now() - options.autoShipAfterSeconds * 1000;
          for (const order of base.state.salesOrders.values()) if (order.status === "Open" && order.createdAt <= due) shipWholeOrder(base.state, order);
        }, 2000)
      : undefined;
  autoShip?.unref();
  const close = base.close.bind(base);

  return Object.assign(base, {
    options,
    close: async () => {
      if (autoShip) clearInterval(autoShip);
      await close();
    },
    changeSalesOrder: (type: string, orderId: string, input: ControlSalesOrderInput) => changeSalesOrder(base.state, type, orderId, input),
    upsertInventoryItem: (input: ControlInventoryInput) => upsertInventory(base.state, input),
    setStock: (inventoryNumber: string, input: ControlStockInput) => setStock(base.state, inventoryNumber, input),
    upsertCustomer: (input: ControlCustomerInput) => upsertCustomer(base.state, input),
    salesOrders: () => [...base.state.salesOrders.values()],
    ...hooks,
  });
}
