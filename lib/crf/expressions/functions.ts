/**
 * The REDCap functions this module knows, with their arity. `check` reports a call to anything
 * else or with the wrong number of arguments; `evaluate` implements exactly these.
 */
export const FUNCTIONS = {
  round: { min: 1, max: 2 },
  roundup: { min: 1, max: 2 },
  rounddown: { min: 1, max: 2 },
  if: { min: 3, max: 3 },
  sum: { min: 1, max: Infinity },
  mean: { min: 1, max: Infinity },
  median: { min: 1, max: Infinity },
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  isnumber: { min: 1, max: 1 },
  isinteger: { min: 1, max: 1 },
  isblankormissingcode: { min: 1, max: 1 },
  datediff: { min: 3, max: 5 },
} as const satisfies Record<string, { min: number; max: number }>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Functions over a list of numbers: blanks, missing codes and non-numbers are left out. */
export const AGGREGATES: readonly FunctionName[] = ["sum", "mean", "median", "min", "max"];
/** Functions whose every argument is a number. */
export const NUMERIC_FUNCTIONS: readonly FunctionName[] = ["round", "roundup", "rounddown", "abs", "sqrt", ...AGGREGATES];
