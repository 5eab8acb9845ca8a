"use client";

/**
 * The dashboard's messages reach the browser as a script of their own, one per language, that the
 * browser caches, not inside every page's HTML: they were three quarters of it (some 70 KB a page,
 * serialised, escaped and compressed again on each request). Each language's module
 * (english-messages.tsx, dutch-messages.tsx) imports its file, so a page loads only the one it renders.
 */
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

export type MessagesProviderProps = { timeZone: string; children: ReactNode };

export function messagesProvider(locale: Locale, messages: Messages) {
  return function MessagesProvider({ timeZone, children }: MessagesProviderProps) {
    return (
      <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
        {children}
      </NextIntlClientProvider>
    );
  };
}
