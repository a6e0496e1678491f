import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { positionLabel } from "@/lib/biobank/location";
import { boxGrid } from "@/lib/biobank/queries/storage";
import { BiobankTabs } from "@/app/(portal)/biobank/_components/biobank-tabs";
import { placeSpecimenAction } from "@/app/(portal)/biobank/storage/actions";

export default async function BoxPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.storage.manage")) notFound();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const box = await boxGrid(actor, id);
  if (!box) notFound();
  const t = await getTranslations("biobank");
  const at = new Map(box.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const rows = Array.from({ length: box.rows }, (_, i) => i + 1);
  const cols = Array.from({ length: box.cols }, (_, i) => i + 1);
  return (
    <div className="space-y-4">
      <BiobankTabs actor={actor} current="storage" />
      <h1 className="text-2xl font-semibold">{box.path}</h1>
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader><CardTitle>{t("storage.grid")} · {t("storage.used", { used: box.cells.length, size: box.rows * box.cols })}</CardTitle></CardHeader>
          <CardContent className="overflow-x-auto">
            <table className="border-separate border-spacing-1 text-xs" data-testid="box-grid">
              <thead>
                <tr>
                  <th scope="col"><span className="sr-only">{t("specimen.row")}</span></th>
                  {cols.map((c) => <th key={c} scope="col" className="text-muted-foreground">{c}</th>)}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r}>
                    <th scope="row" className="pr-1 text-muted-foreground">{String.fromCharCode(64 + r)}</th>
                    {cols.map((c) => {
                      const cell = at.get(`${r}:${c}`);
                      return (
                        <td key={c} className="p-0">
                          {cell ? (
                            <Link
                              href={`/biobank/specimens/${cell.barcode}`}
                              title={`${positionLabel(r, c)} · ${cell.barcode} · ${t(`types.${cell.type}`)}`}
                              aria-label={`${positionLabel(r, c)} ${t("storage.occupied")} ${cell.barcode}`}
                              data-testid={`cell-${positionLabel(r, c)}`}
                              className="flex size-9 items-center justify-center rounded bg-primary/80 font-mono text-[9px] text-primary-foreground hover:bg-primary"
                            >
                              {cell.barcode.slice(-4)}
                            </Link>
                          ) : (
                            <span
                              aria-label={`${positionLabel(r, c)} ${t("storage.free")}`}
                              role="img"
                              data-testid={`cell-${positionLabel(r, c)}`}
                              className="flex size-9 items-center justify-center rounded border border-dashed border-border text-muted-foreground"
                            >
                              {positionLabel(r, c)}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader><CardTitle>{t("storage.placeHere")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={placeSpecimenAction} resetOnSuccess successMessage={t("specimen.placed")}>
              <input type="hidden" name="boxId" value={box.id} />
              <TextField name="barcode" label={t("fields.barcode")} autoComplete="off" />
              <div className="grid grid-cols-2 gap-2">
                <SelectField name="row" label={t("specimen.row")} options={rows.map((r) => ({ value: String(r), label: String.fromCharCode(64 + r) }))} />
                <SelectField name="col" label={t("specimen.col")} options={cols.map((c) => ({ value: String(c), label: String(c) }))} />
              </div>
              <SubmitButton>{t("specimen.placeSubmit")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
