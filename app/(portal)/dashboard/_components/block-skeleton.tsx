import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

/** What a block shows while its data streams in: its shape, and a word for screen readers. */
export async function BlockSkeleton({ kind }: { kind: "kpis" | "chart" | "table" }) {
  const t = await getTranslations("dashboard");
  return (
    <div aria-busy="true" data-testid={`loading-${kind}`}>
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      {kind === "kpis" ? (
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
          {Array.from({ length: 10 }, (_, i) => (
            <Card key={i} className="h-24 animate-pulse bg-muted/40" />
          ))}
        </div>
      ) : (
        <Card className={`${kind === "chart" ? "h-96" : "h-64"} animate-pulse bg-muted/40`} />
      )}
    </div>
  );
}
