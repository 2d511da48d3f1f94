import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./signature";

// Real receivers for tests and benches: an SMTP server listening on a port, and an HTTP receiver that checks the
// webhook signature as docs/notifications.md tells receivers to.

export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
  /** When the message was accepted (ms since the epoch). */
  at: number;
}

export async function startSmtpCatcher(): Promise<{ port: number; messages: CaughtMail[]; close(): Promise<void> }> {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        // Header lines may be folded onto several lines (RFC 5322 "Long Header Fields"): unfold them first.
        const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: header("Subject"),
          messageId: header("Message-ID"),
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ReceivedHook {
  deliveryId: string;
  signatureValid: boolean;
  body: { deliveryId: string; events: { eventId: string; url: string; title: string }[] };
  at: number;
}

/** An HTTP receiver; `failNext` answers that many requests with 500 first. */
export async function startWebhookReceiver(secret: () => string | undefined) {
  const received: ReceivedHook[] = [];
  const state = { failNext: 0, failures: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      if (state.failNext > 0) {
        state.failNext -= 1;
        state.failures += 1;
        res.writeHead(500).end("receiver is down");
        return;
      }
      const key = secret();
      received.push({
        deliveryId: String(req.headers[DELIVERY_HEADER] ?? ""),
        signatureValid: key
          ? verifySignature(
              key,
              {
                signature: req.headers[SIGNATURE_HEADER] as string,
                timestamp: req.headers[TIMESTAMP_HEADER] as string,
              },
              body,
            )
          : false,
        body: JSON.parse(body),
        at: Date.now(),
      });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local port nothing listens on (an "unreachable SMTP server"). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
