// Which store holds a user's state. IndexedDB when the browser gives it; when it refuses (no
// IndexedDB in this context, storage blocked by a setting or policy, some private modes, a full
// disk), memory, and the caller must say so where the user sees it: nothing in memory survives a
// reload, not even messages still waiting in the outbox.

import { IndexedDbStore } from './indexeddb.js';
import { MemoryStore } from './memory.js';

/**
 * @typedef {{store: IndexedDbStore, durable: true}
 *   | {store: MemoryStore, durable: false, reason: Error}} OpenedStore
 */

/**
 * @param {string} userId one database per user: `parley-<userId>`
 * @param {IDBFactory | undefined} indexedDB the browser's, unless a test gives another
 * @returns {Promise<OpenedStore>}
 */
export async function openStore(userId, indexedDB = globalThis.indexedDB) {
  if (!indexedDB) return { store: new MemoryStore(), durable: false, reason: new Error('this browser gives this page no IndexedDB') };
  try {
    return { store: await IndexedDbStore.open(`parley-${userId}`, indexedDB), durable: true };
  } catch (error) {
    return { store: new MemoryStore(), durable: false, reason: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** What the app shows, for as long as it runs, when the store is in memory. */
export function notKeptWarning(reason) {
  return `This browser refused to store Parley's data (${reason.message}), so nothing is kept after this tab `
    + 'closes or reloads, not even messages still waiting to be sent.';
}
