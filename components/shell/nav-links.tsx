"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col">
      {items.map((i) => {
        const active = pathname === i.href || pathname.startsWith(`${i.href}/`);
        return (
          <li key={i.href}>
            <Link
              href={i.href}
              aria-current={active ? "page" : undefined}
              className={cn("block whitespace-nowrap rounded-md px-3 py-2 text-sm hover:bg-muted", active && "bg-primary/10 font-medium text-primary")}
            >
              {i.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
