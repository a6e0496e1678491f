import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { routeId } from "@/lib/http/route-param";
import { orderReport } from "@/lib/molecular/queries/orders";
import { ImportForm } from "@/app/(portal)/molecular/_components/import-form";

/** The lab imports the results of one of its tests in analysis (the command checks the lab again). */
export default async function ImportResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "molecular.lab")) notFound();
  const id = routeId((await params).id);
  const o = await orderReport(actor, id);
  if (!o) notFound();
  const t = await getTranslations("molecular");
  const open = o.status === "in_analysis" && !o.resultsIn;
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link prefetch={false} className="text-primary hover:underline" href={`/molecular/${o.id}`}>
          {t(`testKinds.${o.testKind}`)} #{o.id} · <span className="font-mono">{o.code}</span> · {t(`origins.${o.origin}`)}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("import.heading", { id: o.id })}</h1>
      <p className="text-sm text-muted-foreground">{t("import.intro")}</p>
      <Card>
        <CardContent className="pt-4">{open ? <ImportForm orderId={o.id} /> : <p className="text-sm text-muted-foreground">{t("import.notOpen")}</p>}</CardContent>
      </Card>
    </div>
  );
}
