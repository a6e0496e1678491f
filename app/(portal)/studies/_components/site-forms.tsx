"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { addSiteAction, setSiteStatusAction, updateSiteAction } from "@/app/(portal)/studies/[code]/sites/actions";
import { AmendmentFields } from "@/app/(portal)/studies/_components/amendment-fields";
import { StopConfirm } from "@/app/(portal)/studies/_components/stop-confirm";
import type { StudySiteStatus } from "@/lib/enums";
import { stopsSite } from "@/lib/studies/lifecycle";

type Option = { value: string; label: string };

export function AddSiteForm({ studyId, centres }: { studyId: number; centres: Option[] }) {
  const t = useTranslations("studies");
  return (
    <ActionForm action={addSiteAction} className="space-y-3" successMessage={t("sites.added")} resetOnSuccess>
      <input type="hidden" name="studyId" value={studyId} />
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField name="centreId" label={t("field.centre")} options={centres} placeholder={t("field.choose")} />
        <TextField name="target" type="number" min={0} label={t("field.siteTarget")} />
        <TextField name="sitePiEmail" type="email" label={t("field.sitePiEmail")} />
        <TextField name="ethicsApprovalDate" type="date" label={t("field.ethicsApprovalDate")} />
      </div>
      <SubmitButton data-testid="add-site">{t("sites.add")}</SubmitButton>
    </ActionForm>
  );
}

export type EditableSite = {
  id: number;
  centreCode: string;
  target: number;
  sitePiEmail: string | null;
  ethicsApprovalDate: string | null;
  allowOverEnrolment: boolean;
};

export function EditSiteForm({ studyId, site, amend }: { studyId: number; site: EditableSite; amend: boolean }) {
  const t = useTranslations("studies");
  const tc = useTranslations("common");
  return (
    <ActionForm action={updateSiteAction} className="space-y-3" successMessage={t("sites.saved")}>
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="siteId" value={site.id} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField name="target" type="number" min={0} label={t("field.siteTarget")} defaultValue={site.target} />
        <TextField name="sitePiEmail" type="email" label={t("field.sitePiEmail")} defaultValue={site.sitePiEmail ?? ""} />
        <TextField name="ethicsApprovalDate" type="date" label={t("field.ethicsApprovalDate")} defaultValue={site.ethicsApprovalDate ?? ""} />
        <SelectField
          name="allowOverEnrolment"
          label={t("field.allowOverEnrolment")}
          defaultValue={String(site.allowOverEnrolment)}
          options={[
            { value: "false", label: tc("no") },
            { value: "true", label: tc("yes") },
          ]}
        />
      </div>
      <AmendmentFields needed={amend} />
      <SubmitButton size="sm" data-testid={`save-site-${site.centreCode}`}>
        {tc("save")}
      </SubmitButton>
    </ActionForm>
  );
}

/** A site's next status: nothing pre-selected; suspending or closing the site asks for a confirmation. */
export function SiteStatusForm({ studyId, siteId, centreCode, next }: { studyId: number; siteId: number; centreCode: string; next: StudySiteStatus[] }) {
  const t = useTranslations("studies");
  const [to, setTo] = useState("");
  const stopping = next.some((s) => s === to && stopsSite(s));
  return (
    <ActionForm action={setSiteStatusAction} className="space-y-2" resetOnSuccess onSuccess={() => setTo("")}>
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="siteId" value={siteId} />
      <div className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <SelectField
          name="to"
          label={t("field.newStatus")}
          placeholder={t("field.choose")}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          options={next.map((s) => ({ value: s, label: t(`siteStatus.${s}`) }))}
        />
        <TextAreaField name="reason" label={t("field.reason")} rows={1} />
      </div>
      {stopping ? <StopConfirm id={`f-confirm-site-${centreCode}`} warning={t("sites.stopWarning")} label={t("field.confirmStop")} /> : null}
      <SubmitButton size="sm" data-testid={`site-status-${centreCode}`} variant={stopping ? "destructive" : undefined}>
        {t("sites.changeStatus", { code: centreCode })}
      </SubmitButton>
    </ActionForm>
  );
}
