// "Read by N" under the user's own messages in a large group (`readCounts`, docs/protocol/sync.md):
// a large group sends no receipts, so the client asks for its own newest messages' counts when the
// conversation is shown, again at once when a newer one of its messages is on screen, and every
// READ_COUNTS_REFRESH_MS while it stays shown (a timer asks the view to render again; a view that
// no longer shows the conversation does not, and the asking stops). Each request costs about the same as a
// viewConversation refresh (docs/cost.md). No DOM here.

import { MAX_READ_COUNT_SEQS } from '../protocol/limits.js';
import { logFailure } from './log.js';

/** How often the counts of the same messages are asked again while the conversation stays on screen. */
export const READ_COUNTS_REFRESH_MS = 15_000;

export class ReadCounts {
  /**
   * @param {{connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>},
   *          changed: (change: {what: string, conversationId: string}) => void, now?: () => number,
   *          timers?: {setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout}}} options
   */
  constructor({ connection, changed, now = () => Date.now(), timers = globalThis }) {
    Object.assign(this, { connection, changed, now, timers });
    this.timer = null;
    /** @type {Map<string, Map<number, number>>} conversationId → seq → readBy, as last answered */
    this.counts = new Map();
    /** @type {Map<string, {key: string, at: number}>} what was last asked per conversation, and when */
    this.asked = new Map();
  }

  /** @returns {number | undefined} how many members have read `seq`, once the server said */
  readBy(conversationId, seq) {
    return this.counts.get(conversationId)?.get(seq);
  }

  /**
   * The user's own stored messages on screen: asks for the newest 50 unless the same were asked within
   * READ_COUNTS_REFRESH_MS. A failure is logged and the next render asks again.
   * @param {number[]} ownSeqs
   */
  shown(conversationId, ownSeqs) {
    const seqs = ownSeqs.slice(-MAX_READ_COUNT_SEQS);
    if (seqs.length === 0 || !this.connection.isOpen) return;
    const key = seqs.join(',');
    const last = this.asked.get(conversationId);
    if (last && last.key === key && this.now() - last.at < READ_COUNTS_REFRESH_MS) return;
    this.asked.set(conversationId, { key, at: this.now() });
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.changed({ what: 'messages', conversationId }), READ_COUNTS_REFRESH_MS);
    this.connection.request('readCounts', { conversationId, seqs })
      .then((reply) => {
        this.counts.set(conversationId, new Map(reply.counts.map((count) => [count.seq, count.readBy])));
        this.changed({ what: 'messages', conversationId });
      })
      .catch((error) => {
        this.asked.delete(conversationId);
        logFailure(`readCounts in ${conversationId}`)(error);
      });
  }
}
