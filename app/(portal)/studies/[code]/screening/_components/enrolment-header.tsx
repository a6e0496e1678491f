import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { EnrolmentStudy } from "@/lib/queries/enrolment-study";
import { cn } from "@/lib/utils";

/** Study heading and the enrolment sections' links (screening, participants, CONSORT). */
export async function EnrolmentHeader({ study, current, showRows }: { study: EnrolmentStudy; current: "screening" | "participants" | "consort"; showRows: boolean }) {
  const [t, ts, locale] = [await getTranslations("enrolment"), await getTranslations("studies"), await getLocale()];
  const tabs = (["screening", "participants", "consort"] as const).filter((k) => showRows || k === "consort");
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/studies/${study.code}`} className="text-sm text-primary hover:underline">
          <code>{study.code}</code>
        </Link>
        <Badge variant="muted">{ts(`status.${study.status}`)}</Badge>
      </div>
      <h1 className="text-xl font-semibold">{locale === "en" ? study.titleEn : study.titleZh}</h1>
      <nav aria-label={t("title")} className="border-b border-border">
        <ul className="flex gap-1 overflow-x-auto">
          {tabs.map((k) => (
            <li key={k}>
              <Link
                href={`/studies/${study.code}/${k}`}
                aria-current={k === current ? "page" : undefined}
                className={cn("block whitespace-nowrap border-b-2 px-3 py-2 text-sm", k === current ? "border-primary font-medium text-primary" : "border-transparent hover:bg-muted")}
              >
                {t(`tabs.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
