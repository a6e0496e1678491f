import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { fixedSecurityHeaders, publicUrlIsHttps, ROUTE_HANDLER_CSP } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time,
  // and argon2 is a native addon: neither may be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "bwip-js"],
  poweredByHeader: false,
  // Separate build folders let several checkouts or e2e runs build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The bulk record import posts a form's file and its group files (each at most 5 MB, checked
  // by the command) through a server action: above Next's 1 MB default.
  experimental: { serverActions: { bodySizeLimit: "12mb" }, proxyClientMaxBodySize: "12mb" },
  // Every response, build assets and route handlers included (pages add their CSP in proxy.ts).
  // Read when the build is made: the HSTS decision follows NEXTAUTH_URL at build time here, and
  // at run time in proxy.ts. (A relative import: next.config is compiled before path aliases apply.)
  async headers() {
    return [
      { source: "/:path*", headers: fixedSecurityHeaders({ https: publicUrlIsHttps() }) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: ROUTE_HANDLER_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
