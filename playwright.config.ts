import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { chromium } from "@playwright/test";

/** CHROMIUM_PATH, else Playwright's own browser if installed, else Debian's; never a silent skip. */
function browserPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    /* no bundled browser */
  }
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("No browser for the e2e tests: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
}

const port = Number(process.env.E2E_PORT ?? 3210);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR ?? `.data/e2e-${port}`;
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    viewport: { width: 1280, height: 860 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: browserPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: {
    // A fresh embedded database with the demo network for every run, served the way `npm start`
    // serves it (scripts/serve.mjs stamps each request with its socket's address).
    command: `rm -rf ${dataDir} && node scripts/serve.mjs`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      NEXT_DIST_DIR: distDir,
      PGLITE_DIR: `${dataDir}/pglite`,
      NEXTAUTH_URL: baseURL,
      DEMO_MODE: "1",
      PORT: String(port),
    },
  },
});
