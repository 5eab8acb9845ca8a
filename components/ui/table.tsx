import { useTranslations } from "next-intl";
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A table that scrolls sideways on narrow screens instead of breaking the page. */
export function Table({ children, label, testId }: { children: ReactNode; label: string; testId?: string }) {
  return (
    // "relative" makes this box the containing block of absolutely placed children (sr-only
    // labels), so they are clipped here instead of widening the whole page on phones.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label} data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`whitespace-nowrap bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${className}`}
      {...props}
    />
  );
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`px-3 py-2 align-top text-slate-800 ${className}`} {...props} />;
}

/** Previous/next paging driven by opaque cursors: the server never counts or loads everything. */
export function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
  busy,
}: {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("pages")} className="mt-3 flex items-center justify-between gap-2 text-sm">
      <button
        type="button"
        onClick={onPrevious}
        disabled={page <= 1 || busy}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50"
      >
        {t("newer")}
      </button>
      <span className="text-slate-600" data-testid="page-number">
        {t("page", { page })}
      </span>
      <button type="button" onClick={onNext} disabled={!hasNext || busy} className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-50">
        {t("older")}
      </button>
    </nav>
  );
}
