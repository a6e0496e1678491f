/** A stratification level as typed on the protocol form: "CODE:中文:English", entries separated by ";". */
export type LevelEntry = { code: string; nameZh: string; nameEn: string };

const CODE = /^[A-Z0-9_]{1,12}$/;

/** Parses "M:男:Male; F:女:Female"; null when any entry is malformed or codes repeat, or fewer than two levels. */
export function parseLevelList(text: string): LevelEntry[] | null {
  const parts = text
    .split(/[;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: LevelEntry[] = [];
  for (const p of parts) {
    const bits = p.split(/[:：]/).map((b) => b.trim());
    if (bits.length !== 3 || bits.some((b) => !b)) return null;
    const code = bits[0].toUpperCase();
    if (!CODE.test(code) || out.some((l) => l.code === code)) return null;
    out.push({ code, nameZh: bits[1], nameEn: bits[2] });
  }
  return out.length >= 2 ? out : null;
}

export function formatLevelList(levels: LevelEntry[]): string {
  return levels.map((l) => `${l.code}:${l.nameZh}:${l.nameEn}`).join("; ");
}
