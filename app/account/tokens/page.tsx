import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listOwnTokens, tokenStudyOptions } from "@/lib/api/queries/tokens";
import { TOKEN_EXPIRY_DAYS } from "@/lib/api/commands/create-token";
import { getActor } from "@/lib/auth/actor";
import { localizedPair } from "@/lib/i18n/localized";
import { addDays, networkToday } from "@/lib/time/network-day";
import { formatNetworkInstant } from "@/lib/time/network-instant";
import { CreateTokenForm } from "@/app/account/tokens/_components/create-token-form";
import { RevokeTokenButton } from "@/app/account/tokens/_components/revoke-token-button";

export const dynamic = "force-dynamic";

/**
 * The person's personal access tokens for the REST API (/api/v1): made here (the secret shown
 * once), listed with their prefix, access, studies, expiry and last use, revoked here.
 */
export default async function ApiTokensPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const [t, tc, locale] = [await getTranslations("api.tokens"), await getTranslations("common"), await getLocale()];
  const [tokens, studies] = await Promise.all([listOwnTokens(actor), tokenStudyOptions(actor)]);
  const codeOf = new Map(studies.map((s) => [s.id, s.code]));
  const today = networkToday();
  const stateOf = (tok: (typeof tokens)[number]) => (tok.revokedAt ? "revoked" : tok.expired ? "expired" : "active");
  const curlHost = (process.env.NEXTAUTH_URL ?? "").replace(/\/$/, "") || "https://portal.example";
  return (
    <main className="mx-auto flex min-h-screen max-w-5xl flex-col gap-6 p-6">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{tc("appName")}</h1>
        <div className="flex items-center gap-2">
          <LanguageSwitch />
          <SignOutButton label={tc("signOut")} />
        </div>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
        <p className="text-sm">
          <a href="/api/v1/openapi.json" className="text-primary hover:underline">
            {t("docs")}
          </a>
        </p>
      </section>
      <section className="space-y-2" aria-labelledby="tokens-list">
        <h3 id="tokens-list" className="font-medium">
          {t("list")}
        </h3>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="token-list">
              <THead>
                <TR>
                  <TH>{t("name")}</TH>
                  <TH>{t("prefix")}</TH>
                  <TH>{t("access")}</TH>
                  <TH>{t("studies")}</TH>
                  <TH>{t("expires")}</TH>
                  <TH>{t("lastUsed")}</TH>
                  <TH>{t("state")}</TH>
                  <TH>
                    <span className="sr-only">{t("revoke")}</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {tokens.map((tok) => {
                  const state = stateOf(tok);
                  return (
                    <TR key={tok.id}>
                      <TD>{tok.name}</TD>
                      <TD className="font-mono text-xs">{tok.prefix}…</TD>
                      <TD>{t(`accessLevels.${tok.access}`)}</TD>
                      <TD>{tok.studyIds ? tok.studyIds.map((id) => codeOf.get(id) ?? `#${id}`).join(", ") : t("allStudies")}</TD>
                      <TD className="whitespace-nowrap">{formatNetworkInstant(tok.expiresAt)}</TD>
                      <TD className="whitespace-nowrap">{tok.lastUsedAt ? formatNetworkInstant(tok.lastUsedAt) : t("never")}</TD>
                      <TD>{t(state)}</TD>
                      <TD>{state === "active" ? <RevokeTokenButton tokenId={tok.id} name={tok.name} /> : null}</TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        )}
      </section>
      <section className="max-w-md space-y-2" aria-labelledby="token-create">
        <h3 id="token-create" className="font-medium">
          {t("create")}
        </h3>
        <CreateTokenForm
          studies={studies.map((s) => ({ id: s.id, code: s.code, title: localizedPair(s.titleZh, s.titleEn, locale) }))}
          minDay={addDays(today, Number(TOKEN_EXPIRY_DAYS.earliest))}
          maxDay={addDays(today, Number(TOKEN_EXPIRY_DAYS.latest))}
          defaultDay={addDays(today, 90)}
          curlHost={curlHost}
        />
      </section>
      <p className="text-sm">
        <Link href="/dashboard" className="text-primary hover:underline">
          {tc("backHome")}
        </Link>
      </p>
    </main>
  );
}
