import { NextResponse, type NextRequest } from "next/server";
import { HSTS, newNonce, pageContentSecurityPolicy, publicUrlIsHttps } from "@/lib/http/security-headers";

// Two jobs, neither of them a check: every page gets a Content-Security-Policy with a fresh
// nonce (Next reads it from the request's header and puts it on its own scripts), and signed-out
// visitors are sent to /login. Every page, action and route handler checks the actor against the
// database itself.
export function proxy(req: NextRequest) {
  const https = publicUrlIsHttps();
  const hasSession =
    req.cookies.has("next-auth.session-token") || req.cookies.has("__Secure-next-auth.session-token");
  // /reset/<token>: a password reset link is opened (and its form posted) signed out.
  if (!hasSession && req.nextUrl.pathname !== "/login" && !req.nextUrl.pathname.startsWith("/reset/")) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  // next.config.ts sends this too, but it decides at build time; the public URL may change after.
  if (https) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

export const config = {
  // Pages only: route handlers, build assets and files get their headers from next.config.ts.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico$|.*\\.(?:png|svg|ico|css|js|map|txt|webmanifest|woff2?)$).*)"],
};
