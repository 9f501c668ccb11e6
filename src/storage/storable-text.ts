/**
 * What PostgreSQL can store of a string. Its `text` and `jsonb` refuse U+0000, and half of
 * a surrogate pair has no UTF-8 form at all; both arrive in JSON as escapes (`\u0000`,
 * `\ud800`) from a client or a channel. Rather than refuse a person's whole message for
 * them, the NUL is dropped and the lone half becomes U+FFFD, the replacement character.
 *
 * Almost every string is storable already, so that is checked first and such strings (and
 * values made only of them) are returned as they are, without a copy: this runs on every
 * inbound message, before it is acknowledged.
 */

/** Surrogate halves without their partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A NUL or a lone surrogate half: what a string needs repairing for. */
const NEEDS_REPAIR = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);
/** A NUL or any surrogate half: a cheap first test, since most strings have neither. */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const MAY_NEED_REPAIR = /[\u0000\uD800-\uDFFF]/;

/** `text` with U+0000 removed and lone surrogate halves replaced by U+FFFD. */
export function toStorableText(text: string): string {
  if (!needsRepair(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A JSON value (an activity, a request body) with every string, keys too, storable: the
 * value itself when nothing needs a repair, else a repaired copy (the value is not changed).
 */
export function toStorable<T>(value: T): T {
  return needsRepair(value) ? (repaired(value) as T) : value;
}

function needsRepair(value: unknown): boolean {
  if (typeof value === 'string') return MAY_NEED_REPAIR.test(value) && NEEDS_REPAIR.test(value);
  if (Array.isArray(value)) return value.some(needsRepair);
  if (!isPlainObject(value)) return false;

  for (const key in value) {
    if (needsRepair(key) || needsRepair(value[key])) return true;
  }
  return false;
}

function repaired(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) return value.map(repaired);
  if (!isPlainObject(value)) return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [toStorableText(key), repaired(entry)]),
  );
}

/** An object of keys and values, as JSON has; a Date (an activity's timestamp) is left whole. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
