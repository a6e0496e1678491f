import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import { idField, nameField } from "@/lib/validation/fields";
import { emailField, passwordField, roleField } from "@/lib/users/fields";
import { mayHoldUnder } from "@/lib/users/management";
import { loadHomeCentre } from "@/lib/users/scope";

export const createUserSchema = z.strictObject({
  email: emailField,
  name: nameField,
  role: roleField,
  centreId: idField,
  /** A temporary password: the person must choose their own at their first sign-in. */
  password: passwordField,
});

/**
 * A new account with one role and a home centre inside the actor's reach, and only a role whose
 * reach stays inside the actor's (lib/users/management.ts). The password the creator types is
 * temporary: until the person replaces it, signing in opens nothing but that step.
 */
export const createUserCommand = defineCommand({
  name: "users.user.create",
  schema: createUserSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }) => {
    const centre = await loadHomeCentre(tx, actor, input.centreId);
    if (!mayHoldUnder(actor, input.role, centre.path)) throw fieldError("role", "users.errors.roleNotGrantable");
    const passwordHash = await hashPassword(input.password);
    // The unique email decides races: a second insert of the same address inserts nothing.
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, centreId: centre.id, passwordHash, passwordChangeRequired: true })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) throw fieldError("email", "users.errors.emailTaken");
    audit({
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      centreId: centre.id,
      after: { email: input.email, name: input.name, role: input.role, centreId: centre.id, centreCode: centre.code, temporaryPassword: true },
    });
    return { id: row.id };
  },
});
