import fs from "node:fs";
import path from "node:path";

/**
 * One process per PGlite folder: a second opener would lose writes silently. Takes `<dir>.lock`
 * (holding this process's id) or refuses with a clear message; a lock left by a process that no
 * longer runs is taken over. Returns the release function.
 */
export function takeFolderLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  // Folders this process holds open, shared by all its bundles. A lock file naming this process
  // but not in the set was left by an earlier process that had the same id (containers reuse them).
  const g = globalThis as unknown as { __ncrcOpenFolders?: Set<string> };
  const open = (g.__ncrcOpenFolders ??= new Set());
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      open.add(lockFile);
      const release = () => {
        process.off("exit", release);
        open.delete(lockFile);
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (holder === process.pid && open.has(lockFile)) throw new Error(`The embedded database folder ${dir} is already open in this process.`);
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database folder ${dir} is already open in process ${holder}. ` +
            `Stop that process, or set PGLITE_DIR to another folder (or DATABASE_URL to a PostgreSQL server).`,
        );
      }
      fs.unlinkSync(lockFile); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
