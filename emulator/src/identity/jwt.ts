// RS256 JSON Web Tokens with node:crypto only (no JWT library: the emulator must not share
// validation code with the console, so a shared mistake cannot make both sides agree).
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const der = publicKey.export({ type: "spki", format: "der" });
  const kid = createHash("sha256").update(der).digest("base64url").slice(0, 27);
  return { kid, privateKey, publicKey };
}

export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = { typ: "JWT", alg: "RS256", kid: key.kid };
  const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign("sha256", Buffer.from(data), key.privateKey);
  return `${data}.${b64url(signature)}`;
}

export type JwtCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

export function verifyJwt(key: SigningKey, token: string): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "The access token is malformed." };
  const [h, c, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "The access token is malformed." };
  }
  if (header.alg !== "RS256" || header.kid !== key.kid)
    return { ok: false, reason: "The access token signing key is unknown." };
  const valid = verify("sha256", Buffer.from(`${h}.${c}`), key.publicKey, Buffer.from(s, "base64url"));
  if (!valid) return { ok: false, reason: "The access token signature is invalid." };
  return { ok: true, claims };
}

export function publicJwk(key: SigningKey): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: "jwk" });
  return { kty: "RSA", use: "sig", kid: key.kid, alg: "RS256", n: jwk.n, e: jwk.e };
}
