"use client";

import * as React from "react";

/**
 * While `dirty`, leaving the page asks first: the browser's own prompt on reload, close or an
 * outside address (beforeunload), and a confirmation on any in-app link (Next's <Link> navigates
 * without unloading, so its clicks are caught here, before the router sees them).
 */
export function useUnsavedGuard(dirty: boolean, message: string): void {
  React.useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!(a instanceof HTMLAnchorElement) || a.target === "_blank" || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin) return; // beforeunload asks for those
      if (to.pathname === window.location.pathname && to.search === window.location.search) return; // an anchor on this page
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
