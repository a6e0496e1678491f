"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { canDeriveType, isSpecimenType, TYPE_LIST, type SpecimenTypeName as SpecimenType } from "@/lib/biobank/catalog";
import { labelSheetHref } from "@/lib/biobank/label-sheet";
import type { StatusChoice } from "@/lib/biobank/status";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { removeSpecimenAction } from "@/app/(portal)/biobank/storage/actions";
import { aliquotAction, changeStatusAction } from "@/app/(portal)/biobank/specimens/actions";

type Props = {
  specimen: { barcode: string; type: string; quantity: string; unit: string; status: string; stored: boolean; storable: boolean };
  /** The box chooser (server-rendered): shown when the specimen can be placed. */
  placement: React.ReactNode;
  statusChoices: StatusChoice[];
  mayStore: boolean;
  mayChangeStatus: boolean;
  mayShip: boolean;
};

/** What the holder centre can do with a specimen: place, remove, aliquot, change status, ship. */
export function SpecimenActions({ specimen: s, placement, statusChoices, mayStore, mayChangeStatus, mayShip }: Props) {
  const t = useTranslations("biobank");
  const childTypes = isSpecimenType(s.type) ? TYPE_LIST.filter((x) => canDeriveType(s.type as SpecimenType, x)) : [];
  const [newAliquots, setNewAliquots] = useState<string[]>([]);
  const [target, setTarget] = useState("");
  const destructive = statusChoices.find((c) => c.status === target)?.destructive ?? false;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {mayStore && s.storable ? (
        <Card>
          <CardHeader><CardTitle>{t("specimen.place")}</CardTitle></CardHeader>
          <CardContent className="space-y-3">
            {placement}
            {s.stored ? (
              <ActionForm action={removeSpecimenAction} id="remove-form">
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
          <CardContent className="space-y-2">
            <ActionForm action={aliquotAction} id="aliquot-form" successMessage={t("specimen.aliquoted")} onSuccess={(d) => setNewAliquots(d.children)}>
              <input type="hidden" name="barcode" value={s.barcode} />
              <SelectField name="childType" label={t("specimen.childType")} defaultValue={s.type === "whole_blood" ? "plasma" : s.type} options={childTypes.map((x) => ({ value: x, label: t(`types.${x}`) }))} />
              <TextField name="quantities" label={t("specimen.quantities")} hint={t("specimen.quantitiesHint", { quantity: s.quantity, unit: t(`units.${s.unit}`) })} autoComplete="off" />
              <SubmitButton>{t("specimen.aliquotSubmit")}</SubmitButton>
            </ActionForm>
            {newAliquots.length ? (
              <Link prefetch={false} className="text-sm text-primary hover:underline" href={labelSheetHref(newAliquots)} data-testid="print-new-aliquots">
                {t("specimen.printNewAliquots", { n: newAliquots.length })}
              </Link>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader><CardTitle>{t("specimen.changeStatus")}</CardTitle></CardHeader>
        <CardContent className="space-y-3">
          {s.status === "quarantined" ? <p className="text-sm" data-testid="quarantine-note">{t("specimen.quarantineNote")}</p> : null}
          {mayShip && s.status === "available" ? (
            <Link prefetch={false} className="text-sm text-primary hover:underline" href={`/biobank/transfers?barcodes=${s.barcode}`}>{t("specimen.ship")}</Link>
          ) : null}
          {mayChangeStatus && statusChoices.length ? (
            <ActionForm action={changeStatusAction} id="status-form" resetOnSuccess onSuccess={() => setTarget("")}>
              <input type="hidden" name="barcode" value={s.barcode} />
              <SelectField
                name="status"
               
                label={t("fields.status")}
                placeholder={t("specimen.chooseStatus")}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
                options={statusChoices.map((c) => ({ value: c.status, label: c.destructive ? t("specimen.statusNoWayBack", { status: t(`statuses.${c.status}`) }) : t(`statuses.${c.status}`) }))}
              />
              <TextField name="reason" label={t("fields.reason")} />
              {destructive ? (
                <label className="flex items-start gap-2 text-sm text-destructive">
                  <input type="checkbox" name="confirm" className="mt-0.5 size-4" data-testid="confirm-terminal" />
                  <span>{t("specimen.confirmTerminal", { status: t(`statuses.${target}`), barcode: s.barcode })}</span>
                </label>
              ) : null}
              <SubmitButton variant={destructive ? "destructive" : "outline"}>{t("specimen.statusSubmit")}</SubmitButton>
            </ActionForm>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
