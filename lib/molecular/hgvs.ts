/**
 * HGVS protein changes in one canonical form so that results compare: three-letter amino acids,
 * Ter for a stop, no "predicted" parentheses (`p.L858R`, `p.(Leu858Arg)` and `p.Leu858Arg` are
 * all `p.Leu858Arg`; `p.Q61*` is `p.Gln61Ter`; `p.E746_A750del` is `p.Glu746_Ala750del`).
 */
const ONE_TO_THREE: Record<string, string> = {
  A: "Ala", R: "Arg", N: "Asn", D: "Asp", C: "Cys", Q: "Gln", E: "Glu", G: "Gly", H: "His", I: "Ile",
  L: "Leu", K: "Lys", M: "Met", F: "Phe", P: "Pro", S: "Ser", T: "Thr", W: "Trp", Y: "Tyr", V: "Val",
  U: "Sec", O: "Pyl", X: "Ter", "*": "Ter",
};
const THREE = new Set(Object.values(ONE_TO_THREE));

/** Tokens of a protein change body, longest first: three-letter codes, keywords, numbers, one-letter codes. */
const TOKEN = /^(?:(delins|del|ins|dup|fs|ext)|(\d+)|([_?=])|([A-Z*]))/;

export function normaliseProteinChange(input: string): string | null {
  let s = input.trim();
  if (!s.startsWith("p.")) return null;
  s = s.slice(2);
  if (s.startsWith("(") && s.endsWith(")")) s = s.slice(1, -1);
  if (s === "?" || s === "=" || s === "0") return `p.${s}`;
  let out = "";
  let i = 0;
  let sawNumber = false;
  while (i < s.length) {
    // A three-letter code when it is one ("Pro"), else a one-letter code ("P" of "Pfs").
    const three = s.slice(i, i + 3);
    if (THREE.has(three)) {
      out += three;
      i += 3;
      continue;
    }
    const m = TOKEN.exec(s.slice(i));
    if (!m) return null;
    const [tok, keyword, num, sym, one] = m;
    if (keyword) out += keyword;
    else if (num) {
      out += num;
      sawNumber = true;
    } else if (sym) out += sym;
    else if (one) {
      const t = ONE_TO_THREE[one];
      if (!t) return null;
      out += t;
    }
    i += tok.length;
  }
  // A change names at least one position, and starts with the reference amino acid.
  if (!sawNumber || !/^[A-Z][a-z]{2}\d/.test(out)) return null;
  return `p.${out}`;
}

/** A coding DNA change (c.2573T>G, c.2235_2249del, c.-124C>T, c.*45A>G, c.1234+1G>A): the shape only. */
const CODING = /^c\.[-*]?\d+([+-]\d+)?(_[-*]?\d+([+-]\d+)?)?(([ACGT]>[ACGT])|del[ACGT]*|dup[ACGT]*|ins[ACGT]+|delins[ACGT]+|inv)$/;

export function isCodingChange(input: string): boolean {
  return CODING.test(input.trim());
}
