/**
 * `npm run sim`: starts the CS-Cart and Visma.net simulators with seeded data.
 * Env: CSCART_SIM_PORT, VISMA_SIM_PORT, SIM_HOST, SIM_SEED, SIM_PRODUCTS, SIM_CUSTOMERS, SIM_ORDERS,
 * SIM_LATENCY_MS (+ SIM_JITTER_MS, SIM_ERROR_RATE, ...), VISMA_RATE_LIMIT_PER_HOUR, SIM_PRICES_INCLUDE_TAX,
 * SIM_CSCART_OLD_SHOP, SIM_VISMA_AUTO_SHIP_SECONDS, SIM_CONTROL_SECRET, SIM_WORKERS + SIM_QUEUE_LIMIT +
 * SIM_SERVICE_MS=read:write:imageWrite (capacity, both). Flags of the same meaning: --cscart-port,
 * --visma-port, --host, --seed,
 * --products, --customers, --orders, --latency-ms, --rate-limit-per-hour, --prices-include-tax=false,
 * --old-shop (a CS-Cart that ignores updated_at_from), --auto-ship-seconds (Visma.net ships open
 * sales orders by itself this long after they arrive; 0 = never), --control-secret.
 */
import { parseArgs } from "node:util";
import { startCscartSimulator } from "./cscart/server";
import { capacityFromEnv } from "./shared/capacity";
import { faultsFromEnv } from "./shared/faults";
import { startVismaSimulator } from "./visma/server";

const { values: flags } = parseArgs({
  options: {
    "cscart-port": { type: "string" },
    "visma-port": { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    products: { type: "string" },
    customers: { type: "string" },
    orders: { type: "string" },
    "latency-ms": { type: "string" },
    "rate-limit-per-hour": { type: "string" },
    "prices-include-tax": { type: "string" },
    "old-shop": { type: "boolean" },
    "auto-ship-seconds": { type: "string" },
    "control-secret": { type: "string" },
    help: { type: "boolean" },
  },
});

if (flags.help) {
  console.log(
    "Usage: npm run sim -- [--cscart-port 4101] [--visma-port 4102] [--seed 1] [--products 200] [--customers 60] [--orders 80] [--latency-ms 0] [--rate-limit-per-hour 15000]",
  );
  process.exit(0);
}

function numberSetting(flag: string | undefined, envName: string, fallback: number): number {
  const raw = flag ?? process.env[envName];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${envName} / flag must be a number, got "${raw}"`);
  return value;
}

const host = flags.host ?? process.env.SIM_HOST ?? "127.0.0.1";
const seed = numberSetting(flags.seed, "SIM_SEED", 1);
const scale = {
  products: numberSetting(flags.products, "SIM_PRODUCTS", 200),
  customers: numberSetting(flags.customers, "SIM_CUSTOMERS", 60),
  orders: numberSetting(flags.orders, "SIM_ORDERS", 80),
};
const faults = { ...faultsFromEnv(process.env), ...(flags["latency-ms"] ? { latencyMs: Number(flags["latency-ms"]) } : {}) };
const capacity = capacityFromEnv(process.env);
const controlSecret = flags["control-secret"] ?? process.env.SIM_CONTROL_SECRET ?? undefined;
const pricesIncludeTax = (flags["prices-include-tax"] ?? process.env.SIM_PRICES_INCLUDE_TAX ?? "true") !== "false";
const oldShop = flags["old-shop"] ?? process.env.SIM_CSCART_OLD_SHOP === "true";

const cscart = await startCscartSimulator({
  host,
  port: numberSetting(flags["cscart-port"], "CSCART_SIM_PORT", 4101),
  seed,
  ...scale,
  faults,
  capacity,
  pricesIncludeTax,
  oldShop,
  ...(controlSecret ? { controlSecret } : {}),
});
const visma = await startVismaSimulator({
  host,
  port: numberSetting(flags["visma-port"], "VISMA_SIM_PORT", 4102),
  seed,
  ...scale,
  faults,
  capacity,
  rateLimitPerHour: numberSetting(flags["rate-limit-per-hour"], "VISMA_RATE_LIMIT_PER_HOUR", 15_000),
  autoShipAfterSeconds: numberSetting(flags["auto-ship-seconds"], "SIM_VISMA_AUTO_SHIP_SECONDS", 0),
  ...(controlSecret ? { controlSecret } : {}),
});

const c = cscart.options;
const v = visma.options;
console.log(`Simulators running (seed ${seed}, ${scale.products} products, ${scale.customers} customers, ${scale.orders} orders)

CS-Cart   ${cscart.url}/api   (also /api/2.0, /api/2.1, /api/4.0)
  Basic auth user: ${c.adminEmail}
  API key:         ${c.apiKey}
  Prices include tax: ${c.pricesIncludeTax ? "yes" : "no"}${c.oldShop ? "\n  Old shop: updated_at_from is ignored" : ""}

Visma.net ${visma.url}
  Token:      POST ${visma.url}/connect/token (grant_type=client_credentials)
  client_id:     ${v.clientId}
  client_secret: ${v.clientSecret}
  tenant_id:     ${v.tenantId}
  scopes granted: ${v.grantedScopes.join(" ")}
  v1:  ${visma.url}/v1/...   SalesOrder V3: ${visma.url}/api/v3/SalesOrders
  Rate limit: ${v.rateLimitPerHour} calls/hour per company and client${v.autoShipAfterSeconds ? `\n  Ships open sales orders by itself ${v.autoShipAfterSeconds} s after they arrive (with a tracking number)` : ""}

Control API (both): /__control/... with header x-control-secret: ${c.controlSecret}
Stop with Ctrl+C.`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping simulators`);
  await Promise.all([cscart.close(), visma.close()]);
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
