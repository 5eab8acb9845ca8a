"use client";

/**
 * The setup checklist (lib/setup/get-setup-status.ts): the overview shows it instead of the module
 * cards until the tenant is set up. Each step has its state, what is there or what to do, and a
 * link; the dry-run and switch-on steps carry each module's controls.
 */
import Link from "next/link";
import { useTenantQuery, type Jsonify } from "@/components/tenant-query";
import { Card } from "@/components/ui/layout";
import { QueryView } from "@/components/ui/states";
import type { SetupStatus, SetupStepId } from "@/lib/setup/get-setup-status";
import { ModuleSetupRow } from "./module-setup-row";

export type SetupData = Jsonify<SetupStatus>;

const TEXT = {
  title: "Set up your link",
  description: "Six steps before anything is sent. Nothing runs until you switch a module on, and each module can only be switched on once its own checks hold.",
  loading: "Loading the checklist…",
  done: "Done",
  open: "To do",
  go: "Go there",
  steps: {
    cscart: "Connect your CS-Cart shop",
    visma: "Connect Visma.net",
    orderStart: "Choose where order export starts",
    mapping: "Map your taxes and categories",
    dryRun: "Run a dry run and read what it would do",
    modules: "Switch modules on",
  } satisfies Record<SetupStepId, string>,
};

export function SetupChecklist({ tenantSlug, canEdit }: { tenantSlug: string; canEdit: boolean }) {
  const query = useTenantQuery<SetupData>(tenantSlug, "setup", undefined, { refetchInterval: 5_000 });
  return (
    <Card title={TEXT.title} description={TEXT.description} testId="setup-checklist">
      <QueryView query={query} loadingLabel={TEXT.loading}>
        {(setup) => (
          <ol className="space-y-3">
            {setup.steps.map((step, index) => (
              <li key={step.id} id={step.id === "dryRun" ? "dry-run" : step.id} data-testid={`setup-step-${step.id}`} data-done={step.done}
                className={`rounded-md border p-3 ${step.done ? "border-green-200 bg-green-50/50" : "border-slate-200"}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <div className="flex items-center gap-2 font-medium">
                      <span aria-hidden className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${step.done ? "bg-green-600 text-white" : "bg-slate-200 text-slate-700"}`}>
                        {step.done ? "✓" : index + 1}
                      </span>
                      {TEXT.steps[step.id]}
                      <span className="sr-only">({step.done ? TEXT.done : TEXT.open})</span>
                    </div>
                    <p className="ml-8 mt-1 text-sm text-slate-600" data-testid="setup-step-detail">{step.detail}</p>
                  </div>
                  {step.id !== "dryRun" && step.id !== "modules" && (
                    <Link href={step.href} className="text-sm text-brand-700 hover:underline">{TEXT.go} →</Link>
                  )}
                </div>
                {(step.id === "dryRun" || step.id === "modules") && (
                  <div className="ml-8 mt-2 divide-y divide-slate-100">
                    {setup.modules.map((module) => (
                      <ModuleSetupRow key={module.module} tenantSlug={tenantSlug} canEdit={canEdit} status={module} part={step.id === "dryRun" ? "dryRun" : "switch"} />
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </Card>
  );
}
