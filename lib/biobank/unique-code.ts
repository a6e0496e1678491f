import { fieldError } from "@/lib/actions/errors";
import { isUniqueViolation } from "@/lib/actions/db-errors";

/** Runs an insert whose code must be unique where it sits (a freezer in its centre, a rack in its freezer …). */
export async function uniqueCode<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError("code", "biobank.errors.codeTaken");
    throw err;
  }
}
