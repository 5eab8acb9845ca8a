/**
 * Every JSON route under app/api/t, with the role it needs and how to call it with bad input.
 * e2e/route-access.spec.ts calls each one as an outsider (404), as a role too low (403) and with
 * invalid input (400 and a clear message); app/api/t/route-coverage.test.ts fails when a route
 * file exports a method that is missing here, so a new route cannot go unchecked.
 */
export type RouteIds = { runId: string; itemId: string; userId: string };

export type RouteCase = {
  /** Route file relative to the repo root, e.g. "app/api/t/[tenant]/settings/route.ts". */
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  role: "VIEWER" | "ADMIN" | "OWNER";
  /** The URL path after /api/t/<tenant>/. */
  path: (ids: RouteIds) => string;
  /** A bad request and what the 400 answer must say. */
  invalid?: { path?: (ids: RouteIds) => string; body?: unknown; message: RegExp; field?: string };
  /** Why there is no invalid-input case (the route takes no input beyond its path). */
  noInput?: string;
};

const t = "app/api/t/[tenant]";

export const ROUTE_CASES: RouteCase[] = [
  { file: `${t}/overview/route.ts`, method: "GET", role: "VIEWER", path: () => "overview", noInput: "takes no input" },
  { file: `${t}/connections/route.ts`, method: "GET", role: "VIEWER", path: () => "connections", noInput: "takes no input" },
  {
    file: `${t}/connections/[kind]/route.ts`,
    method: "PUT",
    role: "ADMIN",
    path: () => "connections/cscart",
    invalid: { body: { shopUrl: "not a url", adminEmail: "admin@example.com" }, message: /shopUrl: must be a full URL/, field: "shopUrl" },
  },
  {
    file: `${t}/connections/[kind]/test/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "connections/visma/test",
    noInput: "the kind is the only input; an unknown kind is a 404",
  },
  { file: `${t}/mappings/product/route.ts`, method: "GET", role: "VIEWER", path: () => "mappings/product", noInput: "takes no input" },
  {
    file: `${t}/mappings/product/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/product",
    invalid: { body: { fields: {}, defaultCategoryId: 0 }, message: /Invalid product mapping: .*defaultCategoryId/, field: "defaultCategoryId" },
  },
  {
    file: `${t}/mappings/product/restore/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/product/restore",
    invalid: { body: { version: 0 }, message: /version: versions start at 1/, field: "version" },
  },
  {
    file: `${t}/mappings/product/preview/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/product/preview",
    invalid: { body: { mapping: { fields: {} } }, message: /Invalid preview request: mapping\.fields/ },
  },
  { file: `${t}/mappings/order/route.ts`, method: "GET", role: "VIEWER", path: () => "mappings/order", noInput: "takes no input" },
  {
    file: `${t}/mappings/order/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/order",
    invalid: { body: { orderType: "" }, message: /Invalid order mapping: orderType/, field: "orderType" },
  },
  {
    file: `${t}/mappings/order/restore/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/order/restore",
    invalid: { body: { version: 0 }, message: /version: versions start at 1/, field: "version" },
  },
  {
    file: `${t}/mappings/order/preview/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/order/preview",
    invalid: { body: { mapping: {}, orderId: "first" }, message: /Invalid preview request: orderId/, field: "orderId" },
  },
  { file: `${t}/mappings/customer/route.ts`, method: "GET", role: "VIEWER", path: () => "mappings/customer", noInput: "takes no input" },
  {
    file: `${t}/mappings/customer/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/customer",
    invalid: {
      body: { withoutEmail: { mode: "placeholder", template: "no-number@example.com" } },
      message: /Invalid customer mapping: withoutEmail\.template/,
      field: "withoutEmail.template",
    },
  },
  {
    file: `${t}/mappings/customer/restore/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/customer/restore",
    invalid: { body: { version: 0 }, message: /version: versions start at 1/, field: "version" },
  },
  {
    file: `${t}/mappings/customer/preview/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "mappings/customer/preview",
    invalid: { body: { mapping: { emailFrom: [] } }, message: /Invalid preview request: mapping\.emailFrom/ },
  },
  { file: `${t}/settings/route.ts`, method: "GET", role: "VIEWER", path: () => "settings", noInput: "takes no input" },
  {
    file: `${t}/settings/route.ts`,
    method: "PATCH",
    role: "ADMIN",
    path: () => "settings",
    invalid: { body: { logRetentionDays: 0 }, message: /logRetentionDays: keep logs at least 1 day/, field: "logRetentionDays" },
  },
  {
    file: `${t}/settings/reimport/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "settings/reimport",
    invalid: { body: { from: "2999-01-01", modules: ["PRODUCT_IMPORT"] }, message: /from: the date cannot be in the future/, field: "from" },
  },
  {
    file: `${t}/runs/route.ts`,
    method: "GET",
    role: "VIEWER",
    path: () => "runs",
    invalid: { path: () => "runs?status=EXPLODED", message: /status: Invalid option/, field: "status" },
  },
  {
    file: `${t}/runs/[runId]/route.ts`,
    method: "GET",
    role: "VIEWER",
    path: ({ runId }) => `runs/${runId}`,
    invalid: { path: ({ runId }) => `runs/${runId}?state=LOST`, message: /state: Invalid option/, field: "state" },
  },
  {
    file: `${t}/runs/[runId]/retry/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: ({ runId }) => `runs/${runId}/retry`,
    noInput: "the run id is the only input; an unknown run is a 404",
  },
  {
    file: `${t}/items/retry/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "items/retry",
    invalid: { body: { itemIds: [] }, message: /itemIds: choose at least one record/, field: "itemIds" },
  },
  {
    file: `${t}/logs/route.ts`,
    method: "GET",
    role: "VIEWER",
    path: () => "logs",
    invalid: { path: () => "logs?from=someday", message: /from: "someday" is not a date/, field: "from" },
  },
  { file: `${t}/logs/route.ts`, method: "DELETE", role: "ADMIN", path: () => "logs", noInput: "deletes everything of the tenant; takes no input" },
  {
    file: `${t}/outbox/route.ts`,
    method: "GET",
    role: "VIEWER",
    path: () => "outbox",
    invalid: { path: () => "outbox?limit=100000", message: /limit/, field: "limit" },
  },
  { file: `${t}/team/route.ts`, method: "GET", role: "VIEWER", path: () => "team", noInput: "takes no input" },
  {
    file: `${t}/team/route.ts`,
    method: "POST",
    role: "OWNER",
    path: () => "team",
    invalid: { body: { email: "not-an-email", role: "ADMIN" }, message: /email: not a valid e-mail address/, field: "email" },
  },
  {
    file: `${t}/team/[userId]/route.ts`,
    method: "PATCH",
    role: "OWNER",
    path: ({ userId }) => `team/${userId}`,
    invalid: { body: { role: "KING" }, message: /role: choose a role: OWNER, ADMIN or VIEWER/, field: "role" },
  },
  {
    file: `${t}/team/[userId]/route.ts`,
    method: "DELETE",
    role: "OWNER",
    path: ({ userId }) => `team/${userId}`,
    noInput: "the user id is the only input; someone not on the team is a 404",
  },
  {
    file: `${t}/audit/route.ts`,
    method: "GET",
    role: "VIEWER",
    path: () => "audit",
    invalid: { path: () => "audit?area=everything", message: /area: Invalid option/, field: "area" },
  },
  {
    file: `${t}/sync/[module]/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "sync/order-export",
    noInput: "the module is the only input; an unknown module is a 404",
  },
  { file: `${t}/alerts/route.ts`, method: "GET", role: "VIEWER", path: () => "alerts", noInput: "takes no input" },
  {
    file: `${t}/alerts/mute/route.ts`,
    method: "PUT",
    role: "ADMIN",
    path: () => "alerts/mute",
    invalid: { body: { muted: "sometimes" }, message: /muted: say muted: true or false/, field: "muted" },
  },
  { file: `${t}/alerts/webhook/route.ts`, method: "GET", role: "ADMIN", path: () => "alerts/webhook", noInput: "takes no input" },
  {
    file: `${t}/alerts/webhook/route.ts`,
    method: "PUT",
    role: "ADMIN",
    path: () => "alerts/webhook",
    invalid: { body: { url: "https://hooks.example.com/x?token=1" }, message: /url: must not contain a query/, field: "url" },
  },
  { file: `${t}/export/route.ts`, method: "GET", role: "OWNER", path: () => "export", noInput: "takes no input" },
  {
    file: `${t}/tenant/delete/route.ts`,
    method: "POST",
    role: "OWNER",
    path: () => "tenant/delete",
    invalid: { body: { confirm: "" }, message: /confirm: type the shop's name/, field: "confirm" },
  },
  {
    file: `${t}/sync/[module]/dry-run/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "sync/stock-sync/dry-run",
    noInput: "the module is the only input; an unknown module is a 404",
  },
  {
    file: `${t}/modules/[module]/route.ts`,
    method: "PUT",
    role: "ADMIN",
    path: () => "modules/stock-sync",
    invalid: { body: { enabled: "yes" }, message: /enabled: say whether the module is on/, field: "enabled" },
  },
  {
    file: `${t}/settings/order-start/route.ts`,
    method: "PUT",
    role: "ADMIN",
    path: () => "settings/order-start",
    invalid: { body: { kind: "fromDate", date: "someday" }, message: /date: pick a date/, field: "date" },
  },
  { file: `${t}/setup/route.ts`, method: "GET", role: "VIEWER", path: () => "setup", noInput: "takes no input" },
  { file: `${t}/pick-lists/route.ts`, method: "GET", role: "VIEWER", path: () => "pick-lists", noInput: "takes no input" },
  {
    file: `${t}/pick-lists/[source]/route.ts`,
    method: "POST",
    role: "ADMIN",
    path: () => "pick-lists/cscart",
    noInput: "the remote is the only input; an unknown one is a 404",
  },
];

export function routeCaseKey(routeCase: { file: string; method: string }): string {
  return `${routeCase.method} ${routeCase.file}`;
}
