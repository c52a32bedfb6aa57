// Which conversation this socket shows (`viewConversation`, docs/protocol/live.md): sent when a
// conversation is opened and the window is visible, refreshed at half its TTL while it stays so,
// stopped (`conversationId: null`) when it is closed or hidden, and sent again after a reconnect,
// since a view belongs to the socket. No DOM here.

import { VIEW_TTL_SECONDS } from '../protocol/limits.js';
import { logFailure } from './log.js';

export class Viewing {
  /**
   * @param {{connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>},
   *          timers?: {setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout}, ttlSeconds?: number}} options
   */
  constructor({ connection, timers = globalThis, ttlSeconds = VIEW_TTL_SECONDS }) {
    Object.assign(this, { connection, timers, ttlSeconds });
    /** @type {string | null} what the server was told this socket views */
    this.current = null;
    /** @type {string | null} the view the server has confirmed: from then on this socket gets the group's messages live */
    this.confirmed = null;
    this.refresh = null;
  }

  /** The conversation on screen now, or null: tells the server when it changed. */
  show(conversationId) {
    const id = conversationId ?? null;
    if (id === this.current) return;
    this.current = id;
    this.confirmed = null;
    this.send();
  }

  /** A new socket views nothing: tell it again. */
  reopened() {
    this.confirmed = null;
    if (this.current) this.send();
  }

  send() {
    this.timers.clearTimeout(this.refresh);
    this.refresh = null;
    if (!this.connection.isOpen) return; // reopened() sends it once connected
    const conversationId = this.current;
    const fields = conversationId ? { conversationId, ttlSeconds: this.ttlSeconds } : { conversationId: null };
    this.connection.request('viewConversation', fields)
      .then(() => {
        if (this.current === conversationId) this.confirmed = conversationId;
      })
      .catch(logFailure(conversationId ? `viewConversation ${conversationId}` : 'stopping viewConversation'));
    if (conversationId) {
      this.refresh = this.timers.setTimeout(() => this.send(), (this.ttlSeconds * 1000) / 2);
      this.refresh?.unref?.(); // under Node (tests), a view alone keeps no process alive
    }
  }
}
