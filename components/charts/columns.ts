import type { ReactNode } from "react";

/** A column of a table shown next to (or instead of) a chart, and exported as CSV. */
export type Column<T> = {
  key: string;
  header: string;
  /** The value exported and sorted on (numbers sort as numbers; null sorts last). */
  value: (row: T) => string | number | null;
  /** What the cell shows, when it differs from the value (links, badges, formatting). */
  cell?: (row: T) => ReactNode;
  numeric?: boolean;
  /**
   * Classes for the column's heading and cells, e.g. a minimum width so that a long text column
   * keeps its words readable on a tablet (the table scrolls sideways instead of squeezing it).
   */
  className?: string;
};
