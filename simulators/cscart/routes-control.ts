/** CS-Cart test controls: create and change orders and products without going through the API. */
import { z } from "zod";
import { controlBody } from "../shared/control";
import { json, type Handler } from "../shared/http";
import type { Router } from "../shared/router";
import { renderOrderDetail, renderProduct } from "./render";
import {
  applyInventoryForStatusChange,
  findStatus,
  itemIdFor,
  nextTimestamp,
  SHIPPING_IDS,
  taxIdForRate,
  type CscartOrder,
  type CscartProduct,
  type CscartState,
} from "./state";

const addressSchema = z.object({
  address: z.string().default("Storgata 1"),
  address2: z.string().default(""),
  city: z.string().default("Oslo"),
  zipcode: z.string().default("0155"),
  country: z.string().default("NO"),
  countryDescr: z.string().default("Norway"),
});

export const controlOrderSchema = z.object({
  orderId: z.number().int().positive().optional(),
  userId: z.number().int().min(0).default(0),
  email: z.string().default("guest@example.com"),
  firstname: z.string().default("Kari"),
  lastname: z.string().default("Nordmann"),
  company: z.string().default(""),
  phone: z.string().default("+4790000000"),
  status: z.string().default("P"),
  timestamp: z.number().int().optional(),
  billing: addressSchema.default(addressSchema.parse({})),
  shipping: addressSchema.optional(),
  lines: z
    .array(
      z.object({
        productCode: z.string().optional(),
        productId: z.number().int().optional(),
        amount: z.number().int().positive().default(1),
        /** In shop prices (gross when the shop includes tax); defaults to the product price. */
        price: z.number().min(0).optional(),
        discountPercent: z.number().min(0).max(100).default(0),
        /** A sale without VAT: no tax applies to the line. */
        taxFree: z.boolean().default(false),
      }),
    )
    .min(1),
  subtotalDiscount: z.number().min(0).default(0),
  shippingCost: z.number().min(0).default(0),
  /** The payment method's surcharge, in shop prices. */
  paymentSurcharge: z.number().min(0).default(0),
  giftCertificates: z.array(z.object({ code: z.string().min(1), amount: z.number().positive() })).default([]),
  paymentMethod: z.string().default("Klarna"),
  shippingMethod: z.string().default("Posten"),
  notes: z.string().default(""),
});
export type ControlOrderInput = z.input<typeof controlOrderSchema>;

export const controlOrderChangeSchema = z.object({
  status: z.string().optional(),
  email: z.string().optional(),
  timestamp: z.number().int().optional(),
  updatedAt: z.number().int().optional(),
});
export type ControlOrderChange = z.input<typeof controlOrderChangeSchema>;

export const controlProductSchema = z.object({
  productCode: z.string().optional(),
  product: z.string().optional(),
  price: z.number().min(0).optional(),
  amount: z.number().int().optional(),
  status: z.enum(["A", "D", "H"]).optional(),
  vatRate: z.number().optional(),
});
export type ControlProductInput = z.input<typeof controlProductSchema>;

export type ControlResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function createOrder(state: CscartState, input: ControlOrderInput): ControlResult<CscartOrder> {
  const parsed = controlOrderSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.message };
  const data = parsed.data;
  if (!findStatus(state.settings, data.status)) return { ok: false, error: `unknown status ${data.status}` };
  if (data.orderId !== undefined && state.orders.has(data.orderId)) return { ok: false, error: `order ${data.orderId} exists` };
  const lines = [];
  for (const line of data.lines) {
    const product =
      line.productId !== undefined
        ? state.products.get(line.productId)
        : [...state.products.values()].find((candidate) => candidate.productCode === line.productCode);
    if (!product) return { ok: false, error: `no product ${line.productId ?? line.productCode}` };
    const basePriceCents = line.price !== undefined ? Math.round(line.price * 100) : product.priceCents;
    lines.push({
      itemId: itemIdFor(product.productId),
      productId: product.productId,
      productCode: product.productCode,
      product: product.product,
      basePriceCents,
      discountCents: Math.round((basePriceCents * line.discountPercent) / 100),
      amount: line.amount,
      taxId: line.taxFree ? 0 : (product.taxIds[0] ?? taxIdForRate(25)),
      shippedAmount: 0,
    });
  }
  const now = data.timestamp ?? Math.floor(Date.now() / 1000);
  const orderId = data.orderId ?? state.nextOrderId;
  state.nextOrderId = Math.max(state.nextOrderId, orderId + 1);
  const toAddress = (address: z.infer<typeof addressSchema>) => ({
    ...address,
    firstname: data.firstname,
    lastname: data.lastname,
    state: "",
    phone: data.phone,
  });
  const order: CscartOrder = {
    orderId,
    userId: data.userId,
    companyId: state.settings.companyId,
    status: data.status,
    timestamp: now,
    updatedAt: now,
    email: data.email,
    firstname: data.firstname,
    lastname: data.lastname,
    company: data.company,
    phone: data.phone,
    billing: toAddress(data.billing),
    shipping: toAddress(data.shipping ?? data.billing),
    lines,
    subtotalDiscountCents: Math.round(data.subtotalDiscount * 100),
    shippingCostCents: Math.round(data.shippingCost * 100),
    paymentSurchargeCents: Math.round(data.paymentSurcharge * 100),
    giftCertificates: data.giftCertificates.map((certificate) => ({ code: certificate.code, amountCents: Math.round(certificate.amount * 100) })),
    paymentId: 12,
    paymentMethod: data.paymentMethod,
    shippingId: SHIPPING_IDS[data.shippingMethod] ?? 1,
    shippingMethod: data.shippingMethod,
    notes: data.notes,
    recalculations: 0,
    customerNotifications: [],
  };
  applyInventoryForStatusChange(state, order, null, order.status);
  state.orders.set(orderId, order);
  return { ok: true, value: order };
}

