/**
 * The list of module definitions, and everything derived from it: ids (validated wherever a module
 * name comes in: routes, job payloads, stored rows), slugs, queues, the schedules schema and its
 * defaults, and the catalog the dashboard shows (labels, colours). The app's registry is in
 * lib/sync/modules/index.ts; tests may build their own with extra modules.
 */
import { z } from "zod";
import { AppError } from "../../errors";
import { schedulesSchemaFor, type ModuleSchedule } from "../../settings/update-settings.schema";
import type { AnySyncModule } from "./define-sync-module";

/** What the browser needs to know about a module (plain data, passed down from the server). */
export type ModuleCatalogEntry = {
  id: string;
  slug: string;
  label: string;
  recordName: string;
  color: string;
  reimport: boolean;
  defaultSchedule: ModuleSchedule;
};

export function createModuleRegistry<const M extends readonly [AnySyncModule, ...AnySyncModule[]]>(modules: M) {
  type Id = M[number]["id"];
  for (const key of ["id", "slug", "queue"] as const) {
    const values = modules.map((module) => module[key]);
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated) throw new Error(`Two sync modules share the ${key} "${repeated}".`);
  }
  for (const module of modules) {
    if (module.reimport && !module.cursor.rewindTo) throw new Error(`Sync module ${module.id} offers re-import, but its cursor cannot rewind.`);
  }
  const ids = modules.map((module) => module.id) as unknown as readonly [Id, ...Id[]];
  const byId = new Map<string, M[number]>(modules.map((module) => [module.id, module]));
  const scheduled = modules as unknown as readonly { id: Id; defaultSchedule: ModuleSchedule }[];

  return {
    modules,
    ids,
    /** Accepts exactly the ids of the registered modules. */
    idSchema: z.enum(ids as unknown as [Id, ...Id[]], { error: (issue) => `"${String(issue.input)}" is not a sync module (${ids.join(", ")})` }),
    has(id: string): id is Id {
      return byId.has(id);
    },
    /** The module of an id from storage or a checked payload; an unknown id is a bug or a removed module. */
    get(id: string): M[number] {
      const module = byId.get(id);
      if (!module) throw new AppError("JOB_PAYLOAD_INVALID", `There is no sync module "${id}".`);
      return module;
    },
    bySlug(slug: string): M[number] | undefined {
      return modules.find((module) => module.slug === slug);
    },
    /** A module slug (URLs, the CLI) to its id. */
    slugSchema: z.string().transform((slug, ctx) => {
      const module = modules.find((candidate) => candidate.slug === slug);
      if (!module) {
        ctx.addIssue({ code: "custom", message: `"${slug}" is not a sync module (${modules.map((candidate) => candidate.slug).join(", ")})` });
        return z.NEVER;
      }
      return module.id as Id;
    }),
    schedulesSchema: schedulesSchemaFor(scheduled),
    defaultSchedules: Object.fromEntries(modules.map((module) => [module.id, module.defaultSchedule])) as Record<Id, ModuleSchedule>,
    reimportIds: modules.filter((module) => module.reimport).map((module) => module.id) as Id[],
    catalog: modules.map((module): ModuleCatalogEntry => ({
      id: module.id,
      slug: module.slug,
      label: module.label,
      recordName: module.recordName,
      color: module.color,
      reimport: Boolean(module.reimport),
      defaultSchedule: module.defaultSchedule,
    })),
  };
}

export type ModuleRegistry = ReturnType<typeof createModuleRegistry<readonly [AnySyncModule, ...AnySyncModule[]]>>;
