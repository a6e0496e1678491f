"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { ArrowDown, ArrowUp, Pencil, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import type { ItemDef } from "@/lib/crf/design";
import { addItemAction, reorderItemsAction, updateItemAction } from "@/app/(portal)/studies/[code]/forms/actions";
import { AmendmentPrompt, type AmendmentValues } from "@/app/(portal)/studies/[code]/forms/_components/amendment-prompt";
import { cycleErrors, expressionErrors, studyCatalogue, type EventForms, type StudyItem } from "@/app/(portal)/studies/[code]/forms/_components/expression-check";
import { FormPreview } from "@/app/(portal)/studies/[code]/forms/_components/form-preview";
import { ItemEditor } from "@/app/(portal)/studies/[code]/forms/_components/item-editor";
import { blankDraft, draftOf, inputOfDraft, itemOfDraft, type ItemDraft } from "@/app/(portal)/studies/[code]/forms/_components/item-draft";

type DesignForm = { formId: number; name: string; version: number; items: ItemDef[] };
type Save = (amendment: Partial<AmendmentValues>) => Promise<ActionResult<unknown>>;
const NEW = "\u0000new";

/** Items in blocks: a block starts at a section header (the first block may have none). */
function sectionBlocks(items: readonly ItemDef[]): ItemDef[][] {
  const blocks: ItemDef[][] = [];
  for (const i of items) {
    if (i.section || blocks.length === 0) blocks.push([i]);
    else blocks[blocks.length - 1].push(i);
  }
  return blocks;
}

/**
 * The form designer: the items of the form in order (edit, move, sections moved as a whole),
 * the editor of one item with its logic checked as typed against the whole study, and the live
 * preview. Before recruiting each change is saved in place; after, each save asks for the
 * amendment it is part of and makes a new version of the form.
 */
