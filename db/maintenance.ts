import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query-rows";

/**
 * Planner statistics, kept. PGlite has no autovacuum: nothing else ever runs ANALYZE, and a
 * planner that believes a 131,200-row table holds 2 rows turned a 0.2 s dashboard into 18 s.
 * So the handle's migrate(), the demo seed and bulk imports call refreshStatistics(), and the
 * process's embedded database runs it periodically (startStatisticsMaintenance).
 *
 * A table is analysed when it never was, or when it changed materially since its last ANALYZE,
 * by either measure (both work on PGlite and PostgreSQL):
 * - rows written since (pg_stat_user_tables.n_mod_since_analyze) above autovacuum's own rule,
 *   50 + 10 % of the rows. PGlite's counters live in memory only and restart at zero when the
 *   folder is opened again, hence the second measure;
 * - its size on disk now against its size at the last ANALYZE (pg_class.relpages): growth or
 *   shrinkage of 10 % and at least 8 pages. This one survives restarts.
 */

export type AnalysedTable = { table: string; reason: "never analysed" | "rows changed" | "size changed"; ms: number };

type TableState = { name: string; reltuples: number; relpages: number; pages: number; modified: number };

const MIN_ROWS = 50;
const ROW_FRACTION = 0.1;
const MIN_PAGES = 8;

function staleness(t: TableState): AnalysedTable["reason"] | null {
  if (t.reltuples < 0) return "never analysed";
  if (t.modified >= MIN_ROWS + ROW_FRACTION * t.reltuples) return "rows changed";
  if (Math.abs(t.pages - t.relpages) >= Math.max(MIN_PAGES, ROW_FRACTION * t.relpages)) return "size changed";
  return null;
}

async function tableStates(db: Db): Promise<TableState[]> {
  const [v] = await queryRows<{ version: number }>(db, sql`select current_setting('server_version_num')::int as version`);
  // Writes of this session reach pg_stat_user_tables only when its pending counters are
  // flushed (at most once a second, when idle): ask for the flush first (PostgreSQL 15 and later).
  if (Number(v.version) >= 150000) await db.execute(sql`select pg_stat_force_next_flush()`);
  const rows = await queryRows<TableState>(
    db,
    sql`select c.oid::regclass::text as name, c.reltuples::float8 as reltuples, c.relpages::int as relpages,
          (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages,
          coalesce(s.n_mod_since_analyze, 0)::float8 as modified
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        left join pg_stat_user_tables s on s.relid = c.oid
        where c.relkind in ('r', 'm') and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
        order by 1`,
  );
  return rows.map((r) => ({ ...r, reltuples: Number(r.reltuples), relpages: Number(r.relpages), pages: Number(r.pages), modified: Number(r.modified) }));
}

/**
 * Analyses the tables whose statistics are missing or stale, one statement per table (so other
 * work gets through between them), and says which. Call it after any bulk write.
 */
export async function refreshStatistics(db: Db): Promise<AnalysedTable[]> {
  const done: AnalysedTable[] = [];
  for (const t of await tableStates(db)) {
    const reason = staleness(t);
    if (!reason) continue;
    const started = performance.now();
    // The name comes from the catalogue as regclass text: already quoted where it must be.
    await db.execute(sql.raw(`analyze ${t.name}`));
    done.push({ table: t.name, reason, ms: Math.round(performance.now() - started) });
  }
  return done;
}

export const DEFAULT_MAINTENANCE_INTERVAL_MS = 5 * 60_000;

/**
 * Runs refreshStatistics every `intervalMs` through the same database handle (so it queues with
 * everything else), never two at once, without keeping the process alive. Returns stop(), which
 * resolves once a run in progress has ended: close the database only after it.
 */
export function startStatisticsMaintenance(
  db: Db,
  opts: { intervalMs?: number; log?: (m: string) => void } = {},
): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? (Number(process.env.DB_MAINTENANCE_INTERVAL_MS) || DEFAULT_MAINTENANCE_INTERVAL_MS);
  const log = opts.log ?? ((m: string) => console.log(`[ncrc] ${m}`));
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = refreshStatistics(db)
      .then((done) => {
        if (done.length > 0) log(`statistics refreshed: ${done.map((d) => `${d.table} (${d.reason}, ${d.ms} ms)`).join(", ")}`);
      })
      .catch((err) => log(`statistics maintenance failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
