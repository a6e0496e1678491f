import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { localized } from "@/lib/i18n/localized";
import type { TreeNode } from "@/lib/network/tree";
import type { CentreRow } from "@/lib/network/queries/centres";

type Node = TreeNode<CentreRow>;

/**
 * The network tree as nested lists. Grass-roots hospitals fold away under their regional centre
 * (there are many of them); everything above stays open.
 */
export async function CentreTree({ nodes }: { nodes: Node[] }) {
  const t = await getTranslations("network");
  const tc = await getTranslations("common");
  const locale = await getLocale();

  const label = (n: Node) => (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1">
      <Link prefetch={false} href={`/centres/${n.code}`} className="font-medium text-primary hover:underline" data-testid={`centre-link-${n.code}`}>
        {localized(n, locale)}
      </Link>
      <code className="text-xs text-muted-foreground">{n.code}</code>
      <Badge variant="muted">{tc(`levels.${n.level}`)}</Badge>
      {n.active ? null : <Badge variant="warning">{tc("inactive")}</Badge>}
      <span className="text-xs text-muted-foreground">{t("userCount", { count: n.userCount })}</span>
    </span>
  );

  const list = (items: Node[]) => (
    <ul className="space-y-0.5 border-l border-border pl-4">
      {items.map((n) => (
        <li key={n.id}>{item(n)}</li>
      ))}
    </ul>
  );

  const item = (n: Node): React.ReactNode => {
    if (!n.children.length) return label(n);
    const leaves = n.children.every((c) => c.level === "grassroots");
    if (!leaves) {
      return (
        <>
          {label(n)}
          {list(n.children)}
        </>
      );
    }
    return (
      <>
        {label(n)}
        <details className="ml-4">
          <summary className="cursor-pointer text-sm text-muted-foreground">{t("grassrootsCount", { count: n.children.length })}</summary>
          {list(n.children)}
        </details>
      </>
    );
  };

  return <div data-testid="centre-tree">{list(nodes)}</div>;
}
