// Catching up with `sync` on every (re)connection and whenever a live event shows a gap: one run at
// a time, each page's conversations folded into the model, persisted, and reconciled with the outbox.
// A cursor or syncToken the server refuses starts over from nothing. No DOM here.

import { ProtocolError } from '../protocol/errors.js';
import { runSync } from '../protocol/sync.js';
import { ConversationModel } from './conversation-model.js';

export class CatchUp {
  /**
   * @param {{connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>},
   *          store: any, model: ConversationModel, outbox: import('../protocol/outbox.js').Outbox, deviceId: string,
   *          changed: (change: import('./chat.js').Change) => void, forget: (conversationId: string) => Promise<void>,
   *          synced: () => void}} options `synced` runs after each complete sync
   */
  constructor({ connection, store, model, outbox, deviceId, changed, forget, synced }) {
    Object.assign(this, { connection, store, model, outbox, deviceId, changed, forget, synced });
    /** @type {Promise<void> | null} */
    this.running = null;
    this.again = false;
  }

  /** One sync at a time; a call during a run makes it run once more. Never rejects. */
  run() {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.once().catch((error) => this.failed(error));
      } while (this.again && this.connection.isOpen);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async once() {
    const since = await this.store.getMeta('syncToken');
    const result = await runSync(this.connection, {
      cursors: this.model.cursors(), since, onPage: (reply, page) => this.applyPage(reply, page),
    });
    await this.store.setMeta('syncToken', result.syncToken);
    this.synced();
  }

  /** A cursor past the server's last seq, or a syncToken it did not issue: start over from nothing. */
  async failed(error) {
    if (error instanceof ProtocolError && error.code === 'BAD_REQUEST') {
      for (const id of [...this.model.conversations.keys()]) await this.store.deleteConversation(id);
      this.model.clear();
      await this.store.setMeta('syncToken', null);
      this.again = true;
    } else {
      console.error('Parley: sync failed; it runs again on the next connection:', error);
    }
  }

  /** @param {any} reply @param {import('../protocol/sync.js').SyncPageResult} page */
  async applyPage(reply, page) {
    for (const synced of reply.conversations) {
      const conversation = this.model.applySynced(synced, page.cursors[synced.conversation.conversationId] ?? 0);
      await this.store.putMessages(synced.messages);
      await this.store.putConversation(ConversationModel.record(conversation));
      await this.outbox.reconcile(synced.messages, this.deviceId);
      this.changed({ what: 'messages', conversationId: conversation.conversationId, added: synced.messages });
    }
    for (const id of page.removed) await this.forget(id);
    this.changed({ what: 'conversations' });
  }
}
