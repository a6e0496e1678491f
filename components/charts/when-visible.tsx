"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Renders its children only once the box comes near the viewport (IntersectionObserver), so a
 * chart below the fold neither runs nor downloads its code (next/dynamic chunks load on first
 * render) until someone scrolls to it. Until then, and where there is no IntersectionObserver
 * to ask, the fallback is shown.
 */
export function WhenVisible({ children, fallback = null, rootMargin = "200px" }: { children: React.ReactNode; fallback?: React.ReactNode; rootMargin?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === "undefined") {
      // No observer to ask (old browsers): show it, after this commit rather than inside it.
      const id = setTimeout(() => setSeen(true), 0);
      return () => clearTimeout(id);
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          io.disconnect();
        }
      },
      { rootMargin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [seen, rootMargin]);
  return (
    <div ref={box} className="h-full w-full" data-visible={seen ? "true" : "false"}>
      {seen ? children : fallback}
    </div>
  );
}
