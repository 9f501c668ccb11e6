/**
 * One medication's stretch of normalized text, read a piece at a time. Each parser takes what it
 * understands and blanks it out, so the next parser cannot read the same words twice ("for 5
 * days" is a duration, never a reason; "starting Monday" is a date, never a weekly schedule).
 */
import { quoteWritten, type NormalizedText } from './normalize-text.js';

/** A match found by `TextScan`; `index` is relative to the scanned stretch. */
export interface ScanMatch {
  /** The whole match, then its groups, as in `RegExpExecArray`. */
  readonly groups: readonly (string | undefined)[];
  readonly index: number;
  readonly end: number;
  /** Start and end of each group, when the pattern has the `d` flag. */
  readonly indices?: readonly ([number, number] | undefined)[];
}

export class TextScan {
  private unread: string;

  /**
   * @param source the whole normalized text
   * @param start where this stretch starts in `source.text`
   * @param end where it ends (exclusive)
   */
  constructor(
    private readonly source: NormalizedText,
    private readonly start = 0,
    end = source.text.length,
  ) {
    this.unread = source.text.slice(start, end);
  }

  /** What no parser has taken yet; taken characters read as spaces. */
  get text(): string {
    return this.unread;
  }

  /** Every match of `pattern` (which must have the `g` flag) in what is unread; takes nothing. */
  findAll(pattern: RegExp): ScanMatch[] {
    return [...this.unread.matchAll(pattern)].map(toScanMatch);
  }

  /** Takes every match of `pattern`, which must have the `g` flag, in order. */
  takeAll(pattern: RegExp): ScanMatch[] {
    const matches = this.findAll(pattern);
    for (const match of matches) this.blank(match.index, match.end);
    return matches;
  }

  /** Takes the first match of `pattern` only, if any. */
  take(pattern: RegExp): ScanMatch | undefined {
    pattern.lastIndex = 0;
    const found = pattern.exec(this.unread);
    pattern.lastIndex = 0;
    if (!found) return undefined;

    const match = toScanMatch(found);
    this.blank(match.index, match.end);
    return match;
  }

  /** Marks `[from, to)` as taken. */
  blank(from: number, to: number): void {
    if (to <= from) return;

    this.unread = this.unread.slice(0, from) + ' '.repeat(to - from) + this.unread.slice(to);
  }

  /** The words behind `[from, to)` as the person wrote them (case and accents kept). */
  quote(from: number, to: number): string {
    return quoteWritten(this.source, this.start + from, this.start + to);
  }
}

function toScanMatch(found: RegExpExecArray | RegExpMatchArray): ScanMatch {
  const index = found.index ?? 0;
  const indices = (found as RegExpExecArray).indices;
  return {
    groups: [...found],
    index,
    end: index + found[0].length,
    indices: indices && [...indices],
  };
}
