import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/config";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/config";
import { signIn } from "@/lib/auth/sign-in";
import { revokeSession } from "@/lib/auth/sessions";
import { clientAddress } from "@/lib/http/client-address";

/**
 * The credentials check behind the sign-in form. The client's address is the socket's (or the
 * right-most untrusted hop behind TRUSTED_PROXIES), never what the client says it is.
 */
export async function authorizeCredentials(
  credentials: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | undefined,
): Promise<{ id: string; sid: string }> {
  const email = String(credentials?.email ?? "");
  const password = String(credentials?.password ?? "");
  if (!email || !password) throw new Error("invalid");
  const outcome = await signIn(await getDb(), email, password, clientAddress(headers ?? {}));
  if (!outcome.ok) throw new Error(outcome.reason);
  return { id: String(outcome.userId), sid: outcome.sessionId };
}

/**
 * JWT sessions (credentials sign-in needs them in next-auth v4); the token carries only the id
 * of a user_sessions row, which every request checks against the database.
 */
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sid = (user as { sid?: string }).sid;
      return token;
    },
    async session({ session, token }) {
      return { ...session, sid: token.sid, user: undefined } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(await getDb(), token.sid);
    },
  },
};
