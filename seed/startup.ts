import { getHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/seed/index";
import { isDemoMode } from "@/lib/auth/config";
import { checkDatabaseRole, checkSecuritySettings } from "@/lib/auth/security-settings";
import { sweepMatchNotices } from "@/lib/molecular/match-sweep";
import { wakeMailer } from "@/lib/notifications/mail-delivery";

/** Runs once when the server starts: secrets present, database migrated, demo data loaded. */
export async function startup(): Promise<void> {
  checkSecuritySettings();
  const h = await getHandle();
  await checkDatabaseRole(h.db, h.kind);
  console.log(`[ncrc] database ready (${h.kind})`);
  if (isDemoMode()) {
    await seedDemoIfEmpty(h.db, (m) => console.log(`[ncrc] ${m}`));
  }
  // Recruiting biomarker studies not yet announced tell their sites now, before the first page
  // (the pages' own sweep would make its first visitor wait for it).
  await sweepMatchNotices();
  // Mail queued before a restart goes out now, not when someone next opens a page.
  wakeMailer();
}

/** A server that answers 500 on every request helps nobody: stop with the reason instead. */
export async function startOrExit(): Promise<void> {
  try {
    await startup();
  } catch (err) {
    console.error(`[ncrc] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
