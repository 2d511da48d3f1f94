import nodemailer from "nodemailer";
import { getConfig } from "../../config/env";
import { processSingleton } from "../../process-singleton";
import { messageText, type OutgoingMessage } from "../message";
import { DELIVERY_HEADER } from "../signature";
import { DeliveryError } from "./errors";

// E-mail through the SMTP server the configuration names (nodemailer's SMTP transport). The credentials stay in
// the transport; errors are reduced to what the person configuring it needs, without them.

const transport = processSingleton("notifySmtp", () => {
  const cfg = getConfig();
  if (!cfg.SMTP_HOST) return null;
  return nodemailer.createTransport({
    host: cfg.SMTP_HOST,
    port: cfg.SMTP_PORT,
    secure: cfg.SMTP_SECURITY === "tls",
    requireTLS: cfg.SMTP_SECURITY === "starttls",
    ignoreTLS: cfg.SMTP_SECURITY === "none",
    auth: cfg.SMTP_USER ? { user: cfg.SMTP_USER, pass: cfg.SMTP_PASSWORD ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    pool: true,
    maxConnections: 3,
  });
});

/** Tests point the transport at their own server after changing the configuration. */
export const resetSmtpTransport = () => {
  transport()?.close();
  transport.replaceForTests(undefined);
};

function describeSmtpError(err: unknown): DeliveryError {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const cfg = getConfig();
  const where = `${cfg.SMTP_HOST}:${cfg.SMTP_PORT}`;
  if (e.code === "ECONNREFUSED" || e.code === "ETIMEDOUT" || e.code === "ESOCKET" || e.code === "ECONNECTION")
    return new DeliveryError(`The SMTP server ${where} could not be reached (${e.code}).`, true);
  if (e.code === "EDNS") return new DeliveryError(`The SMTP host ${cfg.SMTP_HOST} could not be resolved.`, true);
  if (e.code === "EAUTH")
    return new DeliveryError(`The SMTP server ${where} refused the user name or password.`, false);
  if (e.code === "ETLS") return new DeliveryError(`TLS with the SMTP server ${where} failed.`, false);
  if (typeof e.responseCode === "number")
    return new DeliveryError(
      `The SMTP server ${where} answered ${e.responseCode}.`,
      e.responseCode >= 400 && e.responseCode < 500,
    );
  return new DeliveryError(`Sending through ${where} failed (${e.code ?? "unknown error"}).`, true);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export async function sendEmail(recipients: string, m: OutgoingMessage): Promise<void> {
  const smtp = transport();
  if (!smtp) throw new DeliveryError("E-mail is not configured: set SMTP_HOST (and SMTP_PORT, SMTP_FROM).", false);
  const to = [...new Set([...recipients.split(",").map((r) => r.trim()), ...m.extraRecipients].filter(Boolean))];
  try {
    await smtp.sendMail({
      from: getConfig().SMTP_FROM,
      to,
      subject: m.subject,
      text: messageText(m),
      html: m.items
        .map(
          (i) =>
            `<p><a href="${escapeHtml(i.url)}"><strong>${escapeHtml(i.title)}</strong></a><br>${escapeHtml(i.summary)}</p>`,
        )
        .join(""),
      // One Message-ID per delivery: a copy sent again after a crash threads as the same message in mail clients.
      messageId: `<${m.deliveryId.replace(/[^\w.-]/g, ".")}@soc-console>`,
      headers: { [DELIVERY_HEADER]: m.deliveryId },
    });
  } catch (err) {
    throw describeSmtpError(err);
  }
}
