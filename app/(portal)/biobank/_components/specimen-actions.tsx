"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { canDeriveType, isSpecimenType, TYPE_LIST, type SpecimenTypeName as SpecimenType } from "@/lib/biobank/catalog";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { removeSpecimenAction, placeSpecimenAction } from "@/app/(portal)/biobank/storage/actions";
import { aliquotAction, changeStatusAction } from "@/app/(portal)/biobank/specimens/actions";

const ROWS = Array.from({ length: 26 }, (_, i) => i + 1);

type Props = {
  specimen: { barcode: string; type: string; quantity: string; unit: string; status: string; stored: boolean };
  boxes: { value: string; label: string }[];
  mayStore: boolean;
  mayChangeStatus: boolean;
  mayShip: boolean;
};

/** What the holder centre can do with a specimen: place, remove, aliquot, change status, ship. */
export function SpecimenActions({ specimen: s, boxes, mayStore, mayChangeStatus, mayShip }: Props) {
  const t = useTranslations("biobank");
  const childTypes = isSpecimenType(s.type) ? TYPE_LIST.filter((x) => canDeriveType(s.type as SpecimenType, x)) : [];
  const usable = s.status === "available" || s.status === "reserved";
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {mayStore && usable ? (
        <Card>
          <CardHeader><CardTitle>{t("specimen.place")}</CardTitle></CardHeader>
          <CardContent className="space-y-3">
            <ActionForm action={placeSpecimenAction} id="place-form" successMessage={t("specimen.placed")}>
              <input type="hidden" name="barcode" value={s.barcode} />
              <SelectField name="boxId" label={t("specimen.boxId")} options={boxes} />
              <div className="grid grid-cols-2 gap-2">
                <SelectField name="row" label={t("specimen.row")} options={ROWS.map((r) => ({ value: String(r), label: String.fromCharCode(64 + r) }))} />
                <SelectField name="col" label={t("specimen.col")} options={ROWS.map((r) => ({ value: String(r), label: String(r) }))} />
              </div>
              <SubmitButton>{t("specimen.placeSubmit")}</SubmitButton>
            </ActionForm>
            {s.stored ? (
              <ActionForm action={removeSpecimenAction}>
                <input type="hidden" name="barcode" value={s.barcode} />
                <SubmitButton variant="outline">{t("specimen.remove")}</SubmitButton>
              </ActionForm>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {s.status === "available" ? (
        <Card>
          <CardHeader><CardTitle>{t("specimen.aliquot")}</CardTitle></CardHeader>
          <CardContent>
            <ActionForm action={aliquotAction} id="aliquot-form" successMessage={t("specimen.aliquoted")}>
              <input type="hidden" name="barcode" value={s.barcode} />
              <SelectField name="childType" label={t("specimen.childType")} defaultValue={s.type === "whole_blood" ? "plasma" : s.type} options={childTypes.map((x) => ({ value: x, label: t(`types.${x}`) }))} />
              <TextField name="quantities" label={t("specimen.quantities")} hint={t("specimen.quantitiesHint", { quantity: s.quantity, unit: t(`units.${s.unit}`) })} autoComplete="off" />
              <SubmitButton>{t("specimen.aliquotSubmit")}</SubmitButton>
            </ActionForm>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader><CardTitle>{t("specimen.changeStatus")}</CardTitle></CardHeader>
        <CardContent className="space-y-3">
          {mayShip && s.status === "available" ? (
            <Link className="text-sm text-primary hover:underline" href={`/biobank/transfers?barcodes=${s.barcode}`}>{t("specimen.ship")}</Link>
          ) : null}
          {mayChangeStatus ? (
            <ActionForm action={changeStatusAction}>
              <input type="hidden" name="barcode" value={s.barcode} />
              <SelectField name="status" label={t("fields.status")} options={(["destroyed", "depleted", "available"] as const).map((x) => ({ value: x, label: t(`statuses.${x}`) }))} />
              <TextField name="reason" label={t("fields.reason")} />
              <SubmitButton variant="outline">{t("specimen.statusSubmit")}</SubmitButton>
            </ActionForm>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
