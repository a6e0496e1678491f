"use client";

import * as React from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/input";
import type { ItemDef } from "@/lib/crf/design";
import { calculate, calculationOrder, isShown, type ExpressionAst, type StoredValue } from "@/lib/crf/expressions";
import { parsedOrNull } from "@/app/(portal)/studies/[code]/forms/_components/expression-check";

type Lang = "zh" | "en";
type Values = Record<string, StoredValue | undefined>;

/** A plausible value for each item type, inside its soft limits when it has them. */
function sampleOf(item: ItemDef, today: string): StoredValue | undefined {
  const mid = () => {
    const lo = Number(item.softMin ?? item.hardMin ?? 0);
    const hi = Number(item.softMax ?? item.hardMax ?? (item.type === "slider" ? 100 : 10));
    const v = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : 1;
    return item.type === "decimal" ? v.toFixed(item.decimalPlaces ?? 1) : String(Math.round(v));
  };
  switch (item.type) {
    case "integer":
    case "decimal":
    case "slider":
      return mid();
    case "date":
      return today;
    case "datetime":
      return `${today} 09:00`;
    case "time":
      return "09:00";
    case "yesno":
    case "truefalse":
      return "1";
    case "radio":
    case "dropdown":
      return item.choices[0]?.code;
    case "checkbox":
      return item.choices.slice(0, 1).map((c) => c.code);
    case "text":
      return item.validation === "email" ? "name@example.org" : item.validation === "mobile_cn" ? "13800138000" : "ABC";
    case "longtext":
      return "…";
    default:
      return undefined;
  }
}

/**
 * The form as site staff will see it, in Chinese or English, with sample values: branching
 * logic and calculations run live with the same module as the entry page and the server.
 */
