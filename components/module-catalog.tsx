"use client";

/**
 * The sync modules as the browser knows them (id, slug, label, colour, default schedule), handed
 * down once by the tenant layout from the server's module definitions, so no view keeps its own
 * list of modules.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { ModuleCatalogEntry } from "@/lib/sync/engine/module-registry";

export type ModuleCatalog = {
  modules: ModuleCatalogEntry[];
  /** The module's label; an id no longer defined (old runs) shows as it is. */
  labelOf(id: string): string;
  byId(id: string): ModuleCatalogEntry | undefined;
};

const ModuleCatalogContext = createContext<ModuleCatalog | null>(null);

export function ModuleCatalogProvider({ modules, children }: { modules: ModuleCatalogEntry[]; children: ReactNode }) {
  const catalog = useMemo<ModuleCatalog>(() => {
    const byId = new Map(modules.map((module) => [module.id, module]));
    return { modules, byId: (id) => byId.get(id), labelOf: (id) => byId.get(id)?.label ?? id };
  }, [modules]);
  return <ModuleCatalogContext.Provider value={catalog}>{children}</ModuleCatalogContext.Provider>;
}

export function useModuleCatalog(): ModuleCatalog {
  const catalog = useContext(ModuleCatalogContext);
  if (!catalog) throw new Error("useModuleCatalog needs a ModuleCatalogProvider (the tenant layout renders one).");
  return catalog;
}
