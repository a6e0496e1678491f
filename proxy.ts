import { NextResponse, type NextRequest } from "next/server";

// Only redirects signed-out visitors to /login; every page, action and route handler checks
// the actor against the database itself.
export function proxy(req: NextRequest) {
  const hasSession =
    req.cookies.has("next-auth.session-token") || req.cookies.has("__Secure-next-auth.session-token");
  if (!hasSession) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!login|api|_next|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
