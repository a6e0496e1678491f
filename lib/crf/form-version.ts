import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crfFormVersions, crfItemChoices, crfItems, crfSections, type Study } from "@/db/schema";
import { notFound } from "@/lib/actions/errors";
import type { Actor } from "@/lib/authz/actor";
import type { FormDef } from "@/lib/crf/design";
import { formsInForce, loadFormDefs, writeFormContent, type FormInForce } from "@/lib/crf/store";
import { versionForChange, type Amendment, type VersionForChange } from "@/lib/studies/protocol-version";

export type FormChange = { form: FormInForce; before: FormDef; all: FormDef[]; protocol: VersionForChange };

/** A form of the study in force and its design, with the study's other forms (for names and logic); not found otherwise. */
export async function loadFormForChange(tx: Db, study: Study, formId: number): Promise<{ form: FormInForce; before: FormDef; all: FormDef[] }> {
  const forms = await formsInForce(tx, study);
  const form = forms.find((f) => f.formId === formId);
  if (!form) throw notFound();
  const all = await loadFormDefs(tx, forms);
  return { form, before: all[forms.indexOf(form)], all };
}

/**
 * Saves a changed design of a form. Before recruiting, the version in force is rewritten in
 * place (no data can exist under it). Once recruiting, the change is a protocol amendment: a
 * new form version under the new protocol version, while data entered under the old version
 * keeps it.
 */
export async function saveFormDesign(tx: Db, actor: Pick<Actor, "id">, study: Study, form: FormInForce, after: FormDef, amendment: Amendment): Promise<{ formVersionId: number; version: number; protocol: VersionForChange }> {
  const protocol = await versionForChange(tx, actor, study, amendment, { crfForm: { name: form.name } });
  if (!protocol.amended) {
    await clearFormContent(tx, form.formVersionId);
    await writeFormContent(tx, form.formVersionId, after);
    return { formVersionId: form.formVersionId, version: form.version, protocol };
  }
  const [created] = await tx
    .insert(crfFormVersions)
    .values({ formId: form.formId, version: form.version + 1, protocolVersionId: protocol.version.id, createdBy: actor.id })
    .returning();
  await writeFormContent(tx, created.id, after);
  return { formVersionId: created.id, version: created.version, protocol };
}

async function clearFormContent(tx: Db, formVersionId: number): Promise<void> {
  const items = await tx.select({ id: crfItems.id }).from(crfItems).where(eq(crfItems.formVersionId, formVersionId));
  if (items.length) await tx.delete(crfItemChoices).where(inArray(crfItemChoices.itemId, items.map((i) => i.id)));
  await tx.delete(crfItems).where(eq(crfItems.formVersionId, formVersionId));
  await tx.delete(crfSections).where(eq(crfSections.formVersionId, formVersionId));
}
