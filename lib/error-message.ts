/** What an error says, for a message shown to a person or sent across a boundary: an Error's message, else the value as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
