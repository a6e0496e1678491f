import { listOf, optionalTextField } from "@/lib/validation/fields";

/**
 * An ODM file as it travels: its lines (as the browser split it at line breaks), each bounded
 * and cleaned like any text (a blank line is null); the reader joins them and caps the file's
 * bytes again (MAX_ODM_BYTES). A file written on one line longer than this is refused by line.
 */
export const ODM_LINE_MAX = 50_000;
export const ODM_LINES_MAX = 200_000;
export const odmLinesField = listOf(optionalTextField({ max: ODM_LINE_MAX, multiline: true }), ODM_LINES_MAX);

/** The lines of a file's text, as the command takes them. */
export const odmLines = (text: string): string[] => text.split(/\r\n?|\n/);

/** The file's text from its checked lines. */
export const odmText = (lines: readonly (string | null)[]): string => lines.map((l) => l ?? "").join("\n");
