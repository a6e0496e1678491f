import { z } from "zod";
import { users } from "@/db/schema";
import { defineCommand } from "@/lib/actions/define-command";
import { fieldError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import { idField, nameField } from "@/lib/validation/fields";
import { emailField, passwordField, roleField } from "@/lib/users/fields";
import { loadHomeCentre, mayGrantRole } from "@/lib/users/scope";

export const createUserSchema = z.strictObject({
  email: emailField,
  name: nameField,
  role: roleField,
  centreId: idField,
  password: passwordField,
});

/** A new account with one role and a home centre inside the actor's reach. */
export const createUserCommand = defineCommand({
  name: "users.user.create",
  schema: createUserSchema,
  permission: "user.manage",
  handler: async ({ actor, input, tx, audit }) => {
    if (!mayGrantRole(actor, input.role)) throw fieldError("role", "users.errors.roleNotGrantable");
    const centre = await loadHomeCentre(tx, actor, input.centreId);
    const passwordHash = await hashPassword(input.password);
    // The unique email decides races: a second insert of the same address inserts nothing.
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, centreId: centre.id, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) throw fieldError("email", "users.errors.emailTaken");
    audit({
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      centreId: centre.id,
      after: { email: input.email, name: input.name, role: input.role, centreId: centre.id, centreCode: centre.code },
    });
    return { id: row.id };
  },
});
