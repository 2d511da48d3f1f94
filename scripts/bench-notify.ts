// npm run bench:notify [-- --events 10000 --rate 50 --db pglite]
// Events are written to the outbox at a steady rate (each in its own transaction, as the sync and the action code
// write them), while the console's own notification worker delivers each to a real SMTP server and a real
// signed-webhook receiver in this process. Prints the end-to-end line — deliveries per second and p95 from the
// event's commit to its arrival at the receiver — and a floor line: the receivers' own round trip, without the
// console.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import { startSmtpCatcher, startWebhookReceiver } from "../lib/notifications/testing";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    rate: { type: "string", default: "50" },
    db: { type: "string", default: "pglite" },
  },
});
const events = Number(values.events);
const rate = Number(values.rate);
const kind = values.db === "postgresql" ? "postgresql" : "pglite";

const smtp = await startSmtpCatcher();
let secret: string | undefined;
const hook = await startWebhookReceiver(() => secret);
// The configuration is read once: point it at the local receivers before anything reads it.
Object.assign(process.env, {
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtp.port),
  SMTP_SECURITY: "none",
  NOTIFY_ALLOW_PRIVATE_TARGETS: "true",
  NOTIFY_POLL_MS: process.env.NOTIFY_POLL_MS ?? "250",
  CONSOLE_URL: "https://soc.contoso.example",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
});

const { withBenchDatabase, percentile, round1 } = await import("./bench/harness");
const notifications = await import("../lib/notifications");
const { RuleInput } = await import("../lib/notifications/schemas");
const { permissionsOf } = await import("../lib/auth/permissions");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ctx = {
  actor: {
    type: "user" as const,
    id: "bench",
    name: "bench",
    roles: ["Admin" as const],
    permissions: permissionsOf(["Admin"]),
  },
  requestId: "bench",
  ip: null,
};

/** The receivers alone: one webhook POST and one e-mail at a time, as the worker's floor. */
async function floor(samples: number): Promise<{ webhook_p95_ms: number; smtp_p95_ms: number }> {
  const post: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fetch(hook.url, { method: "POST", body: JSON.stringify({ deliveryId: "floor", events: [] }) });
    post.push(performance.now() - t);
  }
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, ignoreTLS: true, pool: true });
  const mail: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await transport.sendMail({ from: "a@b.example", to: "c@d.example", subject: "floor", text: "floor" });
    mail.push(performance.now() - t);
  }
  transport.close();
  hook.received.length = 0;
  smtp.messages.length = 0;
  return {
    webhook_p95_ms: round1(
      percentile(
        post.sort((a, b) => a - b),
        95,
      ),
    ),
    smtp_p95_ms: round1(
      percentile(
        mail.sort((a, b) => a - b),
        95,
      ),
    ),
  };
}

try {
  const base = await floor(Math.min(200, Math.max(20, events / 10)));
  console.log(JSON.stringify({ bench: "notify-floor", db: kind, ...base }));
  await withBenchDatabase(kind, async (database) => {
    const email = await notifications.createChannel(ctx, {
      kind: "email",
      name: "bench mail",
      target: "soc@contoso.example",
      enabled: true,
    });
    const webhook = await notifications.createChannel(ctx, {
      kind: "webhook",
      name: "bench hook",
      target: hook.url,
      enabled: true,
    });
    secret = webhook.secret;
    await notifications.createRule(
      ctx,
      RuleInput.parse({ name: "bench", eventType: "alert.created", channelIds: [email.id, webhook.id] }),
    );
    notifications.startNotificationWorker();
    const committedAt = new Map<number, number>();
    const started = Date.now();
    for (let n = 0; n < events; n++) {
      // A steady rate: event n is due at n / rate seconds; the loop sleeps ahead of it, never catches up in a burst.
      const due = started + (n * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      await database.prisma.$transaction((tx) =>
        notifications.recordNotificationEvent(tx, {
          type: "alert.created",
          dedupeKey: `bench:${n}`,
          payload: { title: `Bench alert #${n}`, summary: "", path: `/alerts/bench-${n}`, severity: "High" },
        }),
      );
      committedAt.set(n, Date.now());
    }
    const deadline = Date.now() + 120_000;
    while ((hook.received.length < events || smtp.messages.length < events) && Date.now() < deadline) await sleep(100);
    const latencies: number[] = [];
    let lastArrival = 0;
    const number = (title: string) => Number(/#(\d+)/.exec(title)?.[1]);
    for (const r of hook.received) {
      latencies.push(r.at - committedAt.get(number(r.body.events[0].title))!);
      lastArrival = Math.max(lastArrival, r.at);
    }
    for (const m of smtp.messages) {
      latencies.push(m.at - committedAt.get(number(m.subject))!);
      lastArrival = Math.max(lastArrival, m.at);
    }
    await notifications.stopNotificationWorker();
    latencies.sort((a, b) => a - b);
    const delivered = hook.received.length + smtp.messages.length;
    console.log(
      JSON.stringify({
        bench: "notify",
        db: kind,
        events,
        rate_per_s: rate,
        deliveries: delivered,
        deliveries_expected: events * 2,
        signatures_valid: hook.received.every((r) => r.signatureValid),
        duplicates:
          delivered -
          new Set([...hook.received.map((r) => `h${r.deliveryId}`), ...smtp.messages.map((m) => `m${m.messageId}`)])
            .size,
        deliveries_per_s: round1(delivered / ((lastArrival - started) / 1000)),
        p50_event_to_send_ms: round1(percentile(latencies, 50)),
        p95_event_to_send_ms: round1(percentile(latencies, 95)),
        max_event_to_send_ms: round1(latencies.at(-1) ?? 0),
      }),
    );
  });
} finally {
  notifications.resetSmtpTransport();
  await hook.close();
  await smtp.close();
}
process.exit(0);