export function changeOrder(state: CscartState, orderId: number, change: ControlOrderChange): ControlResult<CscartOrder> {
  const order = state.orders.get(orderId);
  if (!order) return { ok: false, error: `no order ${orderId}` };
  const data = controlOrderChangeSchema.parse(change);
  if (data.status !== undefined) {
    if (!findStatus(state.settings, data.status)) return { ok: false, error: `unknown status ${data.status}` };
    applyInventoryForStatusChange(state, order, order.status, data.status);
    order.status = data.status;
  }
  if (data.email !== undefined) order.email = data.email;
  if (data.timestamp !== undefined) order.timestamp = data.timestamp;
  order.updatedAt = data.updatedAt ?? nextTimestamp(order.updatedAt);
  return { ok: true, value: order };
}

export function changeProduct(state: CscartState, productId: number, change: ControlProductInput): ControlResult<CscartProduct> {
  const product = state.products.get(productId);
  if (!product) return { ok: false, error: `no product ${productId}` };
  const data = controlProductSchema.parse(change);
  if (data.productCode !== undefined) product.productCode = data.productCode;
  if (data.product !== undefined) product.product = data.product;
  if (data.price !== undefined) product.priceCents = Math.round(data.price * 100);
  if (data.amount !== undefined) product.amount = data.amount;
  if (data.status !== undefined) product.status = data.status;
  if (data.vatRate !== undefined) product.taxIds = [taxIdForRate(data.vatRate)];
  product.updatedTimestamp = nextTimestamp(product.updatedTimestamp);
  return { ok: true, value: product };
}

export function registerCscartControlRoutes(router: Router<Handler>, state: () => CscartState): void {
  const respond = <T>(result: ControlResult<T>, render: (value: T) => unknown, status = 200) =>
    result.ok ? json(status, render(result.value)) : json(400, { error: result.error });
  router
    .post("/__control/orders", (request) => {
      const body = controlBody(request, z.unknown());
      if (!body.ok) return body.response;
      return respond(createOrder(state(), body.value as ControlOrderInput), (order) => renderOrderDetail(order, state().settings), 201);
    })
    .post("/__control/orders/:id", (request) => {
      const body = controlBody(request, controlOrderChangeSchema);
      if (!body.ok) return body.response;
      return respond(changeOrder(state(), Number(request.params.id), body.value), (order) => renderOrderDetail(order, state().settings));
    })
    .post("/__control/products/:id", (request) => {
      const body = controlBody(request, controlProductSchema);
      if (!body.ok) return body.response;
      return respond(changeProduct(state(), Number(request.params.id), body.value), (product) => renderProduct(product, request.baseUrl));
    })
    .post("/__control/settings", (request) => {
      const body = controlBody(request, z.object({ pricesIncludeTax: z.boolean().optional(), oldShop: z.boolean().optional() }));
      if (!body.ok) return body.response;
      if (body.value.pricesIncludeTax !== undefined) state().settings.pricesIncludeTax = body.value.pricesIncludeTax;
      if (body.value.oldShop !== undefined) state().settings.ordersHaveUpdatedAt = !body.value.oldShop;
      return json(200, state().settings);
    });
}
