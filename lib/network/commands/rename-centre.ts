import { eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { idField, nameField } from "@/lib/validation/fields";
import { loadManagedCentre } from "@/lib/network/scope";

export const renameCentreSchema = z.strictObject({ centreId: idField, nameZh: nameField, nameEn: nameField });

/** New Chinese and English names; a coordinator may rename their own centre and below. */
export const renameCentreCommand = defineCommand({
  name: "network.centre.rename",
  schema: renameCentreSchema,
  permission: "centre.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const centre = await loadManagedCentre(tx, actor, input.centreId, true);
    if (centre.nameZh === input.nameZh && centre.nameEn === input.nameEn) throw fieldError("nameZh", "network.errors.unchanged");
    await tx
      .update(organisations)
      .set({ nameZh: input.nameZh, nameEn: input.nameEn, updatedAt: new Date() })
      .where(eq(organisations.id, centre.id));
    audit({
      action: "centre.renamed",
      entityType: "organisation",
      entityId: centre.id,
      centreId: centre.id,
      before: { nameZh: centre.nameZh, nameEn: centre.nameEn },
      after: { nameZh: input.nameZh, nameEn: input.nameEn },
    });
    return { id: centre.id, code: centre.code };
  },
});
