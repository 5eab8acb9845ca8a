/** /api/orders: list with filters, fn_get_order_info-style detail, and the status-only PUT. */
import { json, type Handler, type SimRequest } from "../shared/http";
import type { Router } from "../shared/router";
import { compareBy, cscartError, integerParam, listParams, listValues, notFound, pageOf, readCscartBody, readPaging, sortDirection } from "./api";
import { computeOrderTotals, renderOrderDetail, renderOrderSummary } from "./render";
import { orderUpdateSchema } from "./schemas";
import { applyInventoryForStatusChange, findStatus, nextTimestamp, type CscartOrder, type CscartSettings, type CscartState } from "./state";

type Filter = (order: CscartOrder) => boolean;

/** time_from/time_to with period=C: UNIX seconds, YYYY-MM-DD or m/d/Y (CS-Cart's default date format). */
function parseShopDate(value: string, endOfDay: boolean): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : undefined;
  if (!parts) return undefined;
  const start = Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])) / 1000;
  return endOfDay ? start + 86_399 : start;
}

function buildFilters(query: URLSearchParams, settings: CscartSettings): { filters: Filter[] } | { error: string } {
  const filters: Filter[] = [];
  const statuses = listValues(query, "status");
  if (statuses.length > 0) filters.push((order) => statuses.includes(order.status));
  // Incomplete orders (status N) are left out unless asked for.
  else if (!["Y", "1", "true"].includes(query.get("include_incompleted") ?? "")) filters.push((order) => order.status !== "N");
  const userId = integerParam(query, "user_id");
  if (userId !== undefined) filters.push((order) => order.userId === userId);
  const companyId = integerParam(query, "company_id");
  if (companyId !== undefined) filters.push((order) => order.companyId === companyId);
  const email = query.get("email")?.trim().toLowerCase();
  if (email) filters.push((order) => order.email.toLowerCase().includes(email));
  // An older shop does not know these parameters and, like PHP, silently ignores them.
  if (settings.ordersHaveUpdatedAt) {
    const updatedFrom = integerParam(query, "updated_at_from");
    if (updatedFrom !== undefined) filters.push((order) => order.updatedAt >= updatedFrom);
    const updatedTo = integerParam(query, "updated_at_to");
    if (updatedTo !== undefined) filters.push((order) => order.updatedAt <= updatedTo);
  }
  const period = query.get("period") ?? "A";
  if (period === "C") {
    const from = query.get("time_from");
    const to = query.get("time_to");
    const fromSeconds = from ? parseShopDate(from, false) : undefined;
    const toSeconds = to ? parseShopDate(to, true) : undefined;
    if ((from && fromSeconds === undefined) || (to && toSeconds === undefined)) return { error: "time_from/time_to must be UNIX seconds, YYYY-MM-DD or m/d/Y" };
    if (fromSeconds !== undefined) filters.push((order) => order.timestamp >= fromSeconds);
    if (toSeconds !== undefined) filters.push((order) => order.timestamp <= toSeconds);
  } else if (period !== "A") {
    return { error: `period=${period} is not simulated (use A or C)` };
  }
  return { filters };
}

/** fn_get_orders' sortings; any other sort_by falls back to date (db_sort), any other sort_order to desc. */
const SORT_KEYS: Record<string, (order: CscartOrder, state: CscartState) => number | string> = {
  date: (order) => order.timestamp,
  order_id: (order) => order.orderId,
  status: (order) => order.status,
  customer: (order) => `${order.lastname} ${order.firstname}`.toLowerCase(),
  email: (order) => order.email.toLowerCase(),
  total: (order, state) => computeOrderTotals(order, state.settings).totalCents,
};

function listOrders(state: CscartState, request: SimRequest) {
  const built = buildFilters(request.query, state.settings);
  if ("error" in built) return cscartError(400, `Bad Request: ${built.error}`);
  const sortBy = request.query.get("sort_by") ?? "date";
  const sortKey = SORT_KEYS[sortBy] ?? SORT_KEYS.date;
  const direction = sortDirection(request.query, "desc");
  const matching = [...state.orders.values()].filter((order) => built.filters.every((filter) => filter(order)));
  matching.sort(
    compareBy(
      (order) => (sortKey as NonNullable<typeof sortKey>)(order, state),
      direction,
      (order) => order.orderId,
    ),
  );
  const paging = readPaging(request.query);
  return json(200, {
    orders: pageOf(matching, paging).map((order) => renderOrderSummary(order, state.settings)),
    params: listParams(paging, matching.length, {
      sort_by: SORT_KEYS[sortBy] ? sortBy : "date",
      sort_order: direction === 1 ? "asc" : "desc",
      include_incompleted: ["Y", "1", "true"].includes(request.query.get("include_incompleted") ?? ""),
    }),
  });
}

/** Orders::$status_update_parameters (4.13): a PUT with only these keys takes the status fast path. */
const STATUS_UPDATE_PARAMETERS = ["status", "notify_user", "notify_department", "notify_vendor"];

/** PHP's empty(): "", "0", 0, false, null and missing are empty; any other string ("N" too) is not. */
function phpEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === "" || value === "0";
}

function updateOrder(state: CscartState, request: SimRequest) {
  const order = state.orders.get(Number(request.params.id));
  if (!order) return notFound();
  const body = readCscartBody(request, orderUpdateSchema);
  if (!body.ok) return body.response;
  const otherKeys = Object.keys(body.raw).filter((key) => !STATUS_UPDATE_PARAMETERS.includes(key));
  if (body.value.status === undefined && otherKeys.length === 0) return cscartError(400, "Bad Request: nothing to update");
  if (body.value.status !== undefined) {
    if (!findStatus(state.settings, body.value.status)) return cscartError(400, `Bad Request: unknown order status ${body.value.status}`);
    // fn_change_order_status returns early when the status does not change: no e-mail either.
    if (body.value.status !== order.status) {
      applyInventoryForStatusChange(state, order, order.status, body.value.status);
      // fn_get_notification_rules: in the admin area (API admins) a missing flag means no e-mail.
      if (!phpEmpty(body.raw.notify_user)) order.customerNotifications.push({ status: body.value.status, at: Math.floor(Date.now() / 1000) });
      order.status = body.value.status;
    }
  }
  // Any key besides status makes real CS-Cart recalculate the whole order; count it so tests can see it.
  if (otherKeys.length > 0) order.recalculations++;
  order.updatedAt = nextTimestamp(order.updatedAt);
  return json(200, { order_id: String(order.orderId) });
}

export function registerOrderRoutes(router: Router<Handler>, state: () => CscartState): void {
  router
    .get("/api/orders", (request) => listOrders(state(), request))
    .get("/api/orders/:id", (request) => {
      const order = state().orders.get(Number(request.params.id));
      return order ? json(200, renderOrderDetail(order, state().settings)) : notFound();
    })
    .put("/api/orders/:id", (request) => updateOrder(state(), request));
}
