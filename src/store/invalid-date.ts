import { SitrepError } from "../core/index.js";

/** Rejects a `since` / `until` option that is not an ISO date (for `boundDay(…) ?? invalidDate(…)`). */
export function invalidDate(option: string, value: string): never {
  throw new SitrepError("E_VALIDATION", `${option} must be an ISO date such as 2024-03-29, got "${value}"`, {
    option,
    value,
  });
}
