// The client's durable state in IndexedDB, one database per user: conversations (with cursors and
// receipts), messages by (conversationId, seq), the outbox of unsent messages, and meta
// (syncToken, known user names). Same contract as MemoryStore.

const VERSION = 1;

/** @param {IDBRequest | IDBTransaction} request */
function done(request) {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in request) {
      request.oncomplete = () => resolve(undefined);
      request.onabort = request.onerror = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }
  });
}

export class IndexedDbStore {
  /** @param {IDBDatabase} db */
  constructor(db) {
    this.db = db;
  }

  /** @param {string} name e.g. `parley-<userId>` */
  static async open(name, indexedDB = globalThis.indexedDB) {
    const request = indexedDB.open(name, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('meta');
      db.createObjectStore('conversations', { keyPath: 'conversationId' });
      db.createObjectStore('messages', { keyPath: ['conversationId', 'seq'] });
      db.createObjectStore('outbox', { keyPath: 'clientMessageId' });
    };
    return new IndexedDbStore(await done(request));
  }

  /** @param {string} name @param {IDBTransactionMode} mode */
  objects(name, mode = 'readonly') {
    return this.db.transaction(name, mode).objectStore(name);
  }

  async getMeta(key) { return done(this.objects('meta').get(key)); }
  async setMeta(key, value) { await done(this.objects('meta', 'readwrite').put(value, key)); }

  async listConversations() { return done(this.objects('conversations').getAll()); }
  async putConversation(record) { await done(this.objects('conversations', 'readwrite').put(record)); }
  async deleteConversation(conversationId) {
    const tx = this.db.transaction(['conversations', 'messages'], 'readwrite');
    tx.objectStore('conversations').delete(conversationId);
    tx.objectStore('messages').delete(IDBKeyRange.bound([conversationId, 0], [conversationId, Infinity]));
    await done(tx);
  }

  async putMessages(messages) {
    if (messages.length === 0) return;
    const tx = this.db.transaction('messages', 'readwrite');
    for (const message of messages) tx.objectStore('messages').put(message);
    await done(tx);
  }

  async getMessages(conversationId, { beforeSeq = Infinity, limit = 50 } = {}) {
    const range = IDBKeyRange.bound([conversationId, 0], [conversationId, beforeSeq], false, true);
    const found = [];
    const cursorRequest = this.objects('messages').openCursor(range, 'prev');
    await new Promise((resolve, reject) => {
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor || found.length >= limit) return resolve(undefined);
        found.push(cursor.value);
        cursor.continue();
      };
      cursorRequest.onerror = () => reject(cursorRequest.error);
    });
    return found.reverse();
  }

  async listOutbox() { return done(this.objects('outbox').getAll()); }
  async putOutbox(entry) { await done(this.objects('outbox', 'readwrite').put(entry)); }
  async deleteOutbox(clientMessageId) { await done(this.objects('outbox', 'readwrite').delete(clientMessageId)); }
}
