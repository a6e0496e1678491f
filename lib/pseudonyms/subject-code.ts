/**
 * Pseudonymous subject codes `<STUDY>-<CENTRE>-<NNNN>`, e.g. LC-203-TJ07-0012.
 * The number is sequential per study and enrolling site (allocated by enrolment);
 * it is padded to four digits and simply grows past 9999.
 */

const STUDY_RE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
// Centre codes never contain hyphens, so a code splits unambiguously from the right.
const CENTRE_RE = /^[A-Z0-9]{2,8}$/;
const SUBJECT_RE = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)-([A-Z0-9]{2,8})-(\d{4,})$/;

export interface SubjectCodeParts {
  studyCode: string;
  centreCode: string;
  number: number;
}

export function formatSubjectCode(studyCode: string, centreCode: string, number: number): string {
  if (!STUDY_RE.test(studyCode)) throw new RangeError(`bad study code "${studyCode}"`);
  if (!CENTRE_RE.test(centreCode)) throw new RangeError(`bad centre code "${centreCode}"`);
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`subject number must be a positive integer, got ${number}`);
  return `${studyCode}-${centreCode}-${String(number).padStart(4, "0")}`;
}

/** Null unless the code is exactly what formatSubjectCode would produce. */
export function parseSubjectCode(code: string): SubjectCodeParts | null {
  const m = SUBJECT_RE.exec(code);
  if (!m) return null;
  const number = Number(m[3]);
  if (!Number.isSafeInteger(number) || number < 1) return null;
  // Rejects non-canonical padding such as "00012", which would alias "0012".
  if (String(number).padStart(4, "0") !== m[3]) return null;
  return { studyCode: m[1], centreCode: m[2], number };
}
