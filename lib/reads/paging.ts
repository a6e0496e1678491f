/** Server-side paging: a 1-based page number clamped to something sane. */
export type Paged<T> = { rows: T[]; total: number; page: number; pages: number; pageSize: number };

export function pageOf(raw: unknown): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function paged<T>(rows: T[], total: number, page: number, pageSize: number): Paged<T> {
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)), pageSize };
}

/** One string from a search param (first value of a repeated one), trimmed; "" when absent. */
export function param(raw: string | string[] | undefined, max = 100): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return (v ?? "").trim().slice(0, max);
}
