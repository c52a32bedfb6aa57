// The client's half of exactly-once sending (docs/protocol.md "Exactly once: the client's contract"):
// every message gets its clientMessageId before the first attempt, stays in a persistent outbox until
// a reply gives it a seq (or sync shows it stored), and every retry reuses that id.

import { backoffDelay } from './backoff.js';
import { isRetryable } from './errors.js';
import { newClientMessageId } from './ids.js';

/**
 * @typedef {object} OutboxEntry
 * @property {string} clientMessageId
 * @property {string} conversationId
 * @property {string} text empty for a message of media only
 * @property {any[]} [media] descriptors of ready media (docs/protocol/media.md); their ids are sent
 * @property {number} createdAt epoch ms, also the send order
 * @property {number} attempts
 *
 * @typedef {object} OutboxStore persistence (IndexedDB in the browser, memory in tests)
 * @property {() => Promise<OutboxEntry[]>} listOutbox
 * @property {(entry: OutboxEntry) => Promise<void>} putOutbox
 * @property {(clientMessageId: string) => Promise<void>} deleteOutbox
 *
 * @typedef {{type: 'queued', entry: OutboxEntry}
 *   | {type: 'sent', entry: OutboxEntry, seq: number, sentAt: number, deliveredTo?: string[]}
 *   | {type: 'failed', entry: OutboxEntry, error: Error}} OutboxChange
 */

export class Outbox {
  /**
   * @param {{store: OutboxStore,
   *          connection: {isOpen: boolean, request: (action: string, fields?: object) => Promise<any>},
   *          onChange?: (change: OutboxChange) => Promise<void> | void,
   *          timers?: {setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout},
   *          random?: () => number, now?: () => number}} options `onChange` is awaited (a sent message is
   *          persisted before the next is sent) and must not reject
   */
  constructor({ store, connection, onChange = () => {}, timers = globalThis, random = Math.random, now = Date.now }) {
    this.store = store;
    this.connection = connection;
    this.onChange = onChange;
    this.timers = timers;
    this.random = random;
    this.now = now;
    /** @type {Map<string, OutboxEntry>} */
    this.entries = new Map();
    /** @type {Promise<void> | null} */
    this.flushing = null;
    this.flushAgain = false;
    this.failures = 0;
    this.retryTimer = null;
  }

  /** Loads what a previous session left unsent. */
  async load() {
    for (const entry of await this.store.listOutbox()) this.entries.set(entry.clientMessageId, entry);
    return this.pending();
  }

  /** @returns {OutboxEntry[]} unsent entries, oldest first */
  pending() {
    return [...this.entries.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Queues a message (persisted before anything is sent) and flushes when connected.
   * @param {string} conversationId
   * @param {string} text
   * @param {any[]} [media] descriptors of ready media
   * @returns {Promise<OutboxEntry>}
   */
  async enqueue(conversationId, text, media) {
    const createdAt = Math.max(this.now(), ...this.pending().map((e) => e.createdAt + 1));
    const entry = { clientMessageId: newClientMessageId(createdAt), conversationId, text, createdAt, attempts: 0 };
    if (media?.length) entry.media = media;
    await this.store.putOutbox(entry);
    this.entries.set(entry.clientMessageId, entry);
    await this.onChange({ type: 'queued', entry });
    if (this.connection.isOpen) this.flush();
    return entry;
  }

  /**
   * Drops the entries that sync or a live event showed stored (step 5 of the contract): a message of
   * this device with the entry's clientMessageId.
   * @param {{clientMessageId?: string, senderDeviceId?: string, seq: number, sentAt: number}[]} messages
   * @param {string} deviceId this device
   */
  async reconcile(messages, deviceId) {
    for (const message of messages) {
      const entry = message.senderDeviceId === deviceId && message.clientMessageId
        ? this.entries.get(message.clientMessageId) : undefined;
      if (entry) await this.settleSent(entry, message.seq, message.sentAt);
    }
  }

  /**
   * Sends every pending entry, one at a time in creation order (so seqs follow the order the user
   * typed). Concurrent calls share one run; a call during a run makes it go round once more.
   * @returns {Promise<void>}
   */
  flush() {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        await this.sendPending();
      } while (this.flushAgain && this.connection.isOpen);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async sendPending() {
    for (const entry of this.pending()) {
      if (!this.connection.isOpen) return;
      if (!this.entries.has(entry.clientMessageId)) continue; // reconciled meanwhile
      entry.attempts += 1;
      try {
        const reply = await this.connection.request('sendMessage', {
          conversationId: entry.conversationId, clientMessageId: entry.clientMessageId,
          ...(entry.text ? { text: entry.text } : {}), ...(entry.media ? { media: entry.media.map((m) => m.mediaId) } : {}),
        });
        this.failures = 0;
        await this.settleSent(entry, reply.seq, reply.sentAt, reply.deliveredTo);
      } catch (error) {
        if (isRetryable(error)) {
          await this.store.putOutbox(entry);
          this.scheduleRetry();
          return; // keep the order: nothing after it goes first
        }
        this.entries.delete(entry.clientMessageId);
        await this.store.deleteOutbox(entry.clientMessageId);
        await this.onChange({ type: 'failed', entry, error });
      }
    }
  }

  /**
   * @param {OutboxEntry} entry @param {number} seq @param {number} sentAt
   * @param {string[]} [deliveredTo] the reply's members whose device got the message live
   */
  async settleSent(entry, seq, sentAt, deliveredTo) {
    if (!this.entries.delete(entry.clientMessageId)) return;
    await this.store.deleteOutbox(entry.clientMessageId);
    // persisted before the next send or sync page
    await this.onChange({ type: 'sent', entry, seq, sentAt, ...(deliveredTo ? { deliveredTo } : {}) });
  }

  /** After a retryable failure on an open socket; a reconnect flushes anyway. */
  scheduleRetry() {
    this.failures += 1;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.connection.isOpen) this.flush();
    }, backoffDelay(this.failures, { baseMs: 1000, maxMs: 30_000, random: this.random }));
  }
}
