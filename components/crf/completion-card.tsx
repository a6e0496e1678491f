import { getLocale, getTranslations } from "next-intl/server";
import { CompletionTable } from "@/components/crf/completion-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import type { StudyCompletion } from "@/lib/crf/queries/completion";

/** A study's data-entry figures by site, in a card (counts only); streamed: the page does not wait for them. */
export async function CompletionCard({ completion, className, testId }: { completion: Promise<StudyCompletion | null>; className?: string; testId: string }) {
  const data = await completion;
  if (!data) return null;
  const [t, locale] = [await getTranslations("crf.completion"), await getLocale()];
  return (
    <Card className={cn("min-w-0", className)} data-testid={testId}>
      <CardHeader>
        <CardTitle>{t("heading")}</CardTitle>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </CardHeader>
      <CardContent>
        <CompletionTable data={data} locale={locale} />
      </CardContent>
    </Card>
  );
}
