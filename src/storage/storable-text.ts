/**
 * What PostgreSQL can store of a string. Its `text` and `jsonb` refuse U+0000, and half of
 * a surrogate pair has no UTF-8 form at all; both arrive in JSON as escapes (`\u0000`,
 * `\ud800`) from a client or a channel. Rather than refuse a person's whole message for
 * them, the NUL is dropped and the lone half becomes U+FFFD, the replacement character.
 */

/** Surrogate halves without their partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with U+0000 removed and lone surrogate halves replaced by U+FFFD. */
export function toStorableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A copy of a JSON value (an activity, a request body) with every string, keys too, storable. */
export function toStorable<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value === null || typeof value !== 'object') return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [toStorableText(key), storable(entry)]),
  );
}
