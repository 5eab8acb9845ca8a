"use client";

/**
 * A field that offers a remote's own values (a pick-list) and still takes a typed id: the select
 * lists the values by name with their id; "Type an id…" (or a value the list does not know) shows a
 * text field instead. Without a list (never read, or a remote not connected yet) it is a text field.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import type { PickOption } from "@/lib/pick-lists/pick-list-kinds";

const TYPED = "__typed__";

export function PickField({
  label,
  value,
  onChange,
  options,
  error,
  hint,
  placeholder,
  className,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly PickOption[];
  error?: string;
  hint?: string;
  placeholder?: string;
  className?: string;
  testId?: string;
}) {
  const t = useTranslations("pickLists");
  const known = options.some((option) => option.id === value);
  const [typed, setTyped] = useState(false);
  // A value the list does not know stays editable as typed (the list may also arrive later).
  const typing = typed || (value !== "" && !known);
  if (!options.length || typing) {
    return (
      <div className={className} data-testid={testId}>
        <TextField label={label} value={value} onChange={(event) => onChange(event.target.value)} error={error} hint={hint} placeholder={placeholder} />
        {options.length > 0 && (
          <button
            type="button"
            className="mt-1 text-xs text-brand-700 hover:underline"
            onClick={() => {
              setTyped(false);
              if (!known) onChange("");
            }}
          >
            {t("backToList")}
          </button>
        )}
      </div>
    );
  }
  return (
    <SelectField
      className={className}
      label={label}
      value={known ? value : ""}
      error={error}
      hint={hint}
      data-testid={testId}
      onChange={(event) => (event.target.value === TYPED ? setTyped(true) : onChange(event.target.value))}
    >
      <option value="">{t("choose")}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label === option.id ? option.id : t("option", { label: option.label, id: option.id })}
          {option.inactive ? ` ${t("inactive")}` : ""}
        </option>
      ))}
      <option value={TYPED}>{t("typeAnId")}</option>
    </SelectField>
  );
}
