/**
 * Random identifiers. crypto.randomUUID exists only in secure contexts, and the static build may be
 * served over plain http from a LAN host, so ids come from getRandomValues, which works everywhere.
 */
export function newId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
