import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { localized } from "@/lib/i18n/localized";
import type { CentreRow } from "@/lib/network/queries/centres";

export async function CentreChildren({ rows }: { rows: CentreRow[] }) {
  const t = await getTranslations("network");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  if (!rows.length) return <p className="text-sm text-muted-foreground">{t("noChildren")}</p>;
  return (
    <Table data-testid="centre-children">
      <THead>
        <TR>
          <TH>{t("code")}</TH>
          <TH>{t("name")}</TH>
          <TH>{t("level")}</TH>
          <TH>{t("city")}</TH>
          <TH>{t("activeUsers")}</TH>
          <TH>{t("status")}</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((c) => (
          <TR key={c.id}>
            <TD>
              <code>{c.code}</code>
            </TD>
            <TD>
              <Link prefetch={false} href={`/centres/${c.code}`} className="text-primary hover:underline">
                {localized(c, locale)}
              </Link>
            </TD>
            <TD>{tc(`levels.${c.level}`)}</TD>
            <TD>{c.city}</TD>
            <TD>{c.userCount}</TD>
            <TD className="whitespace-nowrap">{c.active ? <Badge variant="success">{tc("active")}</Badge> : <Badge variant="warning">{tc("inactive")}</Badge>}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
