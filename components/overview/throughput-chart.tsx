/**
 * Records synced per hour as stacked bars (one colour per module, from its definition), drawn as
 * plain SVG so it needs no chart library and scales to any width. The totals are also given as
 * text for screen readers.
 */
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/format";
import { useModuleLabel } from "@/components/i18n";
import { useModuleCatalog } from "@/components/module-catalog";
import type { HourBucket } from "@/lib/overview/hourly-throughput";

const HEIGHT = 120;

export function ThroughputChart({ buckets }: { buckets: HourBucket[] }) {
  const { modules } = useModuleCatalog();
  const t = useTranslations("chart");
  const format = useFormat();
  const moduleLabel = useModuleLabel();
  const peak = Math.max(1, ...buckets.map((bucket) => bucket.total));
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  const width = buckets.length * 10;
  const summary = t("summary", { total, hours: buckets.length, peak: peak === 1 && total === 0 ? 0 : peak });
  const dayMarks = buckets.map((bucket, index) => ({ index, date: new Date(bucket.hour) })).filter(({ date }) => date.getHours() === 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + 14}`}
        preserveAspectRatio="none"
        className="h-40 w-full"
        role="img"
        aria-label={summary}
        data-testid="throughput-chart"
      >
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} stroke="#cbd5e1" strokeWidth={0.5} />
        {buckets.map((bucket, index) => {
          let y = HEIGHT;
          return (
            <g key={bucket.hour}>
              <title>{t("bar", { hour: format.hour(new Date(bucket.hour)), total: bucket.total })}</title>
              {modules.map((module) => {
                const value = bucket.byModule[module.id] ?? 0;
                if (!value) return null;
                const height = (value / peak) * (HEIGHT - 4);
                y -= height;
                return <rect key={module.id} x={index * 10 + 1} y={y} width={8} height={height} fill={module.color} />;
              })}
            </g>
          );
        })}
        {dayMarks.map(({ index, date }) => (
          <text key={index} x={index * 10} y={HEIGHT + 11} fontSize={8} fill="#64748b">
            {format.day(date)}
          </text>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
        <span>{summary}</span>
        {modules.map((module) => (
          <span key={module.id} className="inline-flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: module.color }} aria-hidden />
            {moduleLabel(module.id)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
