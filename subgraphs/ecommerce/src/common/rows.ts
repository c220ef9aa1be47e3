/** A property read from a row that may be absent: its value, or null. */
export function optional<T>(value: unknown): T | null {
  return (value as T | null | undefined) ?? null;
}