export function FormPreview({ items, today }: { items: ItemDef[]; today: string }) {
  const t = useTranslations("crf.designer.preview");
  const locale = useLocale();
  const [lang, setLang] = React.useState<Lang>(locale === "en" ? "en" : "zh");
  const [values, setValues] = React.useState<Values>({});
  const logic = React.useMemo(() => new Map(items.map((i) => [i.name, parsedOrNull(i.branchingLogic)])), [items]);
  const calcs = React.useMemo(() => {
    const out: Record<string, ExpressionAst> = {};
    for (const i of items) {
      const ast = i.type === "calc" ? parsedOrNull(i.calculation) : null;
      if (ast) out[i.name] = ast;
    }
    return out;
  }, [items]);
  const all = React.useMemo(() => {
    const v: Values = { ...values };
    const order = calculationOrder(calcs);
    for (const name of order.order ?? []) v[name] = calculate(calcs[name], { values: v, today });
    return v;
  }, [values, calcs, today]);
  const set = (name: string, v: StoredValue) => setValues((prev) => ({ ...prev, [name]: v }));
  const pick = (b: { zh: string; en: string }) => (lang === "en" ? b.en || b.zh : b.zh || b.en);
  const shown = (i: ItemDef) => {
    const ast = logic.get(i.name);
    return !ast || isShown(ast, { values: all, today });
  };

  return (
    <section aria-labelledby="preview-title" className="space-y-3 rounded-md border border-border p-3" lang={lang === "zh" ? "zh-CN" : "en"} data-testid="form-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="preview-title" className="text-sm font-semibold">
          {t("title")}
        </h3>
        <div className="flex gap-1" role="group" aria-label={t("language")}>
          {(["zh", "en"] as const).map((l) => (
            <Button key={l} type="button" size="sm" variant={lang === l ? "default" : "outline"} aria-pressed={lang === l} onClick={() => setLang(l)} data-testid={`preview-${l}`}>
              {l === "zh" ? "中文" : "English"}
            </Button>
          ))}
          <Button type="button" size="sm" variant="outline" onClick={() => setValues(Object.fromEntries(items.map((i) => [i.name, sampleOf(i, today)])))} data-testid="preview-sample">
            {t("sample")}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setValues({})}>
            {t("clear")}
          </Button>
        </div>
      </div>
      {items.length === 0 ? <p className="text-sm text-muted-foreground">{t("empty")}</p> : null}
      {items.map((item) => {
        if (!shown(item)) return null;
        const id = `preview-${item.name}`;
        const v = all[item.name];
        const str = typeof v === "string" ? v : "";
        const label = (
          <>
            {pick(item.label)}
            {item.required ? <span className="text-destructive"> *</span> : null}
          </>
        );
        const body = (() => {
          switch (item.type) {
            case "descriptive":
              return <p className="text-sm">{pick(item.label)}</p>;
            case "calc":
              return (
                <div className="flex flex-col gap-1">
                  <Label htmlFor={id}>{label}</Label>
                  <output id={id} className="text-sm tabular-nums" data-testid={`preview-value-${item.name}`}>
                    {str || "—"} {item.unit ?? ""}
                  </output>
                </div>
              );
            case "yesno":
            case "truefalse":
            case "radio":
            case "checkbox": {
              const choices =
                item.type === "yesno" || item.type === "truefalse"
                  ? ["1", "0"].map((code) => ({ code, label: { zh: t(`${item.type}.${code}.zh`), en: t(`${item.type}.${code}.en`) } }))
                  : item.choices;
              const ticked = Array.isArray(v) ? v : [];
              return (
                <fieldset className="space-y-1">
                  <legend className="text-sm font-medium">{label}</legend>
                  <div className="flex flex-wrap gap-3">
                    {choices.map((c) => (
                      <span key={c.code} className="flex items-center gap-1">
                        <input
                          id={`${id}-${c.code}`}
                          type={item.type === "checkbox" ? "checkbox" : "radio"}
                          name={id}
                          checked={item.type === "checkbox" ? ticked.includes(c.code) : str === c.code}
                          onChange={(e) => set(item.name, item.type === "checkbox" ? (e.target.checked ? [...ticked, c.code] : ticked.filter((x) => x !== c.code)) : c.code)}
                          data-testid={`preview-${item.name}-${c.code}`}
                        />
                        <Label htmlFor={`${id}-${c.code}`} className="font-normal">
                          {pick(c.label)}
                        </Label>
                      </span>
                    ))}
                  </div>
                </fieldset>
              );
            }
            case "dropdown":
              return (
                <div className="flex flex-col gap-1">
                  <Label htmlFor={id}>{label}</Label>
                  <Select id={id} value={str} onChange={(e) => set(item.name, e.target.value)}>
                    <option value="" />
                    {item.choices.map((c) => (
                      <option key={c.code} value={c.code}>
                        {pick(c.label)}
                      </option>
                    ))}
                  </Select>
                </div>
              );
            case "longtext":
              return (
                <div className="flex flex-col gap-1">
                  <Label htmlFor={id}>{label}</Label>
                  <Textarea id={id} rows={2} value={str} onChange={(e) => set(item.name, e.target.value)} />
                </div>
              );
            default: {
              const type = item.type === "slider" ? "range" : item.type === "date" ? "date" : item.type === "time" ? "time" : "text";
              return (
                <div className="flex flex-col gap-1">
                  <Label htmlFor={id}>{label}</Label>
                  <span className="flex items-center gap-2">
                    <Input
                      id={id}
                      type={type}
                      inputMode={item.type === "integer" || item.type === "decimal" ? "decimal" : undefined}
                      min={item.type === "slider" ? 0 : undefined}
                      max={item.type === "slider" ? 100 : undefined}
                      className="max-w-xs"
                      value={str}
                      onChange={(e) => set(item.name, e.target.value)}
                      data-testid={`preview-input-${item.name}`}
                    />
                    {item.unit ? <span className="text-sm text-muted-foreground">{item.unit}</span> : null}
                  </span>
                </div>
              );
            }
          }
        })();
        return (
          <div key={item.name} className="space-y-1" data-testid={`preview-item-${item.name}`}>
            {item.section ? <h4 className="border-b border-border pb-1 pt-2 text-sm font-semibold">{pick(item.section)}</h4> : null}
            {body}
            {item.note ? <p className="text-xs text-muted-foreground">{pick(item.note)}</p> : null}
          </div>
        );
      })}
    </section>
  );
}
