// Dev aid: node scripts/shot.mjs <baseUrl> <email|-> <outDir> <path> [<path> …] — signs in, screenshots each path.
import { chromium } from "@playwright/test";
const [base, email, out, ...paths] = process.argv.slice(2);
const locale = process.env.SHOT_LOCALE || "zh-CN";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale });
await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
const page = await ctx.newPage();
if (email && email !== "-") {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", process.env.SHOT_PASSWORD || "demo-Passw0rd!");
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15000 }).catch(() => {});
}
let i = 0;
for (const p of paths) {
  await page.goto(`${base}${p}`);
  await page.waitForLoadState("networkidle").catch(() => {});
  const file = `${out}/${String(i++).padStart(2, "0")}-${p.replace(/[^a-z0-9]+/gi, "_")}-${locale}.png`;
  await page.screenshot({ path: file, fullPage: process.env.SHOT_FULL !== "0" });
  console.log(file, page.url());
}
await browser.close();
