import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { parseRouteParam } from "@/lib/http/route-param";
import { findUsableReset } from "@/lib/users/password-reset";
import { ResetForm } from "@/app/(auth)/reset/[token]/reset-form";

export const dynamic = "force-dynamic";

/**
 * Where a reset link leads: the person it was issued for chooses a new password. Any link that
 * does not work (unknown, used, replaced by a newer one, expired, account disabled) gets the same
 * answer, which says what to do.
 */
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const token = parseRouteParam((await params).token);
  const reset = token ? await findUsableReset(token) : null;
  const [t, tc] = [await getTranslations("auth"), await getTranslations("common")];
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col gap-4 p-6 md:pt-20">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{tc("appName")}</h1>
        <LanguageSwitch />
      </div>
      <h2 className="text-lg font-semibold">{t("resetTitle")}</h2>
      {reset && token ? (
        <>
          <p className="text-sm text-muted-foreground" data-testid="reset-account">
            {t("resetFor", { name: reset.name, email: reset.email })}
          </p>
          <ResetForm token={token} />
        </>
      ) : (
        <p role="status" data-testid="reset-invalid" className="rounded-md bg-red-50 px-3 py-2 text-sm text-destructive">
          {t("resetInvalid")}
        </p>
      )}
    </main>
  );
}
