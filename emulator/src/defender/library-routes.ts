// Live response library: "List library files", "Upload files to the live response library" (multipart, up to
// 20 MB, 200 + the library entity) and "Delete a file from the live response library" (204 / 404). All need
// Library.Manage.
import type { ApiEnv } from "../api-env";
import { ApiError, notFound } from "../http/errors";
import { multipartBoundary, parseMultipart, readBuffer, type FormPart } from "../http/multipart";
import { sendEmpty, sendJson } from "../http/respond";
import type { RouteDef } from "../http/router";
import { actorName } from "../identity/principal";
import { LIBRARY_MAX_BYTES, LIBRARY_NAME } from "./library-store";

const MANAGE = ["Library.Manage"];
const tooLarge = () =>
  new ApiError(400, "InvalidInput", `Invalid input File: the file exceeds the maximum size of 20 MB.`);

function text(parts: FormPart[], name: string): string | null {
  const part = parts.find((p) => p.name === name && p.filename === null);
  return part ? part.data.toString("utf8") : null;
}

function flag(parts: FormPart[], name: string): boolean {
  const value = text(parts, name);
  if (value === null || value === "") return false;
  if (/^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw new ApiError(400, "InvalidInput", `Invalid input ${name}: expected true or false.`);
}

export function libraryRoutes(env: ApiEnv): RouteDef[] {
  const store = env.library;
  return [
    // GET /api/libraryfiles (Library.Manage)
    {
      method: "GET",
      template: "/api/libraryfiles",
      surface: "mde",
      family: "libraryfiles",
      permissions: MANAGE,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#LibraryFiles`,
          value: store.list().map((f) => store.json(f)),
        }),
    },
    // POST /api/libraryfiles (Library.Manage): multipart File, Description, ParametersDescription, HasParameters,
    // OverrideIfExists
    {
      method: "POST",
      template: "/api/libraryfiles",
      surface: "mde",
      family: "libraryfiles",
      permissions: MANAGE,
      handler: async (ctx) => {
        const boundary = multipartBoundary(ctx.req);
        if (!boundary)
          throw new ApiError(
            400,
            "InvalidRequestBody",
            "Invalid request body. Content-Type must be multipart/form-data.",
          );
        // Room for the form fields around a file of the maximum size.
        const body = await readBuffer(ctx.req, LIBRARY_MAX_BYTES + 64 * 1024, tooLarge);
        const parts = parseMultipart(body, boundary);
        const file = parts.find((p) => p.name === "File" && p.filename !== null);
        if (!file) throw new ApiError(400, "MissingRequiredParameter", "Parameter File is missing.");
        const fileName = file.filename!.split(/[\\/]/).pop()!;
        if (!LIBRARY_NAME.test(fileName))
          throw new ApiError(
            400,
            "InvalidInput",
            `Invalid input File: the file name '${fileName}' may contain only letters, digits, '-', '_' and '.'.`,
          );
        if (file.data.length === 0) throw new ApiError(400, "InvalidInput", "Invalid input File: the file is empty.");
        if (file.data.length > LIBRARY_MAX_BYTES) throw tooLarge();
        if (store.get(fileName) && !flag(parts, "OverrideIfExists"))
          throw new ApiError(
            400,
            "InvalidInput",
            `Invalid input File: '${fileName}' already exists in the library. Set OverrideIfExists to true to replace it.`,
          );
        const parametersDescription = text(parts, "ParametersDescription");
        const stored = store.put({
          fileName,
          content: Buffer.from(file.data),
          description: text(parts, "Description"),
          createdBy: actorName(ctx.principal!),
          hasParameters: flag(parts, "HasParameters") || Boolean(parametersDescription),
          parametersDescription,
        });
        return sendJson(ctx, 200, {
          "@odata.context": `${ctx.baseUrl}/api/$metadata#LibraryFiles/$entity`,
          ...store.json(stored),
        });
      },
    },
    // DELETE /api/libraryfiles/{fileName} (Library.Manage): 204, 404 if the name is not in the library
    {
      method: "DELETE",
      template: "/api/libraryfiles/{fileName}",
      surface: "mde",
      family: "libraryfiles",
      permissions: MANAGE,
      handler: (ctx) => {
        if (!store.delete(ctx.params.fileName!)) throw notFound("Library file", ctx.params.fileName!);
        sendEmpty(ctx, 204);
        return Promise.resolve();
      },
    },
  ];
}
