// Reconnect and retry delays: exponential backoff with "equal jitter" (half fixed, half random),
// so that clients dropped together do not come back together, yet none retries at once.

/**
 * @param {number} attempt 1 for the first retry
 * @param {{baseMs?: number, maxMs?: number, random?: () => number}} [options]
 * @returns {number} milliseconds to wait
 */
export function backoffDelay(attempt, { baseMs = 500, maxMs = 30_000, random = Math.random } = {}) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
