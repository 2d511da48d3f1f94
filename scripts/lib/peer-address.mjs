// Preloaded into `next start` (node --import): every request's TCP peer address goes into the x-soc-peer header,
// overwriting anything a client sent, so the console can record who connected (lib/auth/route.ts clientIp).
// Next.js itself fills X-Forwarded-For only when the client did not send one, which a client can exploit.
import http from "node:http";
import https from "node:https";

globalThis[Symbol.for("soc.peerHeader")] = true;

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, ...rest) {
    if (event === "request" && req && req.headers) req.headers["x-soc-peer"] = req.socket?.remoteAddress ?? "";
    return emit.call(this, event, req, ...rest);
  };
}
