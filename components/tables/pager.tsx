import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Previous / next links for a table paged on the server; keeps the other search params. */
export async function Pager({
  basePath,
  params,
  page,
  pages,
  total,
}: {
  basePath: string;
  params: Record<string, string>;
  page: number;
  pages: number;
  total: number;
}) {
  const t = await getTranslations("common");
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ""));
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const link = (p: number, label: string, enabled: boolean, rel: string) =>
    enabled ? (
      <Link href={href(p)} rel={rel} className={buttonVariants({ variant: "outline", size: "sm" })}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={cn(buttonVariants({ variant: "outline", size: "sm" }), "pointer-events-none opacity-50")}>
        {label}
      </span>
    );
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-2 pt-3 text-sm">
      <span className="text-muted-foreground" data-testid="page-info">
        {t("pageOf", { page, pages, total })}
      </span>
      <span className="flex gap-2">
        {link(page - 1, t("previous"), page > 1, "prev")}
        {link(page + 1, t("next"), page < pages, "next")}
      </span>
    </nav>
  );
}
