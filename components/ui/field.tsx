/**
 * Form inputs that always carry a label and show their error beside the field (aria-linked), so
 * every input is reachable and explained for keyboard and screen-reader users alike.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

const INPUT = "mt-1 block w-full rounded-md border px-3 py-1.5 text-sm shadow-sm disabled:bg-slate-100 disabled:text-slate-500";

function borderFor(error?: string) {
  return error ? "border-red-400 focus:border-red-500" : "border-slate-300 focus:border-brand-500";
}

type FieldChrome = { label: ReactNode; hint?: ReactNode; error?: string; className?: string };

function FieldFrame({ id, label, hint, error, className = "", children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({ label, hint, error, className, ...input }: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${INPUT} ${borderFor(error)}`}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({ label, hint, error, className, children, ...select }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${INPUT} bg-white ${borderFor(error)}`}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField({ label, hint, error, className, ...textarea }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${INPUT} ${borderFor(error)}`}
        {...textarea}
      />
    </FieldFrame>
  );
}

export function CheckboxField({ label, hint, error, className = "", ...input }: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const id = useId();
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          aria-describedby={describedBy(id, hint, error)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
          {...input}
        />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} className="ml-6 mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="ml-6 mt-1 text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level message: what went wrong as a whole, or that the save worked. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error)
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
        {error}
      </p>
    );
  if (success)
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="form-success">
        {success}
      </p>
    );
  return null;
}
