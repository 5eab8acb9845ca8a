/**
 * A local mailbox for development and tests: a real SMTP server (smtp-server) that keeps every
 * message it receives, so invitations and password resets travel the same SMTP path as in
 * production. `npm start` prints each message (that is how a developer follows an invitation
 * link); the e2e stack also lists them over HTTP (GET /messages) for the Playwright tests, which
 * run in another process. Never used in production.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; subject: string; text: string; receivedAt: string };

export type Mailbox = {
  smtpUrl: string;
  httpUrl?: string;
  messages(): ReceivedMail[];
  close(): Promise<void>;
};

export async function startMailbox(options: { smtpPort?: number; httpPort?: number; onMail?: (mail: ReceivedMail) => void } = {}): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail = {
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: new Date().toISOString(),
          };
          received.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, "127.0.0.1", () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: HttpServer | undefined;
  if (options.httpPort !== undefined) {
    http = createHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    });
    await new Promise<void>((resolve, reject) => {
      http!.once("error", reject);
      http!.listen(options.httpPort, "127.0.0.1", () => resolve());
    });
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    ...(http ? { httpUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}` } : {}),
    messages: () => [...received],
    close: async () => {
      http?.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), http ? new Promise((resolve) => http!.close(resolve)) : undefined]);
    },
  };
}

/** The newest message to `to` whose text matches `pattern`, waiting for it up to `timeoutMs`. */
export async function waitForMail(
  read: () => Promise<ReceivedMail[]> | ReceivedMail[],
  to: string,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await read()).filter((mail) => mail.to.includes(to.toLowerCase()) && pattern.test(mail.text)).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} matching ${pattern} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The set-password link in an invitation or reset e-mail. */
export function setPasswordLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/set-password#token=[\w-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no set-password link in "${mail.subject}"`);
  return link;
}
