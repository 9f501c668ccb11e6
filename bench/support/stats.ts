/** Small statistics for benchmark reports. */

/** The q-quantile (0..1) of `samples` by nearest rank; NaN when empty. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Formats milliseconds with one decimal. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;
