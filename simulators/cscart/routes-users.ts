/** /api/users (customers, user_type C) and /api/categories. */
import { json, type Handler, type SimRequest, type SimResponse } from "../shared/http";
import type { Router } from "../shared/router";
import { clampToLastPage, cscartError, integerParam, listParams, listValues, notFound, pageOf, readCscartBody, readPaging } from "./api";
import { renderCategory, renderUser } from "./render";
import { userCreateSchema, userUpdateSchema, type UserUpdateBody } from "./schemas";
import type { CscartAddress, CscartState, CscartUser } from "./state";

function listUsers(state: CscartState, request: SimRequest): SimResponse {
  const query = request.query;
  const types = listValues(query, "user_type");
  const email = query.get("email")?.trim().toLowerCase();
  const userId = integerParam(query, "user_id");
  const matching = [...state.users.values()].filter(
    (user) =>
      (types.length === 0 || types.includes(user.userType)) &&
      (!email || user.email.toLowerCase().includes(email)) &&
      (userId === undefined || user.userId === userId),
  );
  const paging = clampToLastPage(readPaging(query), matching.length);
  return json(200, { users: pageOf(matching, paging).map(renderUser), params: listParams(paging, matching.length) });
}

function emailTaken(state: CscartState, email: string, exceptUserId?: number): boolean {
  const wanted = email.toLowerCase();
  for (const user of state.users.values()) if (user.userId !== exceptUserId && user.email.toLowerCase() === wanted) return true;
  return false;
}

function applyAddress(address: CscartAddress, body: UserUpdateBody, prefix: "b_" | "s_"): void {
  const fields = [
    ["firstname", "firstname"],
    ["lastname", "lastname"],
    ["address", "address"],
    ["address_2", "address2"],
    ["city", "city"],
    ["zipcode", "zipcode"],
    ["country", "country"],
    ["phone", "phone"],
  ] as const;
  for (const [source, target] of fields) {
    const value = body[`${prefix}${source}`];
    if (value !== undefined) address[target] = value;
  }
}

function applyUserFields(user: CscartUser, body: UserUpdateBody): void {
  if (body.email !== undefined) user.email = body.email;
  if (body.user_type !== undefined) user.userType = body.user_type;
  if (body.company_id !== undefined) user.companyId = body.company_id;
  if (body.status !== undefined) user.status = body.status;
  if (body.firstname !== undefined) user.firstname = body.firstname;
  if (body.lastname !== undefined) user.lastname = body.lastname;
  if (body.company !== undefined) user.company = body.company;
  if (body.phone !== undefined) user.phone = body.phone;
  if (body.user_login !== undefined) user.userLogin = body.user_login;
  applyAddress(user.billing, body, "b_");
  applyAddress(user.shipping, body, "s_");
}

const emptyAddress = (): CscartAddress => ({
  firstname: "",
  lastname: "",
  address: "",
  address2: "",
  city: "",
  zipcode: "",
  country: "",
  countryDescr: "",
  state: "",
  phone: "",
});

function createUser(state: CscartState, request: SimRequest): SimResponse {
  const body = readCscartBody(request, userCreateSchema);
  if (!body.ok) return body.response;
  if (emailTaken(state, body.value.email)) return cscartError(400, "Bad Request: The username or email you have chosen already exists.");
  const userId = state.nextUserId++;
  const user: CscartUser = {
    userId,
    email: body.value.email,
    userType: body.value.user_type,
    companyId: body.value.company_id,
    status: body.value.status,
    firstname: "",
    lastname: "",
    company: "",
    phone: "",
    userLogin: `user_${userId}`,
    timestamp: Math.floor(Date.now() / 1000),
    billing: emptyAddress(),
    shipping: emptyAddress(),
  };
  applyUserFields(user, body.value);
  state.users.set(userId, user);
  return json(201, { user_id: String(userId), profile_id: String(userId) });
}

function updateUser(state: CscartState, request: SimRequest): SimResponse {
  const user = state.users.get(Number(request.params.id));
  if (!user) return notFound();
  const body = readCscartBody(request, userUpdateSchema);
  if (!body.ok) return body.response;
  if (body.value.email !== undefined && emailTaken(state, body.value.email, user.userId)) {
    return cscartError(400, "Bad Request: The username or email you have chosen already exists.");
  }
  applyUserFields(user, body.value);
  return json(200, { user_id: String(user.userId) });
}

export function registerUserRoutes(router: Router<Handler>, state: () => CscartState): void {
  router
    .get("/api/users", (request) => listUsers(state(), request))
    .get("/api/users/:id", (request) => {
      const user = state().users.get(Number(request.params.id));
      return user ? json(200, renderUser(user)) : notFound();
    })
    .post("/api/users", (request) => createUser(state(), request))
    .put("/api/users/:id", (request) => updateUser(state(), request))
    .get("/api/categories", (request) => {
      const categories = state().categories;
      const paging = clampToLastPage(readPaging(request.query), categories.length);
      return json(200, { categories: pageOf(categories, paging).map(renderCategory), params: listParams(paging, categories.length) });
    })
    .get("/api/categories/:id", (request) => {
      const category = state().categories.find((candidate) => candidate.categoryId === Number(request.params.id));
      return category ? json(200, renderCategory(category)) : notFound();
    });
}
