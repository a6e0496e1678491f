import path from "node:path";
import { Worker } from "node:worker_threads";
import { DatabaseTimeoutError, isReadStatement } from "@/db/statement-timeout";

/**
 * The thread side of db/pglite-worker.mjs: an object with the two methods drizzle's PGlite
 * driver calls (query and transaction), so `drizzle(client)` gives the usual Db while PGlite
 * itself runs on its own thread. Loaded from disk at run time, never bundled (like migrations).
 */
export const PGLITE_WORKER_SCRIPT = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "pglite-worker.mjs");

type Parsers = Record<number, (value: string, typeId: number) => unknown>;
export type QueryOptions = { rowMode?: "array" | "object"; parsers?: Parsers };
export type QueryResult = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
export type QueryClient = { query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> };

export type WorkerClient = QueryClient & {
  transaction<T>(fn: (tx: QueryClient) => Promise<T>): Promise<T>;
  /** Whether the thread has work (requests unanswered, a transaction open) and how long ago it last answered. */
  activity(): { busy: boolean; sinceLastAnswerMs: number };
  close(): Promise<void>;
};

type Waiting = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout };
type Answer = { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown>; timedOut?: boolean };

/** An error from the database thread, with the fields PostgreSQL gave it (code, constraint, …). */
function rebuildError(fields: Record<string, unknown> | undefined): Error {
  const err = new Error(String(fields?.message ?? "database error"));
  if (fields) Object.assign(err, fields);
  return err;
}

/**
 * Starts PGlite on a worker thread (`dir` null: in memory) and waits until it is ready.
 * Reads outside the thread's control (see db/statement-timeout.ts) are answered with a
 * DatabaseTimeoutError after `statementTimeoutMs` (0: never).
 */
export async function startPgliteWorker(dir: string | null, opts: { statementTimeoutMs: number; script?: string }): Promise<WorkerClient> {
  const worker = new Worker(opts.script ?? PGLITE_WORKER_SCRIPT, { workerData: { dir } });
  const waiting = new Map<number, Waiting>();
  let seq = 0;
  let txSeq = 0;
  let openTransactions = 0;
  let lastAnswerAt = Date.now();
  let dead: Error | null = null;
  let closing = false;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { t?: string; error?: Record<string, unknown> }) => {
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (m.t === "ready") resolve();
      else reject(rebuildError(m.error));
    };
    const onError = (err: Error) => reject(err);
    const onExit = (code: number) => reject(new Error(`the embedded database thread stopped while starting (exit code ${code})`));
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
  }).catch(async (err) => {
    await worker.terminate();
    throw err;
  });

  // Like PGlite on the calling thread, an idle database does not keep the process alive.
  worker.unref();

  const settle = (id: number): Waiting | undefined => {
    const w = waiting.get(id);
    if (!w) return undefined;
    waiting.delete(id);
    if (w.timer) clearTimeout(w.timer);
    if (waiting.size === 0) worker.unref();
    return w;
  };

  worker.on("message", (a: Answer) => {
    lastAnswerAt = Date.now();
    const w = settle(a.id);
    if (!w) return; // its caller already gave up (timed out)
    if (a.ok) w.resolve(a.result);
    else w.reject(rebuildError(a.error));
  });
  const stop = (err: Error) => {
    dead ??= err;
    for (const id of [...waiting.keys()]) settle(id)?.reject(dead);
  };
  worker.on("error", (err) => stop(new Error(`the embedded database thread failed: ${err.message}`, { cause: err })));
  worker.on("exit", (code) => stop(new Error(closing ? "the embedded database is closed" : `the embedded database thread stopped (exit code ${code})`)));

  // Statements sent in the same turn of the event loop form a burst (a page's Promise.all of
  // reads, say): the thread serves bursts in turn rather than strictly in arrival order.
  let burst = 0;
  let burstOpen = false;
  const currentBurst = () => {
    if (!burstOpen) {
      burst++;
      burstOpen = true;
      setImmediate(() => (burstOpen = false));
    }
    return burst;
  };

  function request<T>(msg: Record<string, unknown>, timeout?: { ms: number; statement: string }): Promise<T> {
    if (dead) return Promise.reject(dead);
    if (!msg.tx || msg.t === "begin") msg.burst = currentBurst();
    const id = ++seq;
    return new Promise<T>((resolve, reject) => {
      const w: Waiting = { resolve: resolve as (v: unknown) => void, reject };
      if (timeout) {
        msg.deadline = Date.now() + timeout.ms;
        w.timer = setTimeout(() => settle(id)?.reject(new DatabaseTimeoutError(timeout.ms, timeout.statement)), timeout.ms);
      }
      if (waiting.size === 0) worker.ref();
      waiting.set(id, w);
      try {
        worker.postMessage({ ...msg, id });
      } catch (err) {
        settle(id);
        reject(err as Error);
      }
    });
  }

  const query = (tx: number, sql: string, params: unknown[] = [], options: QueryOptions = {}) => {
    const ms = opts.statementTimeoutMs;
    const timeout = ms > 0 && isReadStatement(sql) ? { ms, statement: sql } : undefined;
    const parsers = Object.keys(options.parsers ?? {}).map(Number);
    return request<QueryResult>({ t: "query", tx, sql, params, rowMode: options.rowMode, parsers }, timeout);
  };

  return {
    query: (sql, params, options) => query(0, sql, params, options),

    async transaction<T>(fn: (tx: QueryClient) => Promise<T>): Promise<T> {
      const tx = ++txSeq;
      await request({ t: "begin", tx });
      openTransactions++;
      let ended = false;
      const txClient: QueryClient = {
        query: (sql, params, options) => (ended ? Promise.reject(new Error("Transaction is closed")) : query(tx, sql, params, options)),
      };
      try {
        let result: T;
        try {
          result = await fn(txClient);
        } catch (err) {
          ended = true;
          await request({ t: "end", tx, commit: false }).catch(() => {}); // the first error is the one to report
          throw err;
        }
        ended = true;
        await request({ t: "end", tx, commit: true });
        return result;
      } finally {
        openTransactions--;
      }
    },

    activity: () => ({ busy: waiting.size > 0 || openTransactions > 0, sinceLastAnswerMs: Date.now() - lastAnswerAt }),

    async close() {
      if (dead) return;
      closing = true;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      await request({ t: "close" });
      const late = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(late);
    },
  };
}
