import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { LOCALES } from "@/lib/i18n/locales";
import { choiceField } from "@/lib/validation/fields";

export const setLocaleSchema = z.strictObject({ locale: choiceField(LOCALES) });

/** The signed-in user's own language, remembered across devices. */
export const setOwnLocaleCommand = defineCommand({
  name: "users.own.set_locale",
  schema: setLocaleSchema,
  permission: "profile.update",
  handler: async ({ actor, input, tx, audit }) => {
    await tx.update(users).set({ locale: input.locale, updatedAt: new Date() }).where(eq(users.id, actor.id));
    audit({ action: "user.set_locale", entityType: "user", entityId: actor.id, centreId: actor.centreId, before: { locale: actor.locale }, after: { locale: input.locale } });
    return { locale: input.locale };
  },
});
