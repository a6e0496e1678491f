import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";
import { fixedSecurityHeaders, newNonce, pageContentSecurityPolicy, ROUTE_HANDLER_CSP } from "@/lib/http/security-headers";

afterEach(() => {
  vi.unstubAllEnvs();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("the page policy", () => {
  it("runs only scripts with this response's nonce, never inline ones, and cannot be framed", () => {
    const nonce = newNonce();
    const d = directives(pageContentSecurityPolicy({ nonce }));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("style-src-elem")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageContentSecurityPolicy({ nonce, https: true })).has("upgrade-insecure-requests")).toBe(true);
    // eval only for the dev server's error overlay.
    expect(directives(pageContentSecurityPolicy({ nonce, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("uses a fresh nonce that Next's parser accepts", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("proxy.ts", () => {
  const signedIn = (path: string) =>
    new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: "next-auth.session-token=x" } });

  it("gives every page its own nonce, on the response and on the request Next renders from", () => {
    const res = proxy(signedIn("/dashboard"));
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // NextResponse.next({ request: { headers } }) hands the request headers to the renderer like this.
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const other = proxy(signedIn("/dashboard")).headers.get("content-security-policy");
    expect(other).not.toBe(csp);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("serves /login signed out (with the policy), sends other pages to /login, and adds HSTS on https", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://portal.example.org");
    const login = proxy(new NextRequest("https://portal.example.org/login"));
    expect(login.headers.get("location")).toBeNull();
    expect(login.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(login.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(login.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const away = proxy(new NextRequest("https://portal.example.org/studies?x=1"));
    expect(away.status).toBe(307);
    expect(away.headers.get("location")).toBe("https://portal.example.org/login");
  });

  it("matches pages, and leaves route handlers and build assets to next.config", () => {
    const re = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const p of ["/", "/login", "/dashboard", "/studies/LC-203/participants", "/biobank/labels"]) expect(p).toMatch(re);
    for (const p of ["/api/health", "/api/auth/session", "/_next/static/chunks/a.js", "/_next/image", "/favicon.ico", "/logo.svg"]) expect(p).not.toMatch(re);
  });
});

describe("next.config.ts headers", () => {
  it("sends the fixed headers on every path, a closed policy on route handlers, HSTS only for an https public URL", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    const names = all.headers.map((h) => h.key);
    expect(names).toEqual(expect.arrayContaining(["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"]));
    expect(all.headers.find((h) => h.key === "Referrer-Policy")?.value).toBe("strict-origin-when-cross-origin");
    expect(all.headers.find((h) => h.key === "X-Frame-Options")?.value).toBe("DENY");
    expect(all.headers.find((h) => h.key === "X-Content-Type-Options")?.value).toBe("nosniff");
    expect(rules.find((r) => r.source === "/api/:path*")?.headers).toEqual([{ key: "Content-Security-Policy", value: ROUTE_HANDLER_CSP }]);
    expect(names).not.toContain("Strict-Transport-Security");
    vi.stubEnv("NEXTAUTH_URL", "https://portal.example.org");
    const secure = (await nextConfig.headers!()).find((r) => r.source === "/:path*")!;
    expect(secure.headers.map((h) => h.key)).toContain("Strict-Transport-Security");
    expect(fixedSecurityHeaders({ https: false }).map((h) => h.key)).not.toContain("Strict-Transport-Security");
  });
});
