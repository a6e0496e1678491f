/**
 * What can be wrong with an expression. Each code is a message key under
 * `crf.expressions.errors` (messages/{zh-CN,en}/crf.json); `params` fill the message.
 */
export const EXPRESSION_ERROR_CODES = [
  "empty",
  "unexpectedEnd",
  "unexpectedInput",
  "unterminatedString",
  "unknownFunction",
  "arityExact",
  "arityRange",
  "arityAtLeast",
  "unknownItem",
  "unknownEvent",
  "itemNotInEvent",
  "checkboxNeedsChoice",
  "choiceOnNonCheckbox",
  "unknownChoice",
  "unknownCode",
  "notAValue",
  "dateInArithmetic",
  "textInArithmetic",
  "notANumber",
  "notADate",
  "comparesDateWithNumber",
  "invalidDateUnit",
  "invalidDateFormat",
  "invalidSignedFlag",
  "expectedCondition",
  "expectedNumber",
  "cycle",
] as const;

export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[number];

export type ExpressionError = {
  code: ExpressionErrorCode;
  start: number;
  end: number;
  params?: Record<string, string | number>;
};

export function expressionErrorKey(code: ExpressionErrorCode): `crf.expressions.errors.${ExpressionErrorCode}` {
  return `crf.expressions.errors.${code}`;
}
