/**
 * The browser security headers. Pages get a Content-Security-Policy with a fresh nonce from
 * proxy.ts (as the Next.js CSP guide does); next.config.ts sends the fixed headers on every
 * response and a locked-down policy on route handlers, which answer JSON and load nothing.
 *
 * Scripts: only those carrying the request's nonce ('strict-dynamic' lets them load the
 * chunks they need); never 'unsafe-inline'. 'unsafe-eval' only under `next dev`, where React
 * rebuilds server error stacks with eval.
 *
 * Styles: `<style>` elements need the nonce too (style-src-elem), but style *attributes* are
 * allowed (style-src-attr 'unsafe-inline'). Nonces cannot cover attributes, and the portal
 * renders them on the server: progress bars and tree indentation are widths and paddings
 * computed from data, and recharts positions its SVG (tooltips, legends, the responsive
 * container) through style attributes. An attribute can restyle an element but cannot run
 * script, and cannot load anything outside img-src ('self', data:, blob:). Browsers
 * older than CSP 3 fall back to style-src, which keeps the nonce.
 */

export type PolicyOptions = { nonce: string; dev?: boolean; https?: boolean };

function join(directives: Array<string | false>): string {
  return directives.filter(Boolean).join("; ");
}

export function pageContentSecurityPolicy({ nonce, dev = false, https = false }: PolicyOptions): string {
  const n = `'nonce-${nonce}'`;
  return join([
    "default-src 'self'",
    `script-src 'self' ${n} 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Next's dev server injects styles without a nonce (hot reload): there a nonce would only
    // switch 'unsafe-inline' off.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' ${n}`,
    dev ? "style-src-elem 'self' 'unsafe-inline'" : `style-src-elem 'self' ${n}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    https && "upgrade-insecure-requests",
  ]);
}

/** Route handlers answer JSON, CSV or files: such a response may load, run and frame nothing (next-auth's own fallback forms still post to us). */
export const ROUTE_HANDLER_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Features the portal never uses, switched off for it and anything it could embed. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";

export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether the public URL (NEXTAUTH_URL) is https: only then is Strict-Transport-Security sent. */
export function publicUrlIsHttps(url: string | undefined = process.env.NEXTAUTH_URL): boolean {
  try {
    return url ? new URL(url).protocol === "https:" : false;
  } catch {
    return false;
  }
}

/** The headers every response carries, whatever it is. */
export function fixedSecurityHeaders({ https }: { https: boolean }): Array<{ key: string; value: string }> {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
  ];
}

/** A nonce for one response: 128 random bits, base64 (what Next's nonce parser accepts). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
