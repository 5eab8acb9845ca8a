/**
 * The user row a request checks its session against (the session version, ./options.ts) and takes
 * the user's language from (getUserLocale). Read once per page request (React cache): next-auth's
 * jwt callback and the language both ask, and a page asked twice, one query after the other.
 */
import { cache } from "react";
import { db } from "../db";

export const findSessionUser = cache((userId: string) => db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, locale: true } }));
