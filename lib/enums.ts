/**
 * The stored code lists for code that runs in the browser: client components import them from
 * here (components and app never import db/). The one definition is db/enums.ts, which the
 * drizzle schema builds its pgEnums from.
 */
export * from "@/db/enums";
