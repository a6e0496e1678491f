import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor, getPasswordChangeActor } from "@/lib/auth/actor";
import { demoAccountsIfLoaded } from "@/seed/demo-accounts";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { LoginForm } from "@/app/(auth)/login/login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getActor()) redirect("/dashboard");
  // Signed in with a temporary password: choosing one's own is the only way on.
  if (await getPasswordChangeActor()) redirect("/account/password");
  const passwordReset = (await searchParams).reset === "1";
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  const demo = await demoAccountsIfLoaded();
  return (
    <main className="mx-auto flex min-h-screen max-w-5xl flex-col gap-8 p-6 md:flex-row md:items-start md:pt-20">
      <section className="w-full max-w-sm space-y-4">
        <div className="flex items-center justify-between">
          <h1 className="text-xl font-semibold">{tc("appName")}</h1>
          <LanguageSwitch />
        </div>
        <p className="text-sm text-muted-foreground">{tc("appTagline")}</p>
        {passwordReset ? (
          <p role="status" data-testid="password-reset-done" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
            {t("resetDone")}
          </p>
        ) : null}
        <LoginForm />
      </section>
      {demo ? (
        <section className="flex-1 rounded-lg border border-border bg-card p-4" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts" className="font-semibold">
            {t("demoAccounts")}
          </h2>
          <p className="mb-2 text-sm text-muted-foreground">{t("demoPassword", { password: demo.password })}</p>
          <ul className="space-y-1 text-sm">
            {demo.accounts.map((a) => (
              <li key={a.email} className="flex flex-wrap gap-x-2">
                <code className="font-mono">{a.email}</code>
                <span className="text-muted-foreground">
                  {tc(`roles.${a.role}`)} · {a.centreCode}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
