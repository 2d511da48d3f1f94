// A local certificate authority and a localhost server certificate.
// MSAL refuses non-https authorities, so the emulator speaks TLS; the console trusts the CA
// through NODE_EXTRA_CA_CERTS (or an explicit agent). Key pairs come from node:crypto (fast);
// node-forge only assembles and signs the X.509 certificates.
import { generateKeyPairSync, X509Certificate, createPrivateKey } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";

export interface TlsMaterial {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const CA_SUBJECT = [
  { name: "commonName", value: "SOC Console Emulator Local CA" },
  { name: "organizationName", value: "SOC Console Emulator" },
];

function rsaKeyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return { publicPem: publicKey, privatePem: privateKey };
}

function serial(): string {
  // Positive serial number: leading nibble kept below 8.
  return "1" + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

function createCa(): { certPem: string; keyPem: string } {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  cert.setSubject(CA_SUBJECT);
  cert.setIssuer(CA_SUBJECT);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function createServerCert(ca: { certPem: string; keyPem: string }): { certPem: string; keyPem: string } {
  const keys = rsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  // Under 398 days, the limit some TLS stacks enforce for leaf certificates.
  cert.validity.notAfter = new Date(Date.now() + 390 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: "localhost" }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 7, ip: "127.0.0.1" },
        { type: 7, ip: "::1" },
      ],
    },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

/** Reuses the CA in dataDir when it is valid for 30 more days and matches its key, so a console
 *  started with NODE_EXTRA_CA_CERTS keeps trusting an emulator that restarts. */
function loadCa(dataDir: string): { certPem: string; keyPem: string } | null {
  const certFile = path.join(dataDir, "ca.pem");
  const keyFile = path.join(dataDir, "ca-key.pem");
  if (!existsSync(certFile) || !existsSync(keyFile)) return null;
  try {
    const certPem = readFileSync(certFile, "utf8");
    const keyPem = readFileSync(keyFile, "utf8");
    const x509 = new X509Certificate(certPem);
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) return null;
    if (new Date(x509.validTo).getTime() < Date.now() + 30 * 86_400_000) return null;
    return { certPem, keyPem };
  } catch {
    return null;
  }
}

export function prepareTls(dataDir: string): TlsMaterial {
  mkdirSync(dataDir, { recursive: true });
  let ca = loadCa(dataDir);
  if (!ca) {
    ca = createCa();
    writeAtomic(path.join(dataDir, "ca-key.pem"), ca.keyPem, 0o600);
    writeAtomic(path.join(dataDir, "ca.pem"), ca.certPem, 0o644);
  }
  const server = createServerCert(ca);
  return {
    caCertPem: ca.certPem,
    caCertPath: path.resolve(dataDir, "ca.pem"),
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
  };
}
