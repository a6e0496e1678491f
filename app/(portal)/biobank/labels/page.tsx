import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/can";
import { parseBarcodeList } from "@/lib/biobank/barcodes";
import { code128Svg, dataMatrixSvg } from "@/lib/biobank/label-svg";
import { labelsFor } from "@/lib/biobank/queries/specimens";
import { PrintButton } from "@/app/(portal)/biobank/_components/print-button";
import "@/app/(portal)/biobank/labels/print.css";

export default async function LabelsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await getActor();
  if (!actor || !can(actor, "biobank.specimens.read")) notFound();
  const sp = await searchParams;
  const parsed = parseBarcodeList(sp.barcodes ?? "");
  const t = await getTranslations("biobank");
  const labels = parsed.ok ? await labelsFor(actor, parsed.list) : [];
  const matrix = sp.symbology === "datamatrix";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <h1 className="text-2xl font-semibold">{t("labels.heading")}</h1>
        <PrintButton label={t("labels.print")} />
        <Link prefetch={false} className="text-sm text-primary hover:underline" href={`/biobank/labels?barcodes=${encodeURIComponent(sp.barcodes ?? "")}&symbology=${matrix ? "code128" : "datamatrix"}`}>
          {matrix ? "Code 128" : "DataMatrix"}
        </Link>
        {labels.length === 1 ? <Link prefetch={false} className="text-sm text-primary hover:underline" href={`/biobank/specimens/${labels[0].barcode}`}>{t("labels.back")}</Link> : null}
      </div>
      {labels.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("labels.none")}</p>
      ) : (
        <div className="label-sheet grid grid-cols-[repeat(auto-fill,50mm)] gap-[2mm]" data-testid="label-sheet">
          {labels.map((l) => (
            <figure key={l.barcode} className="flex h-[25mm] w-[50mm] flex-col justify-between overflow-hidden rounded border border-dashed border-border bg-white p-[1.5mm] text-black" data-testid="label">
              <div className={matrix ? "flex items-center gap-[2mm]" : ""}>
                <div
                  role="img"
                  aria-label={l.barcode}
                  className={matrix ? "h-[14mm] w-[14mm] [&>svg]:h-full [&>svg]:w-full" : "h-[9mm] w-full [&>svg]:h-full [&>svg]:w-full"}
                  dangerouslySetInnerHTML={{ __html: matrix ? dataMatrixSvg(l.barcode) : code128Svg(l.barcode) }}
                />
                {matrix ? <span className="text-[7pt] leading-tight">{l.code}</span> : null}
              </div>
              <figcaption className="text-[7pt] leading-tight">
                <div className="font-mono font-semibold">{l.barcode}</div>
                <div>
                  {t(`types.${l.type}`)} · {l.centreCode} · {l.collectedAt}
                </div>
                {!matrix ? <div className="font-mono">{l.code}</div> : null}
                {l.location ? <div className="truncate" data-testid="label-location">{l.location}</div> : null}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
