import { getLocale, getTranslations } from "next-intl/server";
import type { ConsortFlow } from "@/lib/enrolment/queries/consort";
import { localized, localizedPair } from "@/lib/i18n/localized";
import { cn } from "@/lib/utils";

function Box({ children, className, testId }: { children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <div className={cn("rounded-md border-2 border-foreground/70 bg-card px-3 py-2 text-center text-sm", className)} data-testid={testId}>
      {children}
    </div>
  );
}

function Down() {
  return <div className="mx-auto h-6 w-0.5 bg-foreground/60" aria-hidden />;
}

/** The familiar CONSORT boxes, drawn with styled blocks; the table beside it carries the same numbers. */
export async function ConsortDiagram({ flow }: { flow: ConsortFlow }) {
  const [t, locale] = [await getTranslations("enrolment.consort"), await getLocale()];
  const summary = `${t("screened", { n: flow.screened })}, ${t("excluded", { n: flow.excluded })}, ${t("enrolled", { n: flow.enrolled })}, ${t("withdrawn", { n: flow.withdrawn })}`;
  return (
    <figure role="img" aria-label={t("diagramLabel", { summary })} className="mx-auto max-w-3xl" data-testid="consort-diagram">
      <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-x-2">
        <Box className="col-start-1" testId="consort-screened">
          {t("screened", { n: flow.screened })}
        </Box>
        <div className="h-0.5 w-8 bg-foreground/60" aria-hidden />
        <Box className="text-left" testId="consort-excluded">
          <div className="font-medium">{t("excluded", { n: flow.excluded })}</div>
          <ul className="mt-1 space-y-0.5 text-xs text-muted-foreground">
            {flow.reasons.slice(0, 6).map((r) => (
              <li key={r.code}>
                {r.code}: {localizedPair(r.textZh ?? "", r.textEn, locale)} (n={r.n})
              </li>
            ))}
          </ul>
          {flow.eligibleNotEnrolled ? <div className="mt-1 text-xs">{t("eligibleOpen", { n: flow.eligibleNotEnrolled })}</div> : null}
        </Box>
      </div>
      <div className="grid grid-cols-[1fr_auto_1fr] gap-x-2">
        <Down />
      </div>
      <div className="grid grid-cols-[1fr_auto_1fr] gap-x-2">
        <Box className="font-medium" testId="consort-enrolled">
          {t("enrolled", { n: flow.enrolled })}
        </Box>
      </div>
      {flow.randomized && flow.arms.length ? (
        <>
          <div className="grid grid-cols-[1fr_auto_1fr] gap-x-2">
            <Down />
          </div>
          <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${flow.arms.length}, minmax(0, 1fr))` }}>
            {flow.arms.map((a) => (
              <div key={a.code} className="space-y-0">
                <Box testId={`consort-arm-${a.code}`}>{t("allocated", { arm: `${a.code} · ${localized(a, locale)}`, n: a.allocated })}</Box>
                <Down />
                <Box className="text-xs">{a.withdrawn === null ? t("withdrawnHidden") : t("withdrawnArm", { n: a.withdrawn })}</Box>
              </div>
            ))}
          </div>
        </>
      ) : (
        <>
          <div className="grid grid-cols-[1fr_auto_1fr] gap-x-2">
            <Down />
          </div>
          <div className="grid grid-cols-[1fr_auto_1fr] gap-x-2">
            <Box>{t("withdrawn", { n: flow.withdrawn })}</Box>
          </div>
        </>
      )}
    </figure>
  );
}
