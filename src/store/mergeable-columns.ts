import type { entityColumns } from "./rows.js";

/**
 * The entity columns an update may merge, in the order both SQL.insertEntity and
 * SQL.updateEntityMerged take them.
 */
export function mergeableColumns(c: ReturnType<typeof entityColumns>) {
  return [
    c.aliases,
    c.parent,
    c.parentRelation,
    c.countries,
    c.lat,
    c.lon,
    c.geoCountry,
    c.geoPrecision,
    c.geonamesId,
    c.externalIds,
  ];
}
