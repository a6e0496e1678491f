/**
 * HGR (human genetic resources, 人类遗传资源) approval numbers as issued, e.g.
 * "国科遗办审字[2023]CJ1234" or "2023CJ1234": a year and a serial; a blank or free text is
 * refused. The kernel holds the rule because two domains of one rank need it: specimen release
 * (lib/biobank/commands/decide-release.ts) and the export of genetic results
 * (lib/molecular/export-gate.ts).
 */
export function isHgrApprovalNumber(v: string | null | undefined): boolean {
  if (!v) return false;
  const s = v.trim();
  return s.length >= 8 && s.length <= 60 && /(19|20)\d{2}/.test(s) && /[A-Za-z]{1,4}\d{3,}/.test(s);
}
