import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { boxGridLayout } from "@/lib/biobank/box-grid";
import { BARCODE_RE } from "@/lib/biobank/catalog";
import { boxGrid } from "@/lib/biobank/queries/storage";
import { routeId } from "@/lib/http/route-param";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { BoxGrid } from "@/app/(portal)/biobank/_components/box-grid";
import { placeSpecimenAction } from "@/app/(portal)/biobank/storage/actions";

export default async function BoxPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.storage.manage")) notFound();
  const id = routeId((await params).id);
  const box = await boxGrid(actor, id);
  if (!box) notFound();
  const t = await getTranslations("biobank");
  // ?place=<barcode>: the specimen page sent us here to choose a position by clicking a free cell.
  const wanted = ((await searchParams).place ?? "").toUpperCase();
  const placing = BARCODE_RE.test(wanted) ? wanted : null;
  const layout = boxGridLayout(box, placing);
  const rows = Array.from({ length: box.rows }, (_, i) => i + 1);
  const cols = Array.from({ length: box.cols }, (_, i) => i + 1);
  return (
    <div className="space-y-4">
      <BiobankTabs actor={actor} current="storage" />
      <h1 className="text-2xl font-semibold">{box.path}</h1>
      {placing ? (
        <p className="text-sm" data-testid="placing">
          {t("storage.placing", { barcode: placing })}{" "}
          <Link prefetch={false} className="text-primary underline underline-offset-2" href={`/biobank/specimens/${placing}`}>{t("storage.backToSpecimen")}</Link>
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader><CardTitle>{t("storage.grid")} · {t("storage.used", { used: box.cells.length, size: box.rows * box.cols })}</CardTitle></CardHeader>
          <CardContent className="overflow-x-auto">
            <BoxGrid boxId={box.id} layout={layout} placing={placing} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>{t("storage.placeHere")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={placeSpecimenAction} resetOnSuccess successMessage={t("specimen.placed")} id="place-here">
              <input type="hidden" name="boxId" value={box.id} />
              <TextField name="barcode" label={t("fields.barcode")} autoComplete="off" defaultValue={placing ?? undefined} />
              <div className="grid grid-cols-2 gap-2">
                <SelectField name="row" label={t("specimen.row")} placeholder={t("storage.choose")} options={rows.map((r) => ({ value: String(r), label: String.fromCharCode(64 + r) }))} />
                <SelectField name="col" label={t("specimen.col")} placeholder={t("storage.choose")} options={cols.map((c) => ({ value: String(c), label: String(c) }))} />
              </div>
              <SubmitButton>{t("specimen.placeSubmit")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
