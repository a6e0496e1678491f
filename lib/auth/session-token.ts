import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";

/** The session id carried by the next-auth JWT of this request, if any. Tests replace this module. */
export async function getSessionId(): Promise<string | null> {
  try {
    const session = await getServerSession(authOptions);
    return (session as { sid?: string } | null)?.sid ?? null;
  } catch {
    return null;
  }
}
