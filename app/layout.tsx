import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ComponentType, ReactNode } from "react";
import { DutchMessages } from "@/components/intl/dutch-messages";
import { EnglishMessages } from "@/components/intl/english-messages";
import type { MessagesProviderProps } from "@/components/intl/messages-provider";
import { Providers } from "@/components/providers";
import type { Locale } from "@/lib/i18n/locales";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("title"), description: t("description") };
}

/** The client components' messages, one script per language (components/intl/messages-provider.tsx). */
const MESSAGES_PROVIDER: Record<Locale, ComponentType<MessagesProviderProps>> = { en: EnglishMessages, nl: DutchMessages };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  const MessagesProvider = MESSAGES_PROVIDER[locale];
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <MessagesProvider timeZone={timeZone}>
          <Providers>{children}</Providers>
        </MessagesProvider>
      </body>
    </html>
  );
}
