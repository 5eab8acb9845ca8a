"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/field";

/** A new password typed twice, as choosing one (an invitation or reset link) and changing one ask for it. */
export function useNewPassword() {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    confirm,
    mismatch,
    setPassword,
    setConfirm,
    /** Whether the two agree; marks the second field when they do not. */
    confirmed(): boolean {
      setMismatch(password !== confirm);
      return password === confirm;
    },
    clear() {
      setPassword("");
      setConfirm("");
    },
  };
}

export type NewPassword = ReturnType<typeof useNewPassword>;

/** The two fields; `t` is the form's own wording of `password`, `confirm` and `mismatch`. */
export function NewPasswordFields({ state, t, error }: { state: NewPassword; t: (key: "password" | "confirm" | "mismatch") => string; error?: string }) {
  return (
    <>
      <TextField
        label={t("password")}
        type="password"
        autoComplete="new-password"
        value={state.password}
        onChange={(event) => state.setPassword(event.target.value)}
        error={error}
      />
      <TextField
        label={t("confirm")}
        type="password"
        autoComplete="new-password"
        value={state.confirm}
        onChange={(event) => state.setConfirm(event.target.value)}
        error={state.mismatch ? t("mismatch") : undefined}
      />
    </>
  );
}
