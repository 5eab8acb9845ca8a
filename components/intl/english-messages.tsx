"use client";

import en from "@/messages/en.json" with { type: "json" };
import { messagesProvider } from "./messages-provider";

export const EnglishMessages = messagesProvider("en", en);
