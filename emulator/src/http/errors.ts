/** An error a handler throws; the pipeline renders it in the surface's envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The envelope's `target`; a fresh correlation GUID when absent. */
    readonly target?: string,
  ) {
    super(message);
  }
}

/** A bad OData query option. MDE answers 400 `ODataError` (common-errors table); Graph 400 `invalidRequest`. */
export class ODataQueryError extends Error {}

export const notFound = (what: string, id: string) =>
  new ApiError(404, "ResourceNotFound", `${what} ${id} was not found`);
