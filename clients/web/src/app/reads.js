// Read receipts, coalesced: while the user looks at a conversation, one `markRead` for the newest
// message once no message arrived for READ_DEBOUNCE_MS, not one per message. No DOM here.

import { READ_DEBOUNCE_MS } from '../protocol/limits.js';

export class Reads {
  /**
   * @param {{send: (conversationId: string) => void, delayMs?: number,
   *          timers?: {setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout}}} options
   *        send: called once the conversation is quiet; it sends markRead for what is held then
   */
  constructor({ send, delayMs, timers }) {
    Object.assign(this, { send, delayMs: delayMs ?? READ_DEBOUNCE_MS, timers: timers ?? globalThis });
    /** @type {Map<string, any>} conversationId -> pending timer */
    this.pending = new Map();
  }

  /** The user saw the conversation now; each call restarts its wait. */
  schedule(conversationId) {
    this.timers.clearTimeout(this.pending.get(conversationId));
    this.pending.set(conversationId, this.timers.setTimeout(() => {
      this.pending.delete(conversationId);
      this.send(conversationId);
    }, this.delayMs));
  }

  /** Whether a markRead is waiting for the conversation. */
  has(conversationId) {
    return this.pending.has(conversationId);
  }
}
