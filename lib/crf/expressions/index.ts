/**
 * The expression module of case report forms: REDCap branching logic and calculations, parsed
 * into a tree (never eval'd), checked against the form's items, and evaluated with REDCap's
 * semantics. Browser-safe: the form page runs it live, the server runs it as the authority.
 */
export type { ItemRef, Node as ExpressionAst } from "@/lib/crf/expressions/ast";
export { parse, MAX_EXPRESSION_LENGTH, type ParseResult } from "@/lib/crf/expressions/parse";
export { print } from "@/lib/crf/expressions/print";
export { check, type CheckOptions, type StaticType } from "@/lib/crf/expressions/check";
export type { Catalogue, CatalogueItem, CatalogueItemType } from "@/lib/crf/expressions/catalogue";
export { evaluate, calculate, isShown } from "@/lib/crf/expressions/evaluate";
export { dependencies, findCycles, calculationOrder, type Cycle } from "@/lib/crf/expressions/dependencies";
export { EXPRESSION_ERROR_CODES, expressionErrorKey, type ExpressionError, type ExpressionErrorCode } from "@/lib/crf/expressions/errors";
export type { EvaluationContext, MissingCode, StoredValue, Value } from "@/lib/crf/expressions/values";
