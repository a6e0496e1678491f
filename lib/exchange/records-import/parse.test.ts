import { describe, expect, it } from "vitest";
import { fileLines, IMPORT_LIMITS, parseCsv } from "@/lib/exchange/records-import/parse";

const keys = (problems: { row: number; column: string; key: string }[]) => problems.map((p) => [p.row, p.column, p.key.replace("recordsImport.problems.", "")]);

describe("reading a records CSV", () => {
  it("reads UTF-8 with or without a byte-order mark, any line break, quoted cells with commas, quotes and line breaks", () => {
    const text = '\uFEFFsubject,note\r\nA-1,"one, two"\r\nA-2,"say ""hi""\nnext line"\rA-3,体重\n';
    const { table, problems } = parseCsv("f.csv", fileLines(text));
    expect(problems).toEqual([]);
    expect(table!.header).toEqual(["subject", "note"]);
    expect(table!.rows).toEqual([
      { row: 2, cells: { subject: "A-1", note: "one, two" } },
      { row: 3, cells: { subject: "A-2", note: 'say "hi"\nnext line' } },
      { row: 4, cells: { subject: "A-3", note: "体重" } },
    ]);
    expect(parseCsv("f.csv", fileLines("subject,note\nA-1,x\n")).table!.rows).toEqual([{ row: 2, cells: { subject: "A-1", note: "x" } }]);
  });

  it("skips blank rows but keeps the row numbers of the others", () => {
    const { table } = parseCsv("f.csv", fileLines("a,b\n\n1,2\n,\n3,4\n\n"));
    expect(table!.rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it("reports a blank or repeated column name, a row with the wrong number of cells, an over-long cell", () => {
    expect(keys(parseCsv("f.csv", fileLines("a,,a\n1,2,3")).problems)).toEqual([
      [1, "#2", "blankColumn"],
      [1, "a", "duplicateColumn"],
    ]);
    expect(keys(parseCsv("f.csv", fileLines(`a,b\n1\n1,2,3\n1,${"x".repeat(IMPORT_LIMITS.cell + 1)}`)).problems)).toEqual([
      [2, "", "cellCount"],
      [3, "", "cellCount"],
      [4, "b", "cellTooLong"],
    ]);
  });

  it("refuses an empty file, too many rows, too many columns and too many bytes before reading further", () => {
    expect(keys(parseCsv("f.csv", fileLines("")).problems)).toEqual([[1, "", "empty"]]);
    const many = ["a", ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => String(i))];
    expect(keys(parseCsv("f.csv", many).problems)).toEqual([[1, "", "tooManyRows"]]);
    expect(parseCsv("f.csv", many.slice(0, IMPORT_LIMITS.rows + 1)).table!.rows).toHaveLength(IMPORT_LIMITS.rows);
    const wide = Array.from({ length: IMPORT_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(",");
    expect(keys(parseCsv("f.csv", [wide]).problems)).toEqual([[1, "", "tooManyColumns"]]);
    const big = Array.from({ length: 100 }, () => "x".repeat(IMPORT_LIMITS.bytes / 100));
    expect(keys(parseCsv("f.csv", ["a", ...big]).problems)).toEqual([[1, "", "tooLarge"]]);
  });
});
