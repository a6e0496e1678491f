"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField } from "@/components/forms/field";
import { RequestKeyField } from "@/components/forms/request-key-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { MOLECULAR_TEST_KINDS, VARIANT_ORIGINS } from "@/lib/enums";
import { orderTestAction } from "@/app/(portal)/molecular/actions";

type Option = { value: string; label: string };

/** The order of a test on one specimen: lab, kind of test, somatic or germline. */
export function OrderForm({ specimenId, labs }: { specimenId: number; labs: Option[] }) {
  const t = useTranslations("molecular");
  return (
    <ActionForm action={orderTestAction}>
      <input type="hidden" name="specimenId" value={specimenId} />
      <RequestKeyField />
      <SelectField name="labCentreId" label={t("order.lab")} options={labs} placeholder={t("order.chooseLab")} defaultValue={labs.length === 1 ? labs[0].value : ""} />
      <SelectField name="testKind" label={t("order.testKind")} options={MOLECULAR_TEST_KINDS.map((k) => ({ value: k, label: t(`testKinds.${k}`) }))} defaultValue="ngs_panel" />
      <SelectField name="origin" label={t("order.origin")} hint={t("order.originHint")} options={VARIANT_ORIGINS.map((o) => ({ value: o, label: t(`origins.${o}`) }))} defaultValue="somatic" />
      <SubmitButton>{t("order.submit")}</SubmitButton>
    </ActionForm>
  );
}
