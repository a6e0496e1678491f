"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { GridCell } from "@/lib/biobank/box-grid";
import { placeSpecimenAction } from "@/app/(portal)/biobank/storage/actions";

type Props = { boxId: number; layout: GridCell[][]; placing: string | null };

/**
 * The positions of a box. Occupied cells open their specimen; while a specimen is being placed
 * (?place=<barcode>), each empty cell is a button that places it there (keyboard: Tab, Enter).
 */
export function BoxGrid({ boxId, layout, placing }: Props) {
  const t = useTranslations("biobank");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: true; location: string | null } | { ok: false; message: string } | null>(null);
  const place = (cell: GridCell) => {
    if (!placing || pending) return;
    startTransition(async () => {
      const r = await placeSpecimenAction({ barcode: placing, boxId, row: cell.row, col: cell.col });
      setResult(r.ok ? { ok: true, location: r.data.location } : { ok: false, message: r.message });
      if (r.ok) router.refresh();
    });
  };
  const cols = layout[0]?.length ?? 0;
  return (
    <div className="space-y-2">
      <table className="border-separate border-spacing-1 text-xs" data-testid="box-grid" aria-busy={pending}>
        <thead>
          <tr>
            <th scope="col"><span className="sr-only">{t("specimen.row")}</span></th>
            {Array.from({ length: cols }, (_, c) => <th key={c} scope="col" className="text-muted-foreground">{c + 1}</th>)}
          </tr>
        </thead>
        <tbody>
          {layout.map((row) => (
            <tr key={row[0]?.row}>
              <th scope="row" className="pr-1 text-muted-foreground">{String.fromCharCode(64 + (row[0]?.row ?? 1))}</th>
              {row.map((cell) => (
                <td key={cell.col} className="p-0">
                  {cell.action === "open" && cell.occupant ? (
                    <Link
                      prefetch={false}
                      href={`/biobank/specimens/${cell.occupant.barcode}`}
                      title={`${cell.position} · ${cell.occupant.barcode} · ${t(`types.${cell.occupant.type}`)}`}
                      aria-label={`${cell.position} ${t("storage.occupied")} ${cell.occupant.barcode}`}
                      data-testid={`cell-${cell.position}`}
                      className={`flex size-9 items-center justify-center rounded font-mono text-[9px] text-primary-foreground hover:bg-primary ${cell.occupant.barcode === placing ? "bg-success ring-2 ring-success" : "bg-primary/80"}`}
                    >
                      {cell.occupant.barcode.slice(-4)}
                    </Link>
                  ) : cell.action === "place" ? (
                    <button
                      type="button"
                      onClick={() => place(cell)}
                      disabled={pending}
                      aria-label={t("storage.placeAt", { position: cell.position, barcode: placing ?? "" })}
                      data-testid={`cell-${cell.position}`}
                      className="flex size-9 items-center justify-center rounded border border-dashed border-primary text-primary hover:bg-primary/10 focus-visible:outline-2 focus-visible:outline-primary disabled:opacity-50"
                    >
                      {cell.position}
                    </button>
                  ) : (
                    <span
                      aria-label={`${cell.position} ${t("storage.free")}`}
                      role="img"
                      data-testid={`cell-${cell.position}`}
                      className="flex size-9 items-center justify-center rounded border border-dashed border-border text-muted-foreground"
                    >
                      {cell.position}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" aria-live="polite" className="text-sm" data-testid="grid-result">
        {result?.ok ? (
          <span className="text-success">
            {t("storage.placedAt", { location: result.location ?? "" })}{" "}
            {placing ? <Link prefetch={false} className="text-primary underline underline-offset-2" href={`/biobank/specimens/${placing}`}>{t("storage.backToSpecimen")}</Link> : null}
          </span>
        ) : result ? (
          <span className="text-destructive">{result.message}</span>
        ) : null}
      </p>
    </div>
  );
}
