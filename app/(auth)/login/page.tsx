import { Suspense } from "react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor, getPasswordChangeActor } from "@/lib/auth/actor";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { DemoAccountsPanel } from "@/app/(auth)/login/demo-accounts-panel";
import { LoginForm } from "@/app/(auth)/login/login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getActor()) redirect("/dashboard");
  // Signed in with a temporary password: choosing one's own is the only way on.
  if (await getPasswordChangeActor()) redirect("/account/password");
  const passwordReset = (await searchParams).reset === "1";
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
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
      <Suspense fallback={null}>
        <DemoAccountsPanel />
      </Suspense>
    </main>
  );
}
