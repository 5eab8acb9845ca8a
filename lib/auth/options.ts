/** next-auth (v4) configuration: e-mail + password, JWT sessions carrying the user id. */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { isAppError } from "../errors";
import { authenticateUser } from "./authenticate-user";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || "unknown";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            return await authenticateUser({
              email: credentials?.email,
              password: credentials?.password,
              ip: clientIp(request?.headers as Record<string, string | undefined> | undefined),
            });
          } catch (error) {
            // next-auth passes this message to the login form as `error`: the error as JSON, so the
            // form can show it in the reader's language (code, params, field issues; no secrets).
            if (isAppError(error)) throw new Error(JSON.stringify(error.toJSON()));
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.userId = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.userId === "string") session.user.id = token.userId;
        return session;
      },
    },
  };
}
