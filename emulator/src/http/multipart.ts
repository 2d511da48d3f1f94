// A small multipart/form-data reader (RFC 7578) for the library upload ("Upload files to the live response
// library" sends the file as form data). Hand-written: the emulator has no dependency for it.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** Reads the whole body, refusing more than `maxBytes` with `tooLarge`. */
export async function readBuffer(req: IncomingMessage, maxBytes: number, tooLarge: () => ApiError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function multipartBoundary(req: IncomingMessage): string | null {
  const type = String(req.headers["content-type"] ?? "");
  if (!/^multipart\/form-data\b/i.test(type)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  return m ? (m[1] ?? m[2]!) : null;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0)
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. The multipart boundary was not found.");
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") break;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    const next = body.indexOf(delimiter, pos);
    if (headerEnd < 0 || next < 0 || headerEnd > next)
      throw new ApiError(400, "InvalidRequestBody", "Invalid request body. A multipart section is malformed.");
    const headers = body.subarray(pos, headerEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined)
      throw new ApiError(400, "InvalidRequestBody", "Invalid request body. A multipart section has no name.");
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? null,
      // The section ends with CRLF before the next delimiter.
      data: body.subarray(headerEnd + 4, next - 2),
    });
    pos = next;
  }
  return parts;
}
