// The request core every Microsoft API client shares: one error shape, retries with Retry-After, OData paging,
// call accounting, and the wording a person sees when Microsoft says no. It knows no entity and no product.

export { ProviderError, PagingError, type Provider, type ProviderErrorInit } from "./errors";
export {
  describeProviderError,
  describeFailedRead,
  retryAfterSeconds,
  ProviderRefused,
  type ProviderErrorContext,
} from "./describe-error";
export {
  createHttpCore,
  type HttpCore,
  type HttpCoreOptions,
  type HttpCall,
  type HttpResult,
  type HttpMethod,
  type TransportOptions,
} from "./http";
export { paginate, type Page, type SkippedRecord, type PaginateOptions, type RawPage } from "./paging";
export { StatsRecorder, type ProviderStats } from "./stats";
export { buildQuery, odataDateTime, odataString } from "./odata";
export { parseRetryAfter, backoffDelay } from "./retry";
export {
  createRestClient,
  rebaseOnto,
  type RestClient,
  type RestClientOptions,
  type RestRequestOp,
  type RestPagesOp,
  type TokenSource,
} from "./rest-client";
export { IsoDateTime } from "./schemas";
