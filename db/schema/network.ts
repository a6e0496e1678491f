import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, serial, text, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ORG_LEVELS } from "@/db/enums";
import { timestamps } from "@/db/schema/columns";

export const orgLevel = pgEnum("org_level", ORG_LEVELS);

/**
 * The network tree. `path` is a materialized path of ids ("/1/4/17/"), so a subtree is
 * `path LIKE '/1/4/%'`: one index range scan (text_pattern_ops), no recursion per query.
 * Moves rewrite the moved subtree's paths in one UPDATE.
 */
export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    level: orgLevel("level").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => organisations.id),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    province: text("province").notNull(),
    city: text("city").notNull(),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    index("organisations_path_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("organisations_parent_idx").on(t.parentId),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type OrgLevel = (typeof orgLevel.enumValues)[number];
