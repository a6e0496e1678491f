import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { ROLES } from "@/lib/authz/permissions";
import { param } from "@/lib/reads/paging";
import { localized } from "@/lib/i18n/localized";
import { homeCentreOptions } from "@/lib/users/queries/users";
import { rolesGrantableSomewhere } from "@/lib/users/management";
import { CreateUserForm } from "@/app/(portal)/users/_components/create-user-form";

export default async function NewUserPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "user.manage")) notFound();
  const sp = await searchParams;
  const [t, tc, locale] = [await getTranslations("users"), await getTranslations("common"), await getLocale()];
  const centres = await homeCentreOptions(actor);
  const preset = centres.find((c) => c.code === param(sp.centre));
  const roles = rolesGrantableSomewhere(actor, ROLES);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/users" className="text-primary hover:underline">
          {t("title")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("newUser")}</h1>
      <Card>
        <CardContent className="pt-4">
          <CreateUserForm
            roles={roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
            centres={centres.map((c) => ({ value: String(c.id), label: `${c.code} · ${localized(c, locale)}` }))}
            defaultCentreId={preset ? String(preset.id) : undefined}
            roleHint={actor.role === "network_admin" ? undefined : t("roleHintCoordinator")}
          />
        </CardContent>
      </Card>
    </div>
  );
}
