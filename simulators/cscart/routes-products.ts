/** /api/products: list with search filters, detail, POST (201) and PUT (200), images via main_pair. */
import { json, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import { solidPng } from "../shared/png";
import type { Router } from "../shared/router";
import { compareBy, integerParam, listParams, listValues, notFound, pageOf, readCscartBody, readPaging, sortDirection } from "./api";
import { renderProduct } from "./render";
import { imagePairSchema, productCreateSchema, productUpdateSchema, type ProductUpdateBody } from "./schemas";
import { nextTimestamp, type CscartImagePair, type CscartProduct, type CscartState } from "./state";
import type { z } from "zod";

export interface ProductRouteOptions {
  /** Fetch image_path URLs like the real shop does; off by default so tests need no image server. */
  fetchImages: boolean;
}

type ImagePairBody = z.infer<typeof imagePairSchema>;

const SORT_KEYS: Record<string, (product: CscartProduct) => number | string> = {
  date: (product) => product.timestamp,
  status: (product) => product.status,
  list_price: (product) => product.listPriceCents,
  product: (product) => product.product.toLowerCase(),
  price: (product) => product.priceCents,
  code: (product) => product.productCode.toLowerCase(),
  amount: (product) => product.amount,
};

/** MySQL's default collation compares without case; LIKE '%x%' is a case-insensitive substring match. */
function like(value: string, needle: string): boolean {
  return value.toLowerCase().includes(needle.toLowerCase());
}

/**
 * Search as fn_get_products (4.13) does it: `q` matches names (`pname` is forced to Y when `q` is
 * set and no other p* flag is Y) and codes only with `pcode_from_q=Y`; `pcode` is a code value
 * (`product_code LIKE %pcode%`), not a flag. So the old `pcode=Y&q=<code>` finds codes containing "Y".
 */
function searchFilters(query: URLSearchParams): ((product: CscartProduct) => boolean)[] {
  const filters: ((product: CscartProduct) => boolean)[] = [];
  const text = query.get("q")?.trim();
  if (text) {
    const flag = (name: string) => query.get(name) === "Y";
    const byName = flag("pname") || !["pname", "pshort", "pfull", "pkeywords"].some(flag);
    const byDescription = flag("pshort") || flag("pfull");
    const byCode = flag("pcode_from_q");
    filters.push(
      (product) =>
        (byName && like(product.product, text)) || (byDescription && like(product.fullDescription, text)) || (byCode && like(product.productCode, text)),
    );
  }
  const code = query.get("pcode")?.trim();
  if (code) filters.push((product) => like(product.productCode, code));
  return filters;
}

function listProducts(state: CscartState, request: SimRequest): SimResponse {
  const query = request.query;
  const filters = searchFilters(query);
  const categoryId = integerParam(query, "cid");
  if (categoryId !== undefined) {
    const withChildren = query.get("subcats") === "Y";
    const ids = new Set([categoryId, ...(withChildren ? state.categories.filter((c) => c.parentId === categoryId).map((c) => c.categoryId) : [])]);
    filters.push((product) => product.categoryIds.some((id) => ids.has(id)));
  }
  const amountFrom = integerParam(query, "amount_from");
  if (amountFrom !== undefined) filters.push((product) => product.amount >= amountFrom);
  const amountTo = integerParam(query, "amount_to");
  if (amountTo !== undefined) filters.push((product) => product.amount <= amountTo);
  const statuses = listValues(query, "status");
  if (statuses.length > 0) filters.push((product) => statuses.includes(product.status));
  // Inferred from fn_get_products, not documented for the API.
  const updatedInHours = integerParam(query, "updated_in_hours");
  if (updatedInHours !== undefined) {
    const since = Math.floor(Date.now() / 1000) - updatedInHours * 3600;
    filters.push((product) => product.updatedTimestamp >= since);
  }
  const matching = [...state.products.values()].filter((product) => filters.every((filter) => filter(product)));
  const sortBy = query.get("sort_by") ?? "product";
  const direction = sortDirection(query, "asc");
  matching.sort(compareBy(SORT_KEYS[sortBy] ?? (SORT_KEYS.product as (p: CscartProduct) => string), direction, (product) => product.productId));
  const paging = readPaging(query);
  return json(200, {
    products: pageOf(matching, paging).map((product) => renderProduct(product, request.baseUrl)),
    params: listParams(paging, matching.length, { sort_by: SORT_KEYS[sortBy] ? sortBy : "product", sort_order: direction === 1 ? "asc" : "desc" }),
  });
}

/** Returns the pair to store, or undefined when the shop could not get the image. */
async function resolveImage(state: CscartState, pair: ImagePairBody, alt: string, fetchImages: boolean): Promise<CscartImagePair | undefined> {
  const image = pair.detailed ?? pair.icon;
  if (!image) return undefined;
  const path = image.image_path;
  // Without "://" CS-Cart reads a file on its own disk, which a client cannot have put there.
  if (!path.includes("://")) return undefined;
  if (fetchImages) {
    try {
      const response = await fetch(path, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) return undefined;
      await response.arrayBuffer();
    } catch {
      return undefined;
    }
  }
  const imageId = state.nextImageId++;
  const fileName = (new URL(path).pathname.split("/").pop() || `image-${imageId}`).replace(/[^\w.-]/g, "_");
  return { pairId: imageId, imageId, sourcePath: path, fileName, alt: image.alt ?? alt, position: pair.position ?? 0 };
}

async function applyImages(state: CscartState, product: CscartProduct, body: ProductUpdateBody, fetchImages: boolean): Promise<void> {
  const at = Math.floor(Date.now() / 1000);
  if (body.main_pair) {
    // Sending main_pair deletes the current main image first, even if the new one then fails.
    const hadImage = product.mainPair !== null;
    product.mainPair = null;
    const pair = await resolveImage(state, body.main_pair, product.product, fetchImages);
    product.mainPair = pair ?? null;
    const sourcePath = body.main_pair.detailed?.image_path ?? body.main_pair.icon?.image_path ?? "";
    state.imageWrites.push({ productId: product.productId, kind: "main_pair", sourcePath, result: pair ? (hadImage ? "replaced" : "added") : "failed", at });
  }
  if (body.image_pairs) {
    // Products::prepareImages deletes every additional image first, whatever is sent (even nothing).
    const hadImages = product.imagePairs.length > 0;
    if (hadImages && Object.keys(body.image_pairs).length === 0)
      state.imageWrites.push({ productId: product.productId, kind: "image_pairs", sourcePath: "", result: "removed", at });
    product.imagePairs = [];
    for (const pairBody of Object.values(body.image_pairs)) {
      const pair = await resolveImage(state, pairBody, product.product, fetchImages);
      if (pair) product.imagePairs.push(pair);
      const sourcePath = pairBody.detailed?.image_path ?? pairBody.icon?.image_path ?? "";
      state.imageWrites.push({
        productId: product.productId,
        kind: "image_pairs",
        sourcePath,
        result: pair ? (hadImages ? "replaced" : "added") : "failed",
        at,
      });
    }
  }
}

function applyFields(product: CscartProduct, body: ProductUpdateBody): void {
  if (body.product !== undefined) product.product = body.product;
  if (body.product_code !== undefined) product.productCode = body.product_code;
  if (body.price !== undefined) product.priceCents = Math.round(body.price * 100);
  if (body.list_price !== undefined) product.listPriceCents = Math.round(body.list_price * 100);
  if (body.amount !== undefined) product.amount = Math.floor(body.amount);
  if (body.tracking !== undefined) product.tracking = body.tracking;
  if (body.status !== undefined) product.status = body.status;
  if (body.company_id !== undefined) product.companyId = body.company_id;
  if (body.category_ids !== undefined) product.categoryIds = body.category_ids;
  if (body.main_category !== undefined) product.mainCategory = body.main_category;
  else if (body.category_ids !== undefined && !body.category_ids.includes(product.mainCategory)) product.mainCategory = body.category_ids[0] ?? 0;
  if (body.tax_ids !== undefined) product.taxIds = body.tax_ids;
  if (body.full_description !== undefined) product.fullDescription = body.full_description;
  if (body.weight !== undefined) product.weight = body.weight;
}

async function createProduct(state: CscartState, request: SimRequest, options: ProductRouteOptions): Promise<SimResponse> {
  const body = readCscartBody(request, productCreateSchema);
  if (!body.ok) return body.response;
  const now = Math.floor(Date.now() / 1000);
  const product: CscartProduct = {
    productId: state.nextProductId++,
    productCode: "",
    product: body.value.product,
    priceCents: 0,
    listPriceCents: 0,
    amount: 0,
    tracking: "B",
    status: "A",
    companyId: state.settings.companyId,
    categoryIds: [],
    mainCategory: body.value.category_ids[0] ?? 0,
    taxIds: [],
    fullDescription: "",
    weight: 0,
    timestamp: now,
    updatedTimestamp: now,
    mainPair: null,
    imagePairs: [],
  };
  applyFields(product, body.value);
  await applyImages(state, product, body.value, options.fetchImages);
  state.products.set(product.productId, product);
  return json(201, { product_id: String(product.productId) });
}

async function updateProduct(state: CscartState, request: SimRequest, options: ProductRouteOptions): Promise<SimResponse> {
  const product = state.products.get(Number(request.params.id));
  if (!product) return notFound();
  const body = readCscartBody(request, productUpdateSchema);
  if (!body.ok) return body.response;
  applyFields(product, body.value);
  await applyImages(state, product, body.value, options.fetchImages);
  product.updatedTimestamp = nextTimestamp(product.updatedTimestamp);
  return json(200, { product_id: String(product.productId) });
}

export function registerProductRoutes(router: Router<Handler>, state: () => CscartState, options: ProductRouteOptions): void {
  router
    .get("/api/products", (request) => listProducts(state(), request))
    .get("/api/products/:id", (request) => {
      const product = state().products.get(Number(request.params.id));
      return product ? json(200, renderProduct(product, request.baseUrl)) : notFound();
    })
    .post("/api/products", (request) => createProduct(state(), request, options))
    .put("/api/products/:id", (request) => updateProduct(state(), request, options))
    // Static image files, as the shop's web server would serve them (no API auth).
    .get("/images/detailed/:bucket/:file", (request) => ({
      status: 200,
      bytes: { data: solidPng(`${request.params.bucket}/${request.params.file}`), contentType: "image/png" },
    }));
}
