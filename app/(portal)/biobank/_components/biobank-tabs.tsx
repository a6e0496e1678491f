import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";
import { cn } from "@/lib/utils";

const TABS: { key: string; href: string; permission: Permission }[] = [
  { key: "search", href: "/biobank", permission: "biobank.read" },
  { key: "register", href: "/biobank/specimens/new", permission: "biobank.specimen.register" },
  { key: "storage", href: "/biobank/storage", permission: "biobank.storage.manage" },
  { key: "transfers", href: "/biobank/transfers", permission: "biobank.specimens.read" },
  { key: "releases", href: "/biobank/releases", permission: "biobank.specimens.read" },
  { key: "donors", href: "/biobank/donors", permission: "biobank.specimen.register" },
];

/** The biobank's own sub-navigation; a tab shows only to roles holding its permission. */
export async function BiobankTabs({ actor, current }: { actor: Actor; current: string }) {
  const t = await getTranslations("biobank");
  return (
    <nav aria-label={t("title")} className="mb-4 flex flex-wrap gap-1 border-b border-border print:hidden">
      {TABS.filter((x) => can(actor, x.permission)).map((x) => (
        <Link
          key={x.key}
          href={x.href}
          aria-current={x.key === current ? "page" : undefined}
          className={cn("rounded-t-md px-3 py-2 text-sm", x.key === current ? "border-b-2 border-primary font-medium text-primary" : "text-muted-foreground hover:text-foreground")}
        >
          {t(`tabs.${x.key}`)}
        </Link>
      ))}
    </nav>
  );
}
