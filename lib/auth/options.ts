/**
 * next-auth (v4) configuration: e-mail + password, JWT sessions carrying the user id and the
 * user's session version. The version is compared with the database on every request, so a
 * password change or a removed membership (both bump it) ends the sessions issued before.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { isAppError } from "../errors";
import { authenticateUser } from "./authenticate-user";
import { findSessionUser } from "./session-user";
import { clientAddress } from "./login-throttle";

function forwardedFor(headers: Record<string, string | string[] | undefined> | undefined): string | undefined {
  const value = headers?.["x-forwarded-for"];
  return Array.isArray(value) ? value.join(",") : value;
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
              address: clientAddress(forwardedFor(request?.headers as Record<string, string | undefined> | undefined), env().TRUSTED_PROXY_COUNT),
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
      async jwt({ token, user }) {
        if (user) {
          token.userId = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        if (typeof token.userId !== "string") return token;
        const current = await findSessionUser(token.userId);
        if (current && current.sessionVersion === token.sessionVersion) return token;
        // An older session: from here on it carries no user, which is to say it is logged out.
        const { userId: _userId, sessionVersion: _version, ...rest } = token;
        return rest;
      },
      session({ session, token }) {
        if (session.user && typeof token.userId === "string") session.user.id = token.userId;
        return session;
      },
    },
  };
}
