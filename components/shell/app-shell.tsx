import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitch, type SaveLocale } from "@/components/shell/language-switch";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { localizedPair } from "@/lib/i18n/localized";

type ShellUser = { name: string; role: string; centreZh: string; centreEn: string; centreCode: string };

export async function AppShell({
  user,
  nav,
  headerExtra,
  saveLocale,
  children,
}: {
  user: ShellUser;
  nav: { href: string; key: string }[];
  headerExtra?: React.ReactNode;
  /** Remembers the signed-in user's language (a server action bound in app/). */
  saveLocale: SaveLocale;
  children: React.ReactNode;
}) {
  const t = await getTranslations("common");
  const tApi = await getTranslations("api.tokens");
  const locale = await getLocale();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-border bg-card px-4 py-2">
        <Link href="/dashboard" className="font-semibold text-primary">
          {t("appName")}
        </Link>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {headerExtra}
          <span data-testid="current-user">
            <span className="font-medium">{user.name}</span>
            <span className="text-muted-foreground">
              {" "}
              · {t(`roles.${user.role}`)} · {localizedPair(user.centreZh, user.centreEn, locale)}
            </span>
          </span>
          <Link href="/account/tokens" prefetch={false} className="text-primary hover:underline" data-testid="api-tokens-link">
            {tApi("title")}
          </Link>
          <LanguageSwitch saveLocale={saveLocale} />
          <SignOutButton label={t("signOut")} />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label={t("mainNav")} className="border-b border-border bg-card md:w-52 md:border-b-0 md:border-r">
          <NavLinks items={nav.map((n) => ({ href: n.href, label: t(`nav.${n.key}`) }))} />
        </nav>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
