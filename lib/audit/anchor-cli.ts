import { generateKeyPairSync } from "node:crypto";
import { getHandle } from "@/db/client";
import { anchorOf } from "@/lib/audit/anchor";
import { takeCheckpoint } from "@/lib/audit/checkpoints";
import { keyIdOf, publicKeyText } from "@/lib/audit/signing-key";

// npm run audit:anchor            signs the trail's head now and prints the anchor (JSON): keep
//                                 it outside the database, then `npm run audit:verify -- --anchor FILE`.
// npm run audit:anchor -- --new-key   prints a new AUDIT_SIGNING_KEY and its public key (no database).

function newKey(): void {
  const { privateKey } = generateKeyPairSync("ed25519");
  const der = privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
  console.log(`AUDIT_SIGNING_KEY=${der}`);
  console.log(`# public key (for AUDIT_VERIFY_KEYS elsewhere): ${publicKeyText(privateKey)}`);
  console.log(`# key id: ${keyIdOf(privateKey)}`);
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes("--new-key")) return newKey();
  if (argv.length > 0) throw new Error(`unknown argument ${argv[0]} (use --new-key, or nothing)`);
  const h = await getHandle();
  try {
    const cp = await takeCheckpoint(h.db);
    if (!cp) throw new Error("the audit trail is empty: nothing to anchor yet");
    console.log(JSON.stringify(anchorOf(cp), null, 2));
  } finally {
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
