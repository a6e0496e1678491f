import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { QueryProvider } from "@/components/shell/query-provider";
import { NETWORK_TIME_ZONE } from "@/lib/time/network-day";
import "@/app/globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  // public/: the portal's icons, and no indexing (a private portal; public/robots.txt says so to crawlers).
  const icons = { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "16x16 32x32 48x48" }], apple: "/apple-touch-icon.png" };
  return { title: t("appName"), description: t("appTagline"), icons, robots: { index: false, follow: false } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: a prerendered one would carry scripts without the
  // request's CSP nonce (proxy.ts), and the browser would refuse to run them.
  await connection();
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={NETWORK_TIME_ZONE}>
          <QueryProvider>{children}</QueryProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
