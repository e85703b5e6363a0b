/** The store seam for services: the interface and its types. Adapters are imported by compose.ts only. */
export { defaultDbPath } from "./default-path.js";
export { foldName } from "./fold-name.js";
export type {
  DocumentSummary,
  EntitySummary,
  IncidentBlockQuery,
  IncidentChanges,
  IncidentDetail,
  IncidentMember,
  IncidentMemberInput,
  IncidentSummary,
  ListClaimsOptions,
  ListEntitiesOptions,
  ListEventsOptions,
  ListIncidentsOptions,
  SaveAnalysisInput,
  SearchHit,
  Store,
  StoredClaim,
  StoredEvent,
  StoredMention,
} from "./store.js";
