"use client";

import nl from "@/messages/nl.json" with { type: "json" };
import { messagesProvider } from "./messages-provider";

export const DutchMessages = messagesProvider("nl", nl);
