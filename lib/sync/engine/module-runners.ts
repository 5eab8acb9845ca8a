/** The module implementations, by module name. Each runs one pass for one tenant. */
import type { SyncJobPayload } from "../../jobs/queues";
import type { SyncModuleName } from "../../settings/defaults";

export type ModuleRunContext = {
  tenantId: string;
  runId: string;
  trigger: SyncJobPayload["trigger"];
  itemIds?: string[];
};

export type ModuleRunner = (ctx: ModuleRunContext) => Promise<void>;

export const MODULE_RUNNERS: Partial<Record<SyncModuleName, ModuleRunner>> = {};
