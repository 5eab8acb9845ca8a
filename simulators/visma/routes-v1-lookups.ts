/**
 * The company's lookups that a connector checks its defaults against and offers in pick-lists
 * (api-evangelist/visma branch, creditterm, account, vatcategory and warehouse OpenAPIs):
 * GET /v1/branch[/{branchNumber}] (BranchDto), GET /v1/creditTerm (a BasePaginationDto of
 * CreditTermDto, filter termsId), GET /v1/account[/{accountCd}] (AccountDto), GET /v1/vatCategory
 * (a plain list of VatCategoryDto; no paging parameters) and GET /v1/warehouse (WarehouseDto,
 * paged with pageNumber/pageSize and metadata like the other v1 lists).
 */
import { json, type Handler } from "../shared/http";
import type { Router } from "../shared/router";
import { ippException } from "./errors";
import type { VismaLookups, VismaState } from "./state";
import { pageV1, queryFlag, queryValue, withMetadata } from "./v1-query";

/** The warehouse list's page size cap (unconfirmed; the v1 lists' usual one). */
const WAREHOUSE_MAX_PAGE_SIZE = 1000;

function renderBranch(number: string, branch: VismaLookups["branches"][string], index: number): Record<string, unknown> {
  return { branchId: index + 1, number, name: branch.name, organizationId: 1, isMainBranch: index === 0, isActive: branch.isActive };
}

function renderAccount(accountCd: string, account: VismaLookups["accounts"][string], index: number): Record<string, unknown> {
  return {
    accountID: 1000 + index,
    accountCD: accountCd,
    accountClass: account.type === "Asset" ? "ASSET" : account.type.toUpperCase(),
    type: account.type,
    active: account.active,
    description: account.description,
    useDefaultSub: false,
    postOption: "Summary",
    cashAccount: false,
    controlAccountModule: account.type === "Asset" && accountCd.startsWith("15") ? "AR" : null,
  };
}

export function registerLookupRoutes(router: Router<Handler>, state: () => VismaState): void {
  router
    .get("/v1/branch", () =>
      json(
        200,
        Object.entries(state().lookups.branches).map(([number, branch], index) => renderBranch(number, branch, index)),
      ),
    )
    .get("/v1/branch/:branchNumber", (request) => {
      const entries = Object.entries(state().lookups.branches);
      const index = entries.findIndex(([number]) => number === request.params.branchNumber);
      if (index < 0) return ippException(404, `Branch '${request.params.branchNumber}' not found.`);
      const [number, branch] = entries[index]!;
      return json(200, renderBranch(number, branch, index));
    })
    .get("/v1/creditTerm", (request) => {
      const termsId = queryValue(request.query, "termsId");
      const records = Object.entries(state().lookups.creditTerms)
        .filter(([id]) => !termsId || id === termsId)
        .map(([id, terms]) => ({ termsId: id, description: terms.description, visibleTo: terms.visibleTo, dueDateType: "N", dueDay1: Number(id) || 0 }));
      return json(200, { pageNumber: 1, pageSize: records.length, totalCount: records.length, records });
    })
    .get("/v1/account", (request) => {
      const activeOnly = queryFlag(request.query, "active");
      const accounts = Object.entries(state().lookups.accounts)
        .map(([accountCd, account], index) => ({ account, dto: renderAccount(accountCd, account, index) }))
        .filter(({ account }) => !activeOnly || account.active)
        .map(({ dto }) => dto);
      return json(200, accounts);
    })
    .get("/v1/vatCategory", () =>
      json(
        200,
        Object.entries(state().lookups.vatCodes).map(([rate, code]) => ({
          vatCategoryId: code.id,
          description: code.description,
          active: true,
          excludeListedTaxes: false,
          vatCategoryLines: [{ vatId: `MVA${rate}`, description: code.description, type: "Vat", vatRates: [{ vatRate: Number(rate), groupType: "Output" }] }],
        })),
      ),
    )
    .get("/v1/warehouse", (request) => {
      const activeText = queryValue(request.query, "active");
      const all = state().lookups.warehouses.map((warehouseID, index) => ({
        warehouseID,
        description: index === 0 ? "Hovedlager" : `Lager ${warehouseID}`,
        active: true,
        branch: { number: "1", name: state().lookups.branches["1"]?.name ?? "" },
      }));
      const records = activeText === undefined ? all : all.filter((warehouse) => String(warehouse.active) === activeText.toLowerCase());
      const paged = pageV1(records, request.query, WAREHOUSE_MAX_PAGE_SIZE);
      if ("error" in paged) return paged.error;
      return json(
        200,
        paged.page.map((warehouse) => withMetadata(warehouse, records.length, WAREHOUSE_MAX_PAGE_SIZE)),
      );
    })
    .get("/v1/account/:accountCd", (request) => {
      const entries = Object.entries(state().lookups.accounts);
      const index = entries.findIndex(([accountCd]) => accountCd === request.params.accountCd);
      if (index < 0) return ippException(404, `Account '${request.params.accountCd}' not found.`);
      const [accountCd, account] = entries[index]!;
      return json(200, renderAccount(accountCd, account, index));
    });
}
