import { z } from "zod";

/** An id from a form or a crafted call: FormData sends strings, so coerce explicitly. */
export const idField = z.coerce.number({ message: "validation.required" }).int({ message: "validation.invalid" }).positive({ message: "validation.required" });

/** true/false from a plain object, or "true"/"false" from FormData. */
export const boolField = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

export const reasonField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(500);

export const nameField = z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(200);
