import { getDb } from "@/db/client";
import { isDemoLoaded } from "@/seed/index";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/seed/network-data";

// Once the demo marker is in the database it stays there for the life of the process (only a
// `db:seed --reset` from another process removes it, and that needs a restart anyway): the login
// page then asks the database nothing, so sign-in never waits behind a running statement.
const g = globalThis as { __ncrcDemoLoaded?: boolean };

/** The demo accounts, only while the demo data is loaded. */
export async function demoAccountsIfLoaded() {
  if (!g.__ncrcDemoLoaded) {
    if (!(await isDemoLoaded(await getDb()))) return null;
    g.__ncrcDemoLoaded = true;
  }
  return {
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.map(([email, role, centreCode]) => ({ email, role, centreCode })),
  };
}
