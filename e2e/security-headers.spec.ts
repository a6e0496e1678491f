import { expect, login, test } from "./helpers";

// The headers as the production server sends them (scripts/serve.mjs over the real build).

const FIXED = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test("pages, route handlers and build assets carry the security headers; every page script has the response's nonce", async ({ page, request }) => {
  const loginPage = await request.get("/login");
  expect(loginPage.status()).toBe(200);
  const csp = loginPage.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
  for (const [k, v] of Object.entries(FIXED)) expect(loginPage.headers()[k]).toBe(v);
  expect(loginPage.headers()["permissions-policy"]).toContain("camera=()");

  // Next put the nonce on every script it rendered; a script without it would not run.
  const html = await loginPage.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
  // A second response, a second nonce.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  const api = await request.get("/api/health");
  for (const [k, v] of Object.entries(FIXED)) expect(api.headers()[k]).toBe(v);
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");

  const asset = /<script\b[^>]*\bsrc="([^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const js = await request.get(asset!);
  expect(js.status()).toBe(200);
  expect(js.headers()["x-content-type-options"]).toBe("nosniff");

  // Signed in, with charts on the page (the CSP fixture fails the test on any violation).
  await login(page, "admin@ncrc.demo", "en");
  await page.goto("/dashboard");
  await expect(page.locator("main")).toBeVisible();
});
