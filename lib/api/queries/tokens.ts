import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { ApiTokenAccess } from "@/db/enums";
import { apiTokens, studies } from "@/db/schema";
import { defineQuery, type ReadActor } from "@/lib/reads/define-query";
import { studyScope } from "@/lib/studies/scope";

export type TokenListRow = {
  id: number;
  name: string;
  prefix: string;
  access: ApiTokenAccess;
  studyIds: number[] | null;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Past its expiry now (the database's clock). */
  expired: boolean;
  createdAt: Date;
};

/** The person's own tokens, newest first (never anyone else's; never the hash). */
export const listOwnTokens = defineQuery({
  permission: "profile.update",
  run: async (actor: ReadActor): Promise<TokenListRow[]> => {
    const db = await getDb();
    return db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        access: apiTokens.access,
        studyIds: apiTokens.studyIds,
        expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
        expired: sql<boolean>`${apiTokens.expiresAt} <= now()`.mapWith(Boolean),
        createdAt: apiTokens.createdAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, actor.id))
      .orderBy(desc(apiTokens.id))
      .limit(200);
  },
  otherwise: (): TokenListRow[] => [],
});

export type TokenStudyOption = { id: number; code: string; titleZh: string; titleEn: string };

/** The studies a token may be limited to: those the person sees. */
export const tokenStudyOptions = defineQuery({
  permission: "study.read",
  run: async (actor: ReadActor): Promise<TokenStudyOption[]> => {
    const db = await getDb();
    return db
      .select({ id: studies.id, code: studies.code, titleZh: studies.titleZh, titleEn: studies.titleEn })
      .from(studies)
      .where(studyScope(actor))
      .orderBy(asc(studies.code))
      .limit(500);
  },
  otherwise: (): TokenStudyOption[] => [],
});
