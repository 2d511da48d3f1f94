import http from "node:http";
import type { AddressInfo } from "node:net";
import { startSmtpCatcher } from "../../lib/notifications/testing";

// The demo's notification sink: an SMTP server the demo console sends its e-mail to, a webhook endpoint for webhook
// channels, and one page that shows what arrived, newest first. Nothing leaves the machine.

interface CaughtHook {
  at: number;
  headers: Record<string, string>;
  body: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The text part of a caught message, good enough to read (quoted-printable soft breaks joined). */
function readableText(raw: string): string {
  const plain = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)(\r?\n--|$)/i.exec(raw)?.[1] ?? raw;
  return plain
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The console's configuration for sending to the sink (the demo's and the e2e server's). */
export function sinkEnv(sink: { smtpPort: number; url: string }): Record<string, string> {
  return {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(sink.smtpPort),
    SMTP_SECURITY: "none",
    SMTP_FROM: "SOC console (demo) <soc-console@demo.invalid>",
    NOTIFY_ALLOW_PRIVATE_TARGETS: "true",
    NOTIFY_SINK_URL: sink.url,
  };
}

export async function startNotificationSink(): Promise<{ smtpPort: number; url: string; close(): Promise<void> }> {
  const smtp = await startSmtpCatcher();
  const hooks: CaughtHook[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/webhook")) {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c.length + body.length < 1_000_000 ? c : ""));
      req.on("end", () => {
        hooks.push({
          at: Date.now(),
          headers: Object.fromEntries(
            Object.entries(req.headers)
              .filter(([k]) => k.startsWith("x-soc-"))
              .map(([k, v]) => [k, String(v)]),
          ),
          body,
        });
        res.writeHead(204).end();
      });
      return;
    }
    const mails = [...smtp.messages].reverse().map(
      (
        m,
      ) => `<article><h3>${escape(m.subject)}</h3><p class="meta">To ${escape(m.to.join(", "))} · ${new Date(m.at).toISOString()}</p>
        <pre>${escape(readableText(m.raw))}</pre><details><summary>Source</summary><pre>${escape(m.raw)}</pre></details></article>`,
    );
    const posts = [...hooks].reverse().map(
      (h) => `<article><p class="meta">${new Date(h.at).toISOString()} · ${escape(JSON.stringify(h.headers))}</p>
        <pre>${escape(JSON.stringify(JSON.parse(h.body || "null"), null, 2))}</pre></article>`,
    );
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo notification sink</title>
      <meta http-equiv="refresh" content="5"><style>body{font:14px system-ui;margin:2rem;max-width:60rem}
      article{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:.5rem 0}.meta{color:#555}
      pre{white-space:pre-wrap}</style></head><body><h1>Demo notification sink</h1>
      <p>E-mail and webhooks the demo console sent (this page refreshes every 5 seconds).</p>
      <h2>E-mail (${mails.length})</h2>${mails.join("") || "<p>None yet. Send a test message from Settings → Notifications.</p>"}
      <h2>Webhooks (${posts.length})</h2>${posts.join("") || "<p>None yet.</p>"}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    smtpPort: smtp.port,
    url: `http://localhost:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await smtp.close();
    },
  };
}
