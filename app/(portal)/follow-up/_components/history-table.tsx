import { getLocale, getTranslations } from "next-intl/server";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { HistoryVersion } from "@/lib/followup/queries/followup";
import { recordVersionFormatter } from "@/lib/audit/diff";
import { formatNetworkInstant } from "@/lib/time/network-instant";

/** Every saved version: who, when, why, and each changed field's old and new value. */
export async function HistoryTable({ versions }: { versions: HistoryVersion[] }) {
  const t = await getTranslations("followup");
  if (versions.length === 0) return <p className="text-sm text-muted-foreground">{t("history.none")}</p>;
  const fmt = recordVersionFormatter(await getTranslations(), await getLocale());
  const label = fmt.label;
  return (
    <Table data-testid="history">
      <THead>
        <TR>
          <TH>{t("history.version")}</TH>
          <TH>{t("history.at")}</TH>
          <TH>{t("history.by")}</TH>
          <TH>{t("history.why")}</TH>
          <TH>{t("history.changes")}</TH>
        </TR>
      </THead>
      <TBody>
        {versions.map((v, i) => {
          const prev = i > 0 ? versions[i - 1].values : null;
          return (
            <TR key={v.version}>
              <TD>{v.version}</TD>
              <TD className="whitespace-nowrap">{formatNetworkInstant(v.changedAt)}</TD>
              <TD>{v.changedByName ?? ""}</TD>
              <TD>{v.reason ?? t("history.first")}</TD>
              <TD>
                {prev ? (
                  <ul className="space-y-0.5">
                    {v.changedFields.map((f) => (
                      <li key={f}>{t("history.oldNew", { field: label(f), old: fmt.value(f, prev[f]), new: fmt.value(f, v.values[f]) })}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-xs text-muted-foreground">
                    {Object.entries(v.values)
                      .map(([k, x]) => `${label(k)}: ${fmt.value(k, x)}`)
                      .join(" · ")}
                  </span>
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
