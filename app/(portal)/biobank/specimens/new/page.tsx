import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { TYPE_LIST } from "@/lib/biobank/catalog";
import { toNetworkLocal } from "@/lib/time/network-day";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { RegisterForm } from "@/app/(portal)/biobank/_components/register-form";

export default async function RegisterSpecimenPage() {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimen.register")) notFound();
  const t = await getTranslations("biobank");
  return (
    <div className="max-w-3xl space-y-2">
      <h1 className="text-2xl font-semibold">{t("register.heading")}</h1>
      <BiobankTabs actor={actor} current="register" />
      <Card>
        <CardContent className="pt-4">
          <RegisterForm types={TYPE_LIST.map((x) => ({ value: x, label: t(`types.${x}`) }))} now={toNetworkLocal(new Date())} />
        </CardContent>
      </Card>
    </div>
  );
}
