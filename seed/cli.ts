import { getHandle } from "@/db/client";
import { resetDatabase, seedDemoIfEmpty } from "@/seed/index";

// npm run db:seed [-- --reset]
async function main() {
  const reset = process.argv.includes("--reset");
  const h = await getHandle();
  if (reset) {
    console.log(`resetting the ${h.kind} database…`);
    await resetDatabase(h);
  }
  const loaded = await seedDemoIfEmpty(h.db, console.log);
  if (!loaded) console.log("the database already holds data: nothing seeded (use --reset to start over)");
  await h.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
