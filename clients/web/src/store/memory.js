// The store in memory: the same contract as IndexedDbStore, for tests and for browsers without
// IndexedDB (private modes); nothing survives a reload.

/**
 * @typedef {object} ConversationRecord
 * @property {string} conversationId
 * @property {any} summary the ConversationSummary
 * @property {string[]} members user ids
 * @property {number} cursor highest seq held without a gap
 * @property {number} readSeq
 * @property {number} deliveredSeq
 * @property {Record<string, {readSeq: number, deliveredSeq: number}>} receipts other members' cursors
 */

export class MemoryStore {
  constructor() {
    this.meta = new Map();
    /** @type {Map<string, ConversationRecord>} */
    this.conversations = new Map();
    /** @type {Map<string, Map<number, any>>} */
    this.messages = new Map();
    this.outbox = new Map();
  }

  async getMeta(key) { return structuredClone(this.meta.get(key)); }
  async setMeta(key, value) { this.meta.set(key, structuredClone(value)); }

  async listConversations() { return [...this.conversations.values()].map((c) => structuredClone(c)); }
  async putConversation(record) { this.conversations.set(record.conversationId, structuredClone(record)); }
  async deleteConversation(conversationId) {
    this.conversations.delete(conversationId);
    this.messages.delete(conversationId);
  }

  async putMessages(messages) {
    for (const message of messages) {
      if (!this.messages.has(message.conversationId)) this.messages.set(message.conversationId, new Map());
      this.messages.get(message.conversationId).set(message.seq, structuredClone(message));
    }
  }

  /** The newest `limit` messages before `beforeSeq` (all when absent), oldest first. */
  async getMessages(conversationId, { beforeSeq = Infinity, limit = 50 } = {}) {
    const all = [...(this.messages.get(conversationId)?.values() ?? [])]
      .filter((m) => m.seq < beforeSeq).sort((a, b) => a.seq - b.seq);
    return all.slice(Math.max(0, all.length - limit)).map((m) => structuredClone(m));
  }

  async listOutbox() { return [...this.outbox.values()].map((e) => structuredClone(e)); }
  async putOutbox(entry) { this.outbox.set(entry.clientMessageId, structuredClone(entry)); }
  async deleteOutbox(clientMessageId) { this.outbox.delete(clientMessageId); }
}