export function FormDesigner({ studyId, form, others, events, editable, amend, today }: { studyId: number; form: DesignForm; others: StudyItem[]; events: EventForms[]; editable: boolean; amend: boolean; today: string }) {
  const t = useTranslations("crf.designer");
  const locale = useLocale();
  const router = useRouter();
  const [selected, setSelected] = React.useState<string | null>(null);
  const [draft, setDraft] = React.useState<ItemDraft | null>(null);
  const [result, setResult] = React.useState<ActionResult<unknown> | null>(null);
  const [pending, setPending] = React.useState(false);
  const [prompt, setPrompt] = React.useState<Save | null>(null);
  const [amendment, setAmendment] = React.useState<AmendmentValues>({ amendmentDate: today, amendmentReason: "" });

  const previous = selected && selected !== NEW ? (form.items.find((i) => i.name === selected) ?? null) : null;
  const working = React.useMemo(() => {
    if (!draft) return form.items;
    const edited = itemOfDraft(draft, previous);
    return selected === NEW ? [...form.items, edited] : form.items.map((i) => (i.name === selected ? edited : i));
  }, [draft, form.items, previous, selected]);
  const studyItems = React.useMemo(
    () => [...others, ...working.map((i) => ({ name: i.name, type: i.type, choices: i.choices, missingCodes: i.missingCodes, calculation: i.calculation, form: form.name }))],
    [others, working, form.name],
  );
  const catalogue = React.useMemo(() => studyCatalogue(studyItems, events), [studyItems, events]);
  const branchingErrors = React.useMemo(() => (draft ? expressionErrors(draft.branchingLogic, catalogue, "condition") : []), [draft, catalogue]);
  const calculationErrors = React.useMemo(
    () => (draft?.type === "calc" ? [...expressionErrors(draft.calculation, catalogue, "number"), ...cycleErrors(studyItems, draft.name)] : []),
    [draft, catalogue, studyItems],
  );

  const fieldErrors = React.useMemo(() => {
    const fe = result && !result.ok ? { ...(result.fieldErrors ?? {}) } : {};
    // The dictionary keeps a calculation in its "choices" column; the designer shows it under the calculation.
    if (draft?.type === "calc" && fe.choices) fe.calculation = [...(fe.calculation ?? []), ...fe.choices];
    return fe;
  }, [result, draft?.type]);

  async function execute(save: Save, a: Partial<AmendmentValues>, after?: () => void) {
    setPending(true);
    try {
      const res = await save(a);
      setResult(res);
      if (res.ok) {
        setPrompt(null);
        after?.();
        router.refresh();
      } else if (!res.fieldErrors?.amendmentDate && !res.fieldErrors?.amendmentReason) setPrompt(null);
    } finally {
      setPending(false);
    }
  }
  const submit = (save: Save, after?: () => void) => {
    setResult(null);
    if (amend) setPrompt(() => (a: Partial<AmendmentValues>) => save(a).then((r) => (r.ok && after?.(), r)));
    else void execute(save, {}, after);
  };
  const close = () => {
    setSelected(null);
    setDraft(null);
  };
  const saveItem = () => {
    if (!draft || !selected) return;
    const input = { studyId, formId: form.formId, ...inputOfDraft(draft) };
    submit((a) => (selected === NEW ? addItemAction({ ...input, ...a }) : updateItemAction({ ...input, item: selected, ...a })), close);
  };
  const reorder = (names: string[]) => submit((a) => reorderItemsAction({ studyId, formId: form.formId, names, ...a }));
  const moveItem = (i: number, by: -1 | 1) => {
    const names = form.items.map((x) => x.name);
    [names[i], names[i + by]] = [names[i + by], names[i]];
    reorder(names);
  };
  const blocks = sectionBlocks(form.items);
  const moveSection = (b: number, by: -1 | 1) => {
    const next = [...blocks];
    [next[b], next[b + by]] = [next[b + by], next[b]];
    reorder(next.flat().map((x) => x.name));
  };
  const label = (b: { zh: string; en: string }) => (locale === "en" ? b.en || b.zh : b.zh || b.en);
  const busy = pending || Boolean(prompt) || Boolean(draft);
  const successMessage = result?.ok ? (amend ? t("savedAmendment") : t("saved")) : null;

  const editor = draft ? (
    <div className="space-y-3 rounded-md border border-primary/40 p-3" data-testid="editor-panel">
      <h3 className="text-sm font-semibold">{selected === NEW ? t("item.new") : t("item.edit", { name: selected ?? "" })}</h3>
      <ItemEditor draft={draft} onChange={setDraft} branchingErrors={branchingErrors} calculationErrors={calculationErrors} fieldErrors={fieldErrors} />
      {result && !result.ok ? (
        <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-destructive" data-testid="save-error">
          {result.message}
        </p>
      ) : null}
      {prompt ? null : (
        <div className="flex gap-2">
          <Button type="button" size="sm" onClick={saveItem} disabled={pending} data-testid="save-item">
            {amend ? t("saveAmendment") : t("item.save")}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={close} disabled={pending}>
            {t("item.cancel")}
          </Button>
        </div>
      )}
    </div>
  ) : null;

  return (
    <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
      <div className="space-y-3">
        {successMessage ? (
          <p role="status" className="text-sm text-success" data-testid="designer-saved">
            {successMessage}
          </p>
        ) : null}
        {!draft && result && !result.ok ? (
          <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-destructive" data-testid="save-error">
            {result.message}
          </p>
        ) : null}
        {prompt ? (
          <AmendmentPrompt
            values={amendment}
            onChange={setAmendment}
            nextVersion={form.version + 1}
            pending={pending}
            errors={result && !result.ok ? (result.fieldErrors ?? {}) : {}}
            onConfirm={() => void execute(prompt, amendment)}
            onCancel={() => setPrompt(null)}
          />
        ) : null}
        {form.items.length === 0 && !draft ? <p className="text-sm text-muted-foreground">{t("item.none")}</p> : null}
        <ol className="divide-y divide-border rounded-md border border-border" data-testid="item-list" aria-label={t("item.list")}>
          {blocks.map((block, b) =>
            block.map((item, k) => {
              const i = form.items.indexOf(item);
              return (
                <li key={item.name} className="space-y-1 px-3 py-2">
                  {k === 0 && item.section ? (
                    <div className="flex flex-wrap items-center justify-between gap-2 border-b border-dashed border-border pb-1">
                      <span className="text-sm font-semibold">{label(item.section)}</span>
                      {editable ? (
                        <span className="flex gap-1">
                          <Button type="button" size="sm" variant="ghost" disabled={busy || b === 0 || !blocks[b - 1][0].section} aria-label={t("section.up", { name: label(item.section) })} onClick={() => moveSection(b, -1)}>
                            <ArrowUp className="size-4" aria-hidden />
                          </Button>
                          <Button type="button" size="sm" variant="ghost" disabled={busy || b === blocks.length - 1} aria-label={t("section.down", { name: label(item.section) })} onClick={() => moveSection(b, 1)}>
                            <ArrowDown className="size-4" aria-hidden />
                          </Button>
                        </span>
                      ) : null}
                    </div>
                  ) : null}
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                      <code className="text-xs text-muted-foreground">{item.name}</code>
                      <span>{label(item.label)}</span>
                      <Badge variant="muted">{t(`types.${item.type}`)}</Badge>
                      {item.required ? <Badge variant="warning">{t("item.required")}</Badge> : null}
                      {item.branchingLogic ? <Badge>{t("item.hasBranching")}</Badge> : null}
                    </span>
                    {editable ? (
                      <span className="flex gap-1">
                        <Button type="button" size="sm" variant="ghost" disabled={busy || i === 0} aria-label={t("item.up", { name: item.name })} onClick={() => moveItem(i, -1)}>
                          <ArrowUp className="size-4" aria-hidden />
                        </Button>
                        <Button type="button" size="sm" variant="ghost" disabled={busy || i === form.items.length - 1} aria-label={t("item.down", { name: item.name })} onClick={() => moveItem(i, 1)}>
                          <ArrowDown className="size-4" aria-hidden />
                        </Button>
                        <Button
                          type="button"
                          size="sm"
                          variant="outline"
                          disabled={busy}
                          onClick={() => {
                            setResult(null);
                            setSelected(item.name);
                            setDraft(draftOf(item));
                          }}
                          data-testid={`edit-${item.name}`}
                        >
                          <Pencil className="size-4" aria-hidden />
                          {t("item.editShort")}
                        </Button>
                      </span>
                    ) : null}
                  </div>
                  {selected === item.name ? editor : null}
                </li>
              );
            }),
          )}
        </ol>
        {selected === NEW ? editor : null}
        {editable && !busy ? (
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={() => {
              setResult(null);
              setSelected(NEW);
              setDraft(blankDraft());
            }}
            data-testid="add-item"
          >
            <Plus className="size-4" aria-hidden />
            {t("item.add")}
          </Button>
        ) : null}
      </div>
      <FormPreview items={working} today={today} />
    </div>
  );
}
