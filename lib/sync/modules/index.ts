/**
 * The sync modules: the one list. A module is its definition file (and its steps); listing it here
 * is all it takes for the engine, the scheduler, the queues and the dashboard to know it.
 * See "Adding a module" in docs/architecture.md.
 */
import { createModuleRegistry } from "../engine/module-registry";
import { customerImport } from "./customer-import/definition";
import { orderExport } from "./order-export/definition";
import { orderProgress } from "./order-progress/definition";
import { productImport } from "./product-import/definition";
import { stockSync } from "./stock-sync/definition";

const DEFINITIONS = [orderExport, orderProgress, productImport, customerImport, stockSync] as const;

export const SYNC_MODULES = createModuleRegistry(DEFINITIONS);

/** A registered module's id, as stored in runs, ledger rows, logs, cursors and mappings. */
export type ModuleId = (typeof DEFINITIONS)[number]["id"];
