// Catching up with `sync` (docs/protocol/sync.md "Paging: how a client syncs"): cursors per
// conversation, pages until complete, and the syncToken of the page that completed it.

import { PAGE_SIZE } from './limits.js';

/**
 * @typedef {Record<string, number>} Cursors conversation id -> the highest seq held without a gap
 *
 * @typedef {object} SyncPageResult
 * @property {Cursors} cursors the cursors to send next (and to keep)
 * @property {boolean} again the sync is not complete: ask again with `cursors` and the same `since`
 * @property {string[]} removed conversations the user is no longer a member of
 */

/**
 * Folds one sync reply into the cursors. A conversation with a cursor gets the messages after it;
 * one without gets its newest messages; either way its cursor becomes the highest seq now held
 * contiguously. Pure: the caller stores the messages.
 * @param {Cursors} cursors what the request sent
 * @param {any} reply the sync reply frame
 * @returns {SyncPageResult}
 */
export function mergeSyncPage(cursors, reply) {
  const next = { ...cursors };
  let again = Boolean(reply.hasMore);
  for (const synced of reply.conversations ?? []) {
    const id = synced.conversation.conversationId;
    const had = Object.hasOwn(cursors, id);
    let cursor = had ? cursors[id] : 0;
    const seqs = (synced.messages ?? []).map((m) => m.seq).sort((a, b) => a - b);
    if (!had && seqs.length > 0) {
      cursor = seqs[seqs.length - 1]; // the newest page: older ones come through history
    } else {
      for (const seq of seqs) if (seq === cursor + 1) cursor = seq;
    }
    next[id] = Math.max(next[id] ?? 0, cursor);
    // With a cursor, hasMore means newer messages are still to come; without one, it means older
    // messages exist, which history pages in on demand.
    if (had && synced.hasMore) again = true;
  }
  const removed = reply.removed ?? [];
  for (const id of removed) delete next[id];
  return { cursors: next, again, removed };
}

/**
 * Runs a complete sync: pages until neither the reply nor a conversation we had a cursor for has
 * more. `onPage` stores each page before the next is asked for.
 * @param {{request: (action: string, fields?: object) => Promise<any>}} connection
 * @param {{cursors: Cursors, since?: string, limit?: number, maxPages?: number,
 *          onPage: (reply: any, result: SyncPageResult) => Promise<void> | void}} options
 * @returns {Promise<{cursors: Cursors, syncToken: string, pages: number}>}
 */
export async function runSync(connection, { cursors, since, limit = PAGE_SIZE, maxPages = 50, onPage }) {
  let current = { ...cursors };
  for (let page = 1; page <= maxPages; page++) {
    const fields = { cursors: current, limit };
    if (since) fields.since = since;
    const reply = await connection.request('sync', fields);
    const result = mergeSyncPage(current, reply);
    await onPage(reply, result);
    current = result.cursors;
    if (!result.again) return { cursors: current, syncToken: reply.syncToken, pages: page };
  }
  throw new Error(`sync did not complete within ${maxPages} pages`);
}
