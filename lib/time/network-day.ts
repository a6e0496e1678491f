/**
 * The network's clock. "Today" is the day where the network works (Asia/Shanghai unless
 * NETWORK_TIME_ZONE says otherwise), never the UTC date; every day a person reads or a rule
 * compares is a network day. Browser-safe (no server imports).
 */
export const NETWORK_TIME_ZONE: string = (typeof process !== "undefined" && process.env?.NETWORK_TIME_ZONE) || "Asia/Shanghai";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: NETWORK_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The network day of an instant, as YYYY-MM-DD. */
export function networkDayOf(at: Date | string | number): string {
  return dayFormat.format(new Date(at));
}

/** Today in the network, as YYYY-MM-DD. */
export function networkToday(now: Date = new Date()): string {
  return networkDayOf(now);
}

/** The network's current year. */
export function networkYear(now: Date = new Date()): number {
  return Number(networkToday(now).slice(0, 4));
}

/** YYYY-MM-DD plus n days (calendar arithmetic on the date itself, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a) for two YYYY-MM-DD dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isRealDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * An instant a person states in the network's local time ("YYYY-MM-DDTHH:mm[:ss]", as a
 * datetime-local input sends it), as epoch milliseconds; NaN when it is not one.
 */
export function parseNetworkLocal(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m || !isRealDay(`${m[1]}-${m[2]}-${m[3]}`)) return Number.NaN;
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return Number.NaN;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, s);
  // The zone's offset at that moment (two passes settle a DST boundary; Shanghai has none).
  let t = asUtc - offsetMs(asUtc);
  t = asUtc - offsetMs(t);
  return t;
}

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: NETWORK_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function offsetMs(t: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - Math.floor(t / 1000) * 1000;
}

/** An instant as the network's local "YYYY-MM-DDTHH:mm" (the value of a datetime-local input). */
export function toNetworkLocal(at: Date | string | number): string {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
