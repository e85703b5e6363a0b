/**
 * Coded errors. Every error Sitrep raises on purpose carries a stable code (the catalogue below),
 * a human message and optional details (file, line, field). Entry points map codes to exit
 * statuses and HTTP statuses in one place each.
 */
export const ErrorCodes = {
  E_NOT_FOUND: "path or record does not exist",
  E_UNREADABLE: "file or folder cannot be read",
  E_EMPTY: "document has no text",
  E_BINARY: "file is binary, not text",
  E_ENCODING: "file is not valid UTF-8",
  E_TOO_LARGE: "file exceeds the size limit",
  E_FORMAT: "file content does not match its declared type",
  E_METADATA: "sidecar metadata is invalid",
  E_CONFIG: "configuration is invalid",
  E_PIPELINE: "pipeline is misconfigured",
  E_COMPONENT: "a pipeline component failed on a document",
  E_STORE: "store operation failed",
  E_VALIDATION: "value failed schema validation",
  E_USAGE: "command used incorrectly",
  E_CONFLICT: "the change conflicts with the stored state",
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class SitrepError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "SitrepError";
    this.code = code;
    this.details = details;
  }
}

export function isSitrepError(e: unknown): e is SitrepError {
  return e instanceof SitrepError;
}

/** Wraps anything thrown into a SitrepError with the given code, keeping the cause. */
export function toSitrepError(
  e: unknown,
  code: ErrorCode,
  details: Record<string, unknown> = {},
): SitrepError {
  if (e instanceof SitrepError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new SitrepError(code, message, details, { cause: e });
}
