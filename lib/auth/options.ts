import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/config";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/config";
import { signIn } from "@/lib/auth/sign-in";
import { revokeSession } from "@/lib/auth/sessions";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
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
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        if (!email || !password) throw new Error("invalid");
        const outcome = await signIn(await getDb(), email, password, clientIp(req?.headers));
        if (!outcome.ok) throw new Error(outcome.reason);
        return { id: String(outcome.userId), sid: outcome.sessionId } as { id: string; sid: string };
      },
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
