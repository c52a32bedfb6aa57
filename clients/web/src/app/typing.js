// Typing, both ways: what this user sends (`typing` at most every 3 s, `stopped` once) and who is
// typing in each conversation (until the event's expiry). No DOM here.

import { TYPING_REFRESH_MS } from '../protocol/limits.js';
import { logFailure } from './log.js';

export class Typing {
  /**
   * @param {{connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>},
   *          me: string, onChange: (conversationId: string) => void,
   *          timers?: {setTimeout: typeof setTimeout}, now?: () => number}} options
   */
  constructor({ connection, me, onChange, timers = globalThis, now = Date.now }) {
    Object.assign(this, { connection, me, onChange, timers, now });
    /** @type {Map<string, number>} conversationId -> when `typing` was last sent */
    this.sentAt = new Map();
  }

  /** The user typed (true) or stopped, sent or left (false). */
  send(conversationId, active) {
    if (!conversationId || !this.connection.isOpen) return;
    const last = this.sentAt.get(conversationId);
    if (active && (last === undefined || this.now() - last >= TYPING_REFRESH_MS)) {
      this.sentAt.set(conversationId, this.now());
      this.connection.request('typing', { conversationId, state: 'typing' }).catch(logFailure('sending typing'));
    } else if (!active && last !== undefined) {
      this.sentAt.delete(conversationId);
      this.connection.request('typing', { conversationId, state: 'stopped' }).catch(logFailure('sending stopped typing'));
    }
  }

  /** A `typing` event for a conversation held (its `typing` map: userId -> until). */
  received(conversation, event) {
    if (!conversation || event.userId === this.me) return;
    const id = event.conversationId;
    if (event.state === 'typing') {
      const expiresInMs = event.expiresInMs ?? 6000;
      const until = this.now() + expiresInMs;
      conversation.typing.set(event.userId, until);
      this.timers.setTimeout(() => {
        if (conversation.typing.get(event.userId) !== until) return;
        conversation.typing.delete(event.userId);
        this.onChange(id);
      }, expiresInMs);
    } else {
      conversation.typing.delete(event.userId);
    }
    this.onChange(id);
  }
}
