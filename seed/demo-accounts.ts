import { getDb } from "@/db/client";
import { isDemoLoaded } from "@/seed/index";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/seed/network-data";

/** The demo accounts, only while the demo data is loaded. */
export async function demoAccountsIfLoaded() {
  if (!(await isDemoLoaded(await getDb()))) return null;
  return {
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.map(([email, role, centreCode]) => ({ email, role, centreCode })),
  };
}
