import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { UserRow } from "@/lib/users/queries/users";

/** The people whose home is this centre (only for roles that may read users). */
export async function CentreUsers({ rows, total, centreCode }: { rows: UserRow[]; total: number; centreCode: string }) {
  const t = await getTranslations("network");
  const tu = await getTranslations("users");
  const tc = await getTranslations("common");
  if (!rows.length) return <p className="text-sm text-muted-foreground">{t("noPeople")}</p>;
  return (
    <div className="space-y-2">
      <Table data-testid="centre-users">
        <THead>
          <TR>
            <TH>{tu("name")}</TH>
            <TH>{tu("email")}</TH>
            <TH>{tu("role")}</TH>
            <TH>{tu("status")}</TH>
          </TR>
        </THead>
        <TBody>
          {rows.map((u) => (
            <TR key={u.id}>
              <TD>
                <Link prefetch={false} href={`/users/${u.id}`} className="text-primary hover:underline">
                  {u.name}
                </Link>
              </TD>
              <TD>{u.email}</TD>
              <TD>{tc(`roles.${u.role}`)}</TD>
              <TD className="whitespace-nowrap">{u.disabled ? <Badge variant="warning">{tu("disabled")}</Badge> : <Badge variant="success">{tc("active")}</Badge>}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {total > rows.length ? (
        <p className="text-sm">
          <Link prefetch={false} href={`/users?centre=${centreCode}`} className="text-primary hover:underline">
            {t("allPeople", { total })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
