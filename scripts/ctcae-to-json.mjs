// Converts NCI's published CTCAE v5.0 spreadsheet (data/ctcae/CTCAE_v5.0_2017-11-27.xlsx, from
// https://evs.nci.nih.gov/ftp1/CTCAE/CTCAE_5.0/) into the term list the AE form picks from:
// lib/followup/ctcae/ctcae-v5.json. Run again only if the source file changes:
//   node scripts/ctcae-to-json.mjs
import fs from "node:fs";
import readXlsxFile from "read-excel-file/node";

const SOURCE = "data/ctcae/CTCAE_v5.0_2017-11-27.xlsx";
const TARGET = "lib/followup/ctcae/ctcae-v5.json";

const [sheet] = await readXlsxFile(SOURCE);
const [header, ...rows] = sheet.data;
const col = (name) => {
  const i = header.findIndex((h) => String(h).trim() === name);
  if (i < 0) throw new Error(`column "${name}" not found in ${SOURCE}`);
  return i;
};
const c = { code: col("MedDRA Code"), soc: col("MedDRA SOC"), term: col("CTCAE Term"), definition: col("Definition") };
const gradeCols = [1, 2, 3, 4, 5].map((g) => col(`Grade ${g}`));
// The sheet marks a grade that does not exist for a term with "-"; cells may carry stray spaces.
const text = (v) => (v === null || v === undefined ? null : String(v).replace(/\s+/g, " ").trim() || null);
const grade = (v) => {
  const t = text(v);
  return t === null || t === "-" ? null : t;
};

const terms = rows
  .filter((r) => r[c.code] !== null && text(r[c.term]))
  .map((r) => ({
    code: Number(r[c.code]),
    soc: text(r[c.soc]),
    term: text(r[c.term]),
    grades: gradeCols.map((i) => grade(r[i])),
    definition: text(r[c.definition]),
  }));
for (const t of terms) if (!Number.isInteger(t.code) || t.code <= 0) throw new Error(`bad MedDRA code for ${t.term}`);
fs.writeFileSync(TARGET, JSON.stringify({ source: "NCI CTCAE v5.0 (2017-11-27), https://evs.nci.nih.gov/ftp1/CTCAE/CTCAE_5.0/", terms }) + "\n");
console.log(`${terms.length} terms → ${TARGET}`);
