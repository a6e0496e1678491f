import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { ROLES } from "@/lib/authz/permissions";
import { localizedPair } from "@/lib/i18n/localized";
import { routeId } from "@/lib/http/route-param";
import { networkDayOf } from "@/lib/time/network-day";
import { formatNetworkInstant } from "@/lib/time/network-instant";
import { grantableRoles, mayManageUser } from "@/lib/users/management";
import { getUser, openResetLink } from "@/lib/users/queries/users";
import { DisableForm } from "@/app/(portal)/users/[id]/_components/disable-form";
import { ResetLinkForm } from "@/app/(portal)/users/[id]/_components/reset-link-form";
import { RoleForm } from "@/app/(portal)/users/[id]/_components/role-form";

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = routeId((await params).id);
  const actor = await getActor();
  if (!actor || !can(actor, "user.read")) notFound();
  const user = await getUser(actor, id);
  if (!user) notFound();
  const created = (await searchParams).created === "1";
  const [t, tc, locale] = [await getTranslations("users"), await getTranslations("common"), await getLocale()];
  const isSelf = user.id === actor.id;
  const manageable = can(actor, "user.manage") && mayManageUser(actor, user);
  const roles = grantableRoles(actor, ROLES, user.centrePath);
  const openLink = manageable ? await openResetLink(actor, user.id) : null;

  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/users" className="text-primary hover:underline">
          {t("title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        {user.disabled ? <Badge variant="warning">{t("disabled")}</Badge> : <Badge variant="success">{tc("active")}</Badge>}
        {user.mustChangePassword ? (
          <Badge variant="warning" data-testid="user-temporary-password">
            {t("temporaryPassword")}
          </Badge>
        ) : null}
      </div>
      {created ? (
        <p role="status" data-testid="user-created" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("created")}
        </p>
      ) : null}
      <Card>
        <CardContent className="pt-4">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">{t("email")}</dt>
              <dd className="break-all font-medium">{user.email}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t("role")}</dt>
              <dd className="font-medium" data-testid="user-role">
                {tc(`roles.${user.role}`)}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t("homeCentre")}</dt>
              <dd className="font-medium">
                <Link href={`/centres/${user.centreCode}`} className="text-primary hover:underline">
                  {localizedPair(user.centreNameZh, user.centreNameEn, locale)}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t("since")}</dt>
              <dd className="font-medium">{networkDayOf(user.createdAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      {manageable ? (
        <>
          <Section title={t("roleTitle")}>
            <RoleForm userId={user.id} current={user.role} roles={roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))} />
          </Section>
          <Section title={user.disabled ? t("enableTitle") : t("disableTitle")}>
            <DisableForm userId={user.id} disabled={user.disabled} />
          </Section>
          <Section title={t("resetTitle")}>
            {openLink ? (
              <p className="mb-3 text-sm" data-testid="reset-link-open">
                {t("resetLinkOpen", { issuedBy: openLink.issuedByName, issuedAt: formatNetworkInstant(openLink.issuedAt), expiresAt: formatNetworkInstant(openLink.expiresAt) })}
              </p>
            ) : null}
            <ResetLinkForm userId={user.id} hasOpenLink={openLink !== null} />
          </Section>
        </>
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="user-readonly">
          {isSelf ? t("selfNote") : can(actor, "user.manage") ? t("adminOnlyNote") : t("readOnlyNote")}
          {isSelf ? (
            <>
              {" "}
              <Link href="/account/password" className="text-primary hover:underline">
                {t("changeOwnPassword")}
              </Link>
            </>
          ) : null}
        </p>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
