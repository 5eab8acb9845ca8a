"use client";

/**
 * Confirmation before anything destructive or far-reaching. A native <dialog> opened modally:
 * focus moves inside, Escape cancels, and the page behind cannot be clicked.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  confirmVariant = "danger",
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      aria-labelledby="confirm-title"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      data-testid="confirm-dialog"
    >
      {open && (
        <div className="p-5">
          <h2 id="confirm-title" className="text-lg font-semibold">
            {title}
          </h2>
          <div className="mt-2 space-y-2 text-sm text-slate-700">{children}</div>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} disabled={busy}>
              {t("cancel")}
            </Button>
            <Button variant={confirmVariant} onClick={onConfirm} disabled={busy} autoFocus>
              {busy ? t("working") : confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
