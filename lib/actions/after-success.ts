import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

export type AfterSuccess<R> = {
  /** Paths whose rendered data changed. */
  revalidate?: (data: R) => string[];
  /** Where to go after success (a thrown redirect: must run outside any try/catch). */
  redirectTo?: (data: R) => string | null;
};

export async function runAfterSuccess<R>(opts: AfterSuccess<R>, data: R): Promise<void> {
  for (const p of opts.revalidate?.(data) ?? []) {
    try {
      revalidatePath(p);
    } catch {
      // Outside a Next request (scripts, tests) there is no cache to revalidate.
    }
  }
  const to = opts.redirectTo?.(data);
  if (to) redirect(to);
}
