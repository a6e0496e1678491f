"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/forms/field";

/** The reason for change, asked whenever a saved value is being changed. */
export function ReasonField() {
  const t = useTranslations("followup.reason");
  return <TextAreaField name="reason" label={t("label")} hint={t("hint")} rows={2} required />;
}
