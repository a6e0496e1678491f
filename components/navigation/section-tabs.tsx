"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export type SectionTab = { href: string; label: string };

/**
 * A page's sections as a row of tabs that wraps onto a second line when the screen is narrow
 * (a 768 px tablet holds about seven): every tab stays visible and reachable with the keyboard,
 * none is hidden off-screen. The current one is marked for assistive technology too.
 */
export function SectionTabs({ base, tabs, label }: { base: string; tabs: SectionTab[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-b border-border">
      <ul className="flex flex-wrap gap-x-1" data-testid="section-tabs">
        {tabs.map((t) => {
          const href = t.href ? `${base}/${t.href}` : base;
          const active = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring",
                  active ? "border-primary font-medium text-primary" : "border-transparent hover:bg-muted",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
