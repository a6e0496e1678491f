import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { BoxChooserPage } from "@/lib/biobank/queries/storage";

type Props = { barcode: string; holderCode: string; q: string; boxes: BoxChooserPage };

/**
 * Where to put a specimen: the boxes of its holder centre that have space, in natural order,
 * searchable and paged; each opens the box grid to click a free position. With no box at the
 * centre at all, it says what storage must be created first and links there.
 */
export async function BoxChooser({ barcode, holderCode, q, boxes }: Props) {
  const t = await getTranslations("biobank");
  const tc = await getTranslations("common");
  const here = `/biobank/specimens/${barcode}`;
  const pageHref = (p: number) => `${here}?${new URLSearchParams({ ...(q ? { boxq: q } : {}), boxpage: String(p) }).toString()}`;
  if (boxes.boxesAtCentre === 0) {
    return (
      <p className="text-sm" data-testid="no-storage">
        {t("specimen.noStorage", { centre: holderCode })}{" "}
        <Link prefetch={false} className="text-primary underline underline-offset-2" href="/biobank/storage">{t("specimen.setUpStorage")}</Link>
      </p>
    );
  }
  return (
    <div className="space-y-2" data-testid="box-chooser">
      <form method="get" action={here} role="search" aria-label={t("specimen.boxChooser")} className="flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="box-q">{t("specimen.boxSearch")}</Label>
          <Input id="box-q" name="boxq" defaultValue={q} autoComplete="off" className="w-44" />
        </div>
        <Button type="submit" variant="outline" size="sm">{tc("search")}</Button>
      </form>
      <p className="text-xs text-muted-foreground">{t("specimen.choosePosition")}</p>
      {boxes.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {q ? t("specimen.noBoxMatch", { q }) : t("specimen.allBoxesFull", { centre: holderCode })}{" "}
          <Link prefetch={false} className="text-primary underline underline-offset-2" href="/biobank/storage">{t("specimen.setUpStorage")}</Link>
        </p>
      ) : (
        <ul className="max-h-72 space-y-0.5 overflow-y-auto text-sm" aria-label={t("specimen.boxChooser")}>
          {boxes.rows.map((b) => (
            <li key={b.id}>
              <Link prefetch={false} className="text-primary hover:underline" href={`/biobank/storage/boxes/${b.id}?place=${barcode}`} data-testid="box-choice">
                {b.path}
              </Link>{" "}
              <span className="text-xs text-muted-foreground">{t("specimen.boxFree", { free: b.free })}</span>
            </li>
          ))}
        </ul>
      )}
      {boxes.pages > 1 ? (
        <div className="flex items-center gap-2 text-sm">
          {boxes.page > 1 ? <Link prefetch={false} className="text-primary hover:underline" href={pageHref(boxes.page - 1)}>{tc("previous")}</Link> : null}
          <span>{t("search.page", { page: boxes.page, pages: boxes.pages })}</span>
          {boxes.page < boxes.pages ? <Link prefetch={false} className="text-primary hover:underline" href={pageHref(boxes.page + 1)}>{tc("next")}</Link> : null}
        </div>
      ) : null}
    </div>
  );
}
