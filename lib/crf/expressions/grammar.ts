import * as ohm from "ohm-js";

/**
 * The REDCap expression syntax as an Ohm grammar (PEG with left recursion). Precedence, loosest
 * first: `or`, `and`, `not`, one non-associative comparison, `+ -`, `* /`, unary `- +`, and `^`
 * (right-associative, binding tighter than a unary minus on its left: `-2^2` is -4, as in PHP,
 * where REDCap's server evaluates the same logic). Keywords and function names are
 * case-insensitive, as REDCap reads them; there are no escapes inside strings (REDCap has none).
 * Lexical rules (lowercase) take no whitespace, so `[event][item(code)]` is written without spaces.
 */
export const REDCAP_GRAMMAR_SOURCE = String.raw`
Redcap {
  Expression = Or

  Or = Or or And  -- or
     | And

  And = And and Not  -- and
      | Not

  Not = not Not  -- not
      | Comparison

  Comparison = Additive comparisonOp Additive  -- compare
             | Additive

  Additive = Additive ("+" | "-") Multiplicative  -- binary
           | Multiplicative

  Multiplicative = Multiplicative ("*" | "/") Unary  -- binary
                 | Unary

  Unary = ("-" | "+") Unary  -- sign
        | Power

  Power = Primary "^" Unary  -- power
        | Primary

  Primary = "(" Expression ")"  -- paren
          | Call
          | reference
          | number
          | string
          | boolean

  Call = functionName "(" ListOf<Expression, ","> ")"

  reference = "[" name "]" "[" name choice? "]"  -- event
            | "[" name choice? "]"  -- item

  choice = "(" code ")"

  name = letter (alnum | "_")*
  code = "-"? (alnum | "_" | ".")+
  functionName = ~keyword letter (alnum | "_")*

  number = digit+ "." digit+  -- decimal
         | digit+  -- whole
         | "." digit+  -- fraction

  string = "\"" (~"\"" any)* "\""  -- double
         | "'" (~"'" any)* "'"  -- single

  boolean = (caseInsensitive<"true"> | caseInsensitive<"false">) ~identChar

  comparisonOp = "<=" | ">=" | "<>" | "!=" | "<" | ">" | "="

  or = caseInsensitive<"or"> ~identChar
  and = caseInsensitive<"and"> ~identChar
  not = caseInsensitive<"not"> ~identChar
  keyword = (caseInsensitive<"and"> | caseInsensitive<"or"> | caseInsensitive<"not">) ~identChar
  identChar = alnum | "_"
}
`;

export const redcapGrammar: ohm.Grammar = ohm.grammar(REDCAP_GRAMMAR_SOURCE);
