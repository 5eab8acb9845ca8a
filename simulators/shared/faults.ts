/**
 * Fault injection shared by both simulators. Every random decision comes from a PRNG seeded from the
 * simulator seed, so a given request sequence meets the same faults on every run.
 */
import { z } from "zod";
import { deriveRandom, type Random } from "./prng";

const share = z.number().min(0).max(1);

export const faultConfigSchema = z.object({
  /** Added to every matching request before it is handled. */
  latencyMs: z.number().min(0).default(0),
  /** Extra random delay between 0 and jitterMs. */
  jitterMs: z.number().min(0).default(0),
  /** Share of requests answered 500/502/503 before anything is done. */
  errorRate: share.default(0),
  /** After every `every` normal requests, the next `count` requests get 429 with Retry-After. */
  rateLimitBurst: z
    .object({
      every: z.number().int().min(0),
      count: z.number().int().min(1),
      retryAfterSeconds: z.number().int().min(0).default(1),
    })
    .nullable()
    .default(null),
  /** Share of requests that never get an answer (the client must time out). */
  hangRate: share.default(0),
  /** Share of writes (POST/PUT/PATCH/DELETE) that are performed, after which the socket is destroyed. */
  commitThenDropRate: share.default(0),
  /** Share of JSON responses whose body is cut short (invalid JSON). */
  malformedJsonRate: share.default(0),
  /** Visma only: share of bearer-authenticated requests whose token is revoked early (401). */
  tokenEarlyExpiry: share.default(0),
  /** Limit faults to matching requests, e.g. {"method":"POST","pathPrefix":"/api/v3/SalesOrders"}. */
  match: z.object({ method: z.string().optional(), pathPrefix: z.string().optional() }).nullable().default(null),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;

export const NO_FAULTS: FaultConfig = faultConfigSchema.parse({});

export interface FaultDecision {
  delayMs: number;
  /** What replaces the normal answer, if anything. */
  outcome: "normal" | "hang" | "rate-limited" | "server-error";
  serverErrorStatus: 500 | 502 | 503;
  retryAfterSeconds: number;
  dropAfterCommit: boolean;
  malformedJson: boolean;
  tokenExpired: boolean;
}

/** The decision for a request that meets no fault. */
export function noFaultDecision(): FaultDecision {
  return { delayMs: 0, outcome: "normal", serverErrorStatus: 503, retryAfterSeconds: 0, dropAfterCommit: false, malformedJson: false, tokenExpired: false };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const ERROR_STATUSES = [500, 502, 503] as const;

export class FaultInjector {
  private random: Random;
  private matchingRequests = 0;
  private current: FaultConfig;

  constructor(
    private readonly seed: number,
    config: FaultConfigInput = {},
  ) {
    this.random = deriveRandom(seed, "faults");
    this.current = faultConfigSchema.parse(config);
  }

  get config(): FaultConfig {
    return this.current;
  }

  /** Replaces the whole configuration (omitted knobs go back to "off") and restarts the fault sequence. */
  set(config: FaultConfigInput): FaultConfig {
    this.current = faultConfigSchema.parse(config);
    this.random = deriveRandom(this.seed, "faults");
    this.matchingRequests = 0;
    return this.current;
  }

  decide(method: string, path: string): FaultDecision {
    const config = this.current;
    const decision = noFaultDecision();
    if (!this.matches(method, path)) return decision;
    this.matchingRequests++;
    // Always draw the same number of values, so changing one knob does not reshuffle the others.
    const [jitter, error, errorKind, hang, drop, malformed, token] = Array.from({ length: 7 }, () => this.random());
    decision.delayMs = config.latencyMs + Math.floor((jitter as number) * config.jitterMs);
    const burst = config.rateLimitBurst;
    if ((hang as number) < config.hangRate) {
      decision.outcome = "hang";
    } else if (burst && (this.matchingRequests - 1) % (burst.every + burst.count) >= burst.every) {
      decision.outcome = "rate-limited";
      decision.retryAfterSeconds = burst.retryAfterSeconds;
    } else if ((error as number) < config.errorRate) {
      decision.outcome = "server-error";
      decision.serverErrorStatus = ERROR_STATUSES[Math.floor((errorKind as number) * ERROR_STATUSES.length)] ?? 503;
    }
    decision.dropAfterCommit = WRITE_METHODS.has(method.toUpperCase()) && (drop as number) < config.commitThenDropRate;
    decision.malformedJson = (malformed as number) < config.malformedJsonRate;
    decision.tokenExpired = (token as number) < config.tokenEarlyExpiry;
    return decision;
  }

  private matches(method: string, path: string): boolean {
    const match = this.current.match;
    if (!match) return true;
    if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
    if (match.pathPrefix && !path.toLowerCase().startsWith(match.pathPrefix.toLowerCase())) return false;
    return true;
  }
}

/** Reads fault knobs from environment variables (used by the CLI). */
export function faultsFromEnv(env: NodeJS.ProcessEnv): FaultConfigInput {
  const number = (name: string) => (env[name] !== undefined && env[name] !== "" ? Number(env[name]) : undefined);
  const config: FaultConfigInput = {
    latencyMs: number("SIM_LATENCY_MS"),
    jitterMs: number("SIM_JITTER_MS"),
    errorRate: number("SIM_ERROR_RATE"),
    hangRate: number("SIM_HANG_RATE"),
    commitThenDropRate: number("SIM_COMMIT_THEN_DROP_RATE"),
    malformedJsonRate: number("SIM_MALFORMED_JSON_RATE"),
    tokenEarlyExpiry: number("SIM_TOKEN_EARLY_EXPIRY"),
  };
  // SIM_RATE_LIMIT_BURST="every:count[:retryAfterSeconds]", e.g. "50:5:2".
  const burst = env.SIM_RATE_LIMIT_BURST?.split(":").map(Number);
  if (burst && burst.length >= 2) config.rateLimitBurst = { every: burst[0] as number, count: burst[1] as number, retryAfterSeconds: burst[2] ?? 1 };
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}
