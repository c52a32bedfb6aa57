// The protocol's error codes (docs/protocol.md "Error codes"), plus two the client raises itself.

/** Server codes after which the same request may succeed (with backoff). */
const RETRYABLE = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'TIMEOUT', 'DISCONNECTED']);

/** A refused or unanswered request. `code` is what callers branch on; `message` is for humans. */
export class ProtocolError extends Error {
  /**
   * @param {string} code a server error code, or TIMEOUT (no answer in time) or DISCONNECTED (the socket went away)
   * @param {string} message
   * @param {string} [requestId]
   */
  constructor(code, message, requestId) {
    super(`${code}: ${message}`);
    this.name = 'ProtocolError';
    this.code = code;
    /** The server's own sentence, for people: it says what was refused and why. */
    this.reason = message;
    this.requestId = requestId;
  }

  /** Whether retrying the same request (the same clientMessageId for a send) can help. */
  get retryable() {
    return RETRYABLE.has(this.code);
  }
}

/** @param {unknown} error */
export function isRetryable(error) {
  return error instanceof ProtocolError ? error.retryable : true;
}

/** The two failures the client raises itself, said for people (their message names the request, for logs). */
const CLIENT_SIDE = {
  DISCONNECTED: 'Not connected: try again once Parley shows it is connected.',
  TIMEOUT: 'The server did not answer in time: try again.',
};

/**
 * What to show a person for a failed request: the server's sentence without the code (which is for
 * programs), with epoch milliseconds in it ("This invite link expired at 1767312000000.") as a date.
 * @param {unknown} error
 */
export function errorText(error) {
  if (error instanceof ProtocolError && CLIENT_SIDE[error.code]) return CLIENT_SIDE[error.code];
  const text = error instanceof ProtocolError && error.reason ? error.reason : String(error?.message ?? error);
  return text.replace(/\b1\d{12}\b/g, (ms) => new Date(Number(ms)).toLocaleString());
}
