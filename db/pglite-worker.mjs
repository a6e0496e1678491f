// The embedded database's own thread. PGlite runs its queries synchronously inside WebAssembly:
// on the HTTP thread one slow query would hold every other request. Here it holds only this
// thread, and the server keeps answering. db/worker-client.ts is the other end of the protocol.
//
// Plain ESM on purpose: `next start` loads it from disk at run time (new Worker(path)), unbundled.
//
// Protocol (every request carries an id; the answer echoes it):
//   { t: "query", id, sql, params, rowMode, parsers: oid[], tx, burst, deadline }
//   { t: "begin", id, tx, burst }   open transaction `tx`; later statements with that tx run in it
//   { t: "end", id, tx, commit }    COMMIT (or ROLLBACK) it
//   { t: "close", id }
//   answers: { id, ok: true, result } | { id, ok: false, error, timedOut? }
// One statement at a time (PGlite is one connection), bursts taking turns (see `lanes`). While a
// transaction is open only its own statements run, in order; the others wait. A read still waiting when
// its deadline passes is dropped unrun: its caller has already been told it timed out.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const port = parentPort;
if (!port) throw new Error("db/pglite-worker.mjs runs only as a worker thread");

/**
 * Waiting top-level work (statements outside transactions, transactions to begin), in lanes: one
 * per burst, the statements a caller sent together (db/worker-client.ts numbers them), each lane
 * in its own order. Lanes take turns, one statement each: a lane that has just had its turn goes
 * to the back, and the burst that ran last never runs twice in a row while another waits (even
 * when more of its statements arrive late). So a page that fires five heavy reads at once does
 * not make a sign-in's one small read wait for all five, only for the one already running; and a
 * script's long run of one-at-a-time statements alternates with the others, never starves them.
 */
const lanes = []; // { burst, items }, in turn order
let lastBurst = null;

function enqueue(msg) {
  const lane = lanes.find((l) => l.burst === msg.burst);
  if (lane) lane.items.push(msg);
  else lanes.push({ burst: msg.burst, items: [msg] });
}

function nextWork() {
  if (lanes.length === 0) return null;
  let i = lanes.findIndex((l) => l.burst !== lastBurst);
  if (i < 0) i = 0;
  const [lane] = lanes.splice(i, 1);
  const msg = lane.items.shift();
  if (lane.items.length > 0) lanes.push(lane);
  lastBurst = lane.burst;
  return msg;
}

/** The open transaction: its id, its own waiting statements, and how to end it. */
let open = null;
let pumping = false;
let closing = null;

const identity = (value) => value;

/**
 * drizzle passes parsers that return the text as it came (timestamps, dates, intervals and some
 * arrays stay strings). Functions cannot cross postMessage, so the caller sends the type ids and
 * the same identity parsers are applied here.
 */
function queryOptions(msg) {
  const parsers = {};
  for (const oid of msg.parsers ?? []) parsers[oid] = identity;
  return { rowMode: msg.rowMode, parsers };
}

function errorOf(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = { message: err.message, name: err.name };
  for (const key of Object.keys(err)) {
    const v = err[key];
    if (v === undefined || typeof v === "function" || typeof v === "object") continue;
    out[key] = v;
  }
  return out;
}

function answer(id, result) {
  port.postMessage({ id, ok: true, result });
}

function fail(id, err) {
  port.postMessage({ id, ok: false, error: errorOf(err) });
}

function expired(msg) {
  if (msg.deadline && Date.now() > msg.deadline) {
    port.postMessage({ id: msg.id, ok: false, timedOut: true, error: { message: "statement timed out before it started" } });
    return true;
  }
  return false;
}

async function runQuery(target, msg) {
  if (expired(msg)) return;
  try {
    answer(msg.id, await target.query(msg.sql, msg.params ?? [], queryOptions(msg)));
  } catch (err) {
    fail(msg.id, err);
  }
}

/** Runs one transaction to its end: its statements in order, then COMMIT or ROLLBACK. */
async function runTransaction(msg) {
  const rollback = new Error("rollback requested");
  let endMsg = null;
  try {
    await pg.transaction(async (tx) => {
      const waiting = [];
      let wake = null;
      open = {
        tx: msg.tx,
        push(m) {
          waiting.push(m);
          if (wake) wake();
        },
      };
      answer(msg.id, null);
      for (;;) {
        while (waiting.length === 0) await new Promise((r) => (wake = r));
        wake = null;
        const m = waiting.shift();
        if (m.t === "end") {
          endMsg = m;
          break;
        }
        await runQuery(tx, m);
      }
      if (!endMsg.commit) throw rollback;
    });
    answer(endMsg.id, null);
  } catch (err) {
    if (!endMsg) fail(msg.id, err); // BEGIN itself failed
    else if (err === rollback) answer(endMsg.id, null);
    else fail(endMsg.id, err); // COMMIT failed: PGlite has rolled back
  } finally {
    open = null;
  }
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    // While a statement runs this thread is inside WebAssembly and receives nothing: let the
    // messages that arrived meanwhile in (setImmediate runs after they are delivered) before
    // choosing what runs next, or the lanes would only ever see one statement at a time.
    const arrived = () => new Promise((resolve) => setImmediate(resolve));
    await arrived();
    for (let msg = nextWork(); msg; await arrived(), (msg = nextWork())) {
      if (msg.t === "begin") await runTransaction(msg);
      else await runQuery(pg, msg);
    }
  } finally {
    pumping = false;
  }
  if (closing) await finishClose();
}

async function finishClose() {
  const msg = closing;
  closing = null;
  try {
    await pg.close();
    answer(msg.id, null);
  } catch (err) {
    fail(msg.id, err);
  }
  port.close();
}

const pg = workerData?.dir ? new PGlite(workerData.dir) : new PGlite();

port.on("message", (msg) => {
  if ((msg.t === "query" || msg.t === "end") && msg.tx) {
    // A statement (or the end) of the open transaction: accepted even while closing, so that
    // a transaction under way can finish before the database closes.
    if (!open || open.tx !== msg.tx) return fail(msg.id, new Error(`transaction ${msg.tx} is not open`));
    return open.push(msg);
  }
  if (closing) return fail(msg.id, new Error("the database is closing"));
  switch (msg.t) {
    case "query":
    case "begin":
      if (msg.t === "begin" && !msg.tx) return fail(msg.id, new Error("begin without a transaction id"));
      enqueue(msg);
      return void pump();
    case "close":
      closing = msg;
      if (!pumping) void finishClose();
      return;
    default:
      fail(msg.id, new Error(`unknown request ${msg.t}`));
  }
});

pg.waitReady.then(
  () => port.postMessage({ t: "ready" }),
  (err) => port.postMessage({ t: "failed", error: errorOf(err) }),
);
