/** Map key of an event or claim (or its child rows): ids are unique per document only. */
export function ownerKey(documentId: unknown, ownerId: unknown): string {
  return `${String(documentId)}\u0000${String(ownerId)}`;
}
