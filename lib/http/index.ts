export { HttpClient, buildUrl, requestJson, parseResponseJson, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_ATTEMPTS } from "./client";
export type { RemoteCallContext, HttpRequest, RemoteResponse, HttpEvent, QueryParams } from "./client";
export { CallMeter, type RemoteCallCounts } from "./meter";
export { redact, redactText, maskEmail, maskPhone } from "./redact";
export { appErrorFromResponse, appErrorFromTransportFailure, extractRemoteErrorText } from "./remote-errors";
export { decideRetry, backoffDelayMs, parseRetryAfterMs, defaultRetryPolicy, isRetryableStatus } from "./retry";
export type { HttpMethod, RetryPolicy, AttemptOutcome } from "./retry";
export { nextRequestStartMs, isBudgetLow, parseRateLimitHeaders, rateLimiterFor, sleep } from "./pacing";
