/** A Postgres array literal of ids or gene symbols (neither holds a quote, comma or brace), for `= any(${…}::int[])`. */
export const pgArray = (xs: readonly (number | string)[]) => `{${xs.join(",")}}`;
