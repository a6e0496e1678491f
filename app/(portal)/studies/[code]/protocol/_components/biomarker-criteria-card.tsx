import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReadActor } from "@/lib/reads/define-query";
import type { BiomarkerCriterion } from "@/lib/molecular/criteria";
import { studyBiomarkerCriteria } from "@/lib/molecular/queries/criteria";
import { criterionText } from "@/app/(portal)/molecular/matches/_components/biomarker-text";
import { BiomarkerCriteriaForm, type CriterionFormRow } from "@/app/(portal)/studies/[code]/protocol/_components/biomarker-criteria-form";

const formRow = (c: BiomarkerCriterion): CriterionFormRow => ({
  kind: c.kind,
  gene: c.gene ?? "",
  partnerGene: c.partnerGene ?? "",
  hgvsP: c.hgvsP ?? "",
  variantTypes: c.variantTypes?.join(" ") ?? "",
  maxTier: c.maxTier ?? "",
  minGermlineClass: c.minGermlineClass ?? "",
  minVafPct: c.minVaf === null ? "" : String(Math.round(c.minVaf * 10_000) / 100),
  minValue: c.minValue === null ? "" : String(c.minValue),
  her2Rule: c.her2Rule ?? "",
});

/**
 * The structured biomarker criteria of the protocol version shown, with the edit form for the
 * study's manager (the page decides `edit`: one section is edited at a time) and a link to the
 * patients matching them.
 */
export async function BiomarkerCriteriaCard(p: {
  actor: ReadActor;
  study: { id: number; code: string };
  version: number;
  edit: (section: string, node: React.ReactNode) => React.ReactNode;
  amend: boolean;
  showMatches: boolean;
}) {
  const [t, criteria] = [await getTranslations("molecular"), await studyBiomarkerCriteria(p.actor, p.study.id, p.version)];
  return (
    <Card data-testid="biomarker-criteria">
      <CardHeader>
        <CardTitle>{t("criteria.title")}</CardTitle>
        {criteria.length ? <p className="text-sm text-muted-foreground">{t("criteria.rule")}</p> : null}
      </CardHeader>
      <CardContent>
        {criteria.length ? (
          <ol className="space-y-1 text-sm" data-testid="biomarker-criteria-list">
            {criteria.map((c) => (
              <li key={c.code} className="flex gap-2">
                <Badge variant="muted">{c.code}</Badge>
                <span>{criterionText(c, t)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">{t("criteria.none")}</p>
        )}
        {criteria.length && p.showMatches ? (
          <Link prefetch={false} href={`/studies/${encodeURIComponent(p.study.code)}/biomarker-matches`} className="mt-2 inline-block text-sm text-primary hover:underline" data-testid="biomarker-matches-link">
            {t("criteria.matchesLink")}
          </Link>
        ) : null}
        {p.edit("biomarkers", <BiomarkerCriteriaForm studyId={p.study.id} amend={p.amend} initial={criteria.map(formRow)} />)}
      </CardContent>
    </Card>
  );
}
