import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getActor, getPasswordChangeActor } from "@/lib/auth/actor";
import { ChangePasswordForm } from "@/app/account/password/change-password-form";

export const dynamic = "force-dynamic";

/**
 * Choosing one's own password. Someone who signed in with the temporary password an
 * administrator gave them lands here and can do nothing else until they have; anyone signed in
 * may come here to change theirs.
 */
export default async function ChangePasswordPage() {
  const member = await getActor();
  const pending = member ? null : await getPasswordChangeActor();
  const actor = member ?? pending;
  if (!actor) redirect("/login");
  const [t, tc] = [await getTranslations("auth"), await getTranslations("common")];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col gap-4 p-6 md:pt-20">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{tc("appName")}</h1>
        <div className="flex items-center gap-2">
          <LanguageSwitch />
          <SignOutButton label={tc("signOut")} />
        </div>
      </div>
      <h2 className="text-lg font-semibold">{pending ? t("forcedChangeTitle") : t("changeTitle")}</h2>
      <p className="text-sm text-muted-foreground" data-testid={pending ? "forced-change" : undefined}>
        {pending ? t("forcedChangeBody", { name: actor.name }) : t("changeBody")}
      </p>
      <ChangePasswordForm />
      {member ? (
        <p className="text-sm">
          <Link href="/dashboard" className="text-primary hover:underline">
            {tc("backHome")}
          </Link>
        </p>
      ) : null}
    </main>
  );
}
