"use client";

import { useTranslations } from "next-intl";
import type { previewOrderMapping } from "@/lib/mappings/preview-order-mapping";
import { useRunLogText } from "@/components/i18n";
import { Pairs, PreviewCard, PreviewProblem } from "./preview-card";

type Preview = Awaited<ReturnType<typeof previewOrderMapping>>;

/** Maps one real shop order with the draft and shows the Visma.net sales order it becomes. */
export function OrderMappingPreview({ tenantSlug, canEdit, buildMapping }: { tenantSlug: string; canEdit: boolean; buildMapping: () => unknown | null }) {
  const t = useTranslations("orderMapping.preview");
  const logText = useRunLogText();
  return (
    <PreviewCard<Preview>
      tenantSlug={tenantSlug}
      canEdit={canEdit}
      kind="order"
      namespace="orderMapping.preview"
      inputKey="orderId"
      buildMapping={buildMapping}
    >
      {(data) => (
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("order")}</h3>
            <Pairs values={data.order} testId="preview-order" />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("salesOrder")}</h3>
            {data.salesOrder ? (
              <div className="space-y-2">
                <Pairs
                  testId="preview-sales-order"
                  values={{
                    type: data.salesOrder.type,
                    customer: data.salesOrder.customer,
                    description: data.salesOrder.description,
                    note: data.salesOrder.note,
                    currencyId: data.salesOrder.currencyId,
                    shipViaId: data.salesOrder.shipping.shipViaId,
                    freight: data.salesOrder.freight,
                    paymentSettings: data.salesOrder.paymentSettings,
                  }}
                />
                <ul className="space-y-1 text-sm" data-testid="preview-lines">
                  {data.salesOrder.orderLines.map((line, index) => (
                    <li key={index} className="font-mono text-xs">
                      {t("line", {
                        quantity: line.quantity,
                        item: line.inventoryId,
                        price: line.unitPrice,
                        discount: line.discountAmount,
                        warehouse: line.warehouseId ?? "none",
                      })}
                    </li>
                  ))}
                </ul>
                {data.warnings.length > 0 && (
                  <ul className="list-disc pl-5 text-xs text-amber-800">
                    {data.warnings.map((warning, index) => (
                      <li key={index}>{logText(warning)}</li>
                    ))}
                  </ul>
                )}
              </div>
            ) : (
              <PreviewProblem problem={data.problem} />
            )}
          </div>
        </div>
      )}
    </PreviewCard>
  );
}
