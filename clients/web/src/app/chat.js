// The client's model of one signed-in user: conversations, messages, receipts, typing and presence,
// kept from the store, sync and live events, and the actions the UI calls. No DOM here.

import { ProtocolError } from '../protocol/errors.js';
import { PAGE_SIZE, TYPING_REFRESH_MS } from '../protocol/limits.js';
import { MediaUrls } from '../protocol/media.js';
import { Outbox } from '../protocol/outbox.js';
import { runSync } from '../protocol/sync.js';
import { MediaUploads } from './media.js';
import { messageStatus } from './status.js';

/**
 * @typedef {import('../store/memory.js').ConversationRecord & {last?: any, typing?: Map<string, number>}} Conversation
 * @typedef {{what: 'conversations' | 'messages' | 'typing' | 'presence' | 'connection', conversationId?: string,
 *            added?: any[]}} Change
 */

export class ChatClient {
  /**
   * @param {{connection: import('../protocol/connection.js').Connection, store: any,
   *          me: {userId: string, username: string}, deviceId: string, knownUsernames?: string[],
   *          isVisible?: () => boolean}} options
   */
  constructor({ connection, store, me, deviceId, knownUsernames = [], isVisible = () => true }) {
    this.connection = connection;
    this.store = store;
    this.me = me;
    this.deviceId = deviceId;
    this.knownUsernames = knownUsernames;
    this.isVisible = isVisible;
    /** @type {Map<string, Conversation>} */
    this.conversations = new Map();
    /** @type {Map<string, Map<number, any>>} stored messages by seq */
    this.messages = new Map();
    /** @type {Map<string, string>} userId -> username */
    this.names = new Map([[me.userId, me.username]]);
    /** @type {Map<string, {status: string, lastSeenAt?: number}>} */
    this.presence = new Map();
    /** @type {string | null} */
    this.openId = null;
    this.typingSentAt = new Map();
    this.listeners = new Set();
    this.syncing = null;
    this.syncAgain = false;
    this.outbox = new Outbox({ store, connection, onChange: (change) => this.onOutbox(change) });
    /** Images on their way (app/media.js), and download URLs of sent ones. */
    this.media = new MediaUploads({
      connection, send: (id, text, media) => this.send(id, text, media),
      onChange: (conversationId) => this.changed({ what: 'messages', conversationId }),
    });
    this.mediaUrls = new MediaUrls({ connection });
  }

  /** @param {(change: Change) => void} listener */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {Change} change */
  changed(change) {
    for (const listener of this.listeners) listener(change);
  }

  /** Shows what the store holds at once, then connects; every (re)connection syncs, then flushes the outbox. */
  async start() {
    for (const [userId, username] of Object.entries((await this.store.getMeta('names')) ?? {})) {
      this.names.set(userId, username);
    }
    for (const record of await this.store.listConversations()) {
      const [last] = await this.store.getMessages(record.conversationId, { limit: 1 });
      this.conversations.set(record.conversationId, { ...record, last, typing: new Map() });
    }
    await this.outbox.load();
    this.changed({ what: 'conversations' });
    const c = this.connection;
    c.on('open', () => this.onOpen());
    c.on('state', () => this.changed({ what: 'connection' }));
    c.on('message', (frame) => this.onMessage(frame));
    c.on('receipt', (frame) => this.onReceipt(frame));
    c.on('typing', (frame) => this.onTyping(frame));
    c.on('presence', (frame) => this.onPresence(frame));
    c.on('conversation', (frame) => this.onConversationEvent(frame));
    c.start();
  }

  async onOpen() {
    await this.sync();
    await this.outbox.flush();
    await this.resolveNames();
    await this.refreshPresence();
  }

  // ---- sync --------------------------------------------------------------------------------

  /** One sync at a time; a call during a run makes it run once more. */
  sync() {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.syncOnce().catch((error) => this.syncFailed(error));
      } while (this.syncAgain && this.connection.isOpen);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  async syncOnce() {
    const cursors = {};
    for (const [id, conversation] of this.conversations) cursors[id] = conversation.cursor;
    const since = await this.store.getMeta('syncToken');
    const result = await runSync(this.connection, { cursors, since, onPage: (reply, page) => this.applySyncPage(reply, page) });
    await this.store.setMeta('syncToken', result.syncToken);
    for (const conversation of this.conversations.values()) this.acknowledge(conversation);
  }

  /** A cursor past the server's last seq, or a syncToken it did not issue: start over from nothing. */
  async syncFailed(error) {
    if (error instanceof ProtocolError && error.code === 'BAD_REQUEST') {
      for (const id of [...this.conversations.keys()]) await this.store.deleteConversation(id);
      this.conversations.clear();
      this.messages.clear();
      await this.store.setMeta('syncToken', null);
      this.syncAgain = true;
    } else if (!(error instanceof ProtocolError && !error.retryable)) {
      console.warn('sync failed; it runs again on the next connection', error);
    }
  }

  /** @param {any} reply @param {import('../protocol/sync.js').SyncPageResult} page */
  async applySyncPage(reply, page) {
    for (const synced of reply.conversations) {
      const id = synced.conversation.conversationId;
      const previous = this.conversations.get(id);
      const receipts = {};
      for (const r of synced.receipts ?? []) receipts[r.userId] = { readSeq: r.readSeq, deliveredSeq: r.deliveredSeq };
      const record = {
        conversationId: id, summary: synced.conversation, members: synced.members, cursor: page.cursors[id] ?? 0,
        readSeq: synced.readSeq, deliveredSeq: synced.deliveredSeq, receipts,
      };
      await this.store.putMessages(synced.messages);
      await this.store.putConversation(record);
      this.holdMessages(id, synced.messages);
      const last = synced.messages.at(-1) ?? previous?.last;
      this.conversations.set(id, { ...record, last, typing: previous?.typing ?? new Map() });
      await this.outbox.reconcile(synced.messages, this.deviceId);
      this.changed({ what: 'messages', conversationId: id, added: synced.messages });
    }
    for (const id of page.removed) await this.forget(id);
    this.changed({ what: 'conversations' });
  }

  // ---- live events -------------------------------------------------------------------------

  async onMessage(message) {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) {
      this.sync(); // a conversation this device has not heard of yet
      return;
    }
    const held = this.messages.get(message.conversationId);
    if (held?.has(message.seq) || message.seq <= conversation.cursor) return; // shown once, by (conversationId, seq)
    await this.store.putMessages([message]);
    this.holdMessages(message.conversationId, [message]);
    conversation.typing?.delete(message.senderId);
    const summary = conversation.summary;
    summary.lastSeq = Math.max(summary.lastSeq, message.seq);
    summary.lastActivityAt = Math.max(summary.lastActivityAt, message.sentAt);
    if (!conversation.last || conversation.last.seq < message.seq) conversation.last = message;
    if (message.senderId === this.me.userId) {
      summary.unreadCount = 0; // sent from another of my devices
      await this.outbox.reconcile([message], this.deviceId);
    } else {
      summary.unreadCount += 1;
    }
    if (message.seq === conversation.cursor + 1) {
      this.advanceCursor(conversation);
    } else {
      this.sync(); // a gap: a message is in flight or was missed
    }
    await this.store.putConversation(this.record(conversation));
    this.acknowledge(conversation);
    this.changed({ what: 'messages', conversationId: message.conversationId, added: [message] });
    this.changed({ what: 'conversations' });
  }

  onReceipt(receipt) {
    const conversation = this.conversations.get(receipt.conversationId);
    if (!conversation) return;
    if (receipt.userId === this.me.userId) {
      conversation.readSeq = Math.max(conversation.readSeq, receipt.readSeq);
      conversation.deliveredSeq = Math.max(conversation.deliveredSeq, receipt.deliveredSeq);
      if (receipt.unreadCount !== undefined) conversation.summary.unreadCount = receipt.unreadCount;
    } else {
      const before = conversation.receipts[receipt.userId] ?? { readSeq: 0, deliveredSeq: 0 };
      conversation.receipts[receipt.userId] = {
        readSeq: Math.max(before.readSeq, receipt.readSeq), deliveredSeq: Math.max(before.deliveredSeq, receipt.deliveredSeq),
      };
    }
    this.store.putConversation(this.record(conversation));
    this.changed({ what: 'messages', conversationId: receipt.conversationId });
    this.changed({ what: 'conversations' });
  }

  onTyping(event) {
    const conversation = this.conversations.get(event.conversationId);
    if (!conversation || event.userId === this.me.userId) return;
    if (event.state === 'typing') {
      const until = Date.now() + (event.expiresInMs ?? 6000);
      conversation.typing.set(event.userId, until);
      setTimeout(() => {
        if (conversation.typing.get(event.userId) === until) {
          conversation.typing.delete(event.userId);
          this.changed({ what: 'typing', conversationId: event.conversationId });
        }
      }, event.expiresInMs ?? 6000);
    } else {
      conversation.typing.delete(event.userId);
    }
    this.changed({ what: 'typing', conversationId: event.conversationId });
  }

  onPresence(event) {
    this.presence.set(event.userId, { status: event.status, lastSeenAt: event.lastSeenAt });
    this.changed({ what: 'presence' });
  }

  async onConversationEvent(event) {
    if (event.change === 'removed') {
      await this.forget(event.conversationId);
      this.changed({ what: 'conversations' });
      return;
    }
    await this.refreshConversation(event.conversationId);
  }

  // ---- actions the UI calls ----------------------------------------------------------------

  /** Opens a conversation: its newest messages from the store, else from the server; marks it read. */
  async open(conversationId) {
    this.openId = conversationId;
    if (conversationId && this.loaded(conversationId).length < PAGE_SIZE) await this.loadOlder(conversationId);
    if (conversationId) this.acknowledge(this.conversations.get(conversationId));
  }

  /**
   * Pages back: first what the store holds, then `history` from the server.
   * @returns {Promise<boolean>} whether anything older was added
   */
  async loadOlder(conversationId) {
    const held = this.loaded(conversationId);
    const beforeSeq = held[0]?.seq ?? Infinity;
    if (beforeSeq <= 1) return false;
    let older = await this.store.getMessages(conversationId, { beforeSeq, limit: PAGE_SIZE });
    const contiguous = older.length > 0 && older.at(-1).seq === (beforeSeq === Infinity ? older.at(-1).seq : beforeSeq - 1);
    if (!contiguous && this.connection.isOpen) {
      const fields = { conversationId, limit: PAGE_SIZE };
      if (beforeSeq !== Infinity) fields.beforeSeq = beforeSeq;
      const reply = await this.connection.request('history', fields);
      older = reply.messages;
      await this.store.putMessages(older);
    }
    if (older.length === 0) return false;
    this.holdMessages(conversationId, older);
    this.changed({ what: 'messages', conversationId });
    return true;
  }

  /** Whether older messages than those loaded exist. */
  hasOlder(conversationId) {
    const first = this.loaded(conversationId)[0];
    return first ? first.seq > 1 : (this.conversations.get(conversationId)?.summary.lastSeq ?? 0) > 0;
  }

  /** @param {string} conversationId @param {string} text @param {any[]} [media] descriptors of ready media */
  async send(conversationId, text, media) {
    this.typing(conversationId, false);
    await this.outbox.enqueue(conversationId, text, media);
  }

  /** The user typed (true) or stopped, sent or left (false): `typing` at most every 3 s, `stopped` once. */
  typing(conversationId, active) {
    if (!conversationId || !this.connection.isOpen) return;
    const last = this.typingSentAt.get(conversationId);
    if (active && (last === undefined || Date.now() - last >= TYPING_REFRESH_MS)) {
      this.typingSentAt.set(conversationId, Date.now());
      this.connection.request('typing', { conversationId, state: 'typing' }).catch(() => {});
    } else if (!active && last !== undefined) {
      this.typingSentAt.delete(conversationId);
      this.connection.request('typing', { conversationId, state: 'stopped' }).catch(() => {});
    }
  }

  /** @returns {Promise<string>} the conversation id */
  async createDirect(username) {
    const [user] = await this.findUsers([username]);
    if (!user) throw new Error(`No user named "${username}". Users can be found after their first sign-in.`);
    const reply = await this.connection.request('createConversation', { kind: 'direct', members: [user.userId] });
    await this.adopt(reply.conversation, [this.me.userId, user.userId]);
    return reply.conversation.conversationId;
  }

  /** @returns {Promise<string>} the conversation id */
  async createGroup(title, usernames) {
    const users = await this.findUsers(usernames);
    const missing = usernames.filter((name) => !users.some((u) => u.username === name));
    if (missing.length > 0) throw new Error(`No user named ${missing.map((m) => `"${m}"`).join(', ')}.`);
    const fields = { kind: 'group', members: users.map((u) => u.userId) };
    if (title) fields.title = title;
    const reply = await this.connection.request('createConversation', fields);
    await this.adopt(reply.conversation, [this.me.userId, ...users.map((u) => u.userId)]);
    return reply.conversation.conversationId;
  }

  // ---- what the UI reads -------------------------------------------------------------------

  /** Newest activity first. */
  conversationList() {
    return [...this.conversations.values()].sort((a, b) => b.summary.lastActivityAt - a.summary.lastActivityAt
      || a.conversationId.localeCompare(b.conversationId));
  }

  /** Stored messages by seq, then this device's unsent ones; each with `mine` and `status`. */
  messageList(conversationId) {
    const conversation = this.conversations.get(conversationId);
    const stored = this.loaded(conversationId).map((m) => ({
      ...m, mine: m.senderId === this.me.userId, status: m.senderId === this.me.userId ? messageStatus(conversation, m, this.me.userId) : undefined,
    }));
    const unsent = this.outbox.pending().filter((e) => e.conversationId === conversationId).map((e) => ({
      conversationId, clientMessageId: e.clientMessageId, text: e.text || undefined, media: e.media, sentAt: e.createdAt,
      senderId: this.me.userId, mine: true, status: 'pending',
    }));
    return [...stored, ...unsent];
  }

  title(conversation) {
    if (conversation.summary.kind === 'group') return conversation.summary.title ?? 'Group';
    const other = (conversation.members ?? []).find((id) => id !== this.me.userId);
    return other ? this.nameOf(other) : 'Direct conversation';
  }

  nameOf(userId) {
    return this.names.get(userId) ?? `user ${userId.slice(0, 8)}`;
  }

  /** The other member of a direct conversation, whose presence the list shows. */
  peer(conversation) {
    return conversation.summary.kind === 'direct' ? (conversation.members ?? []).find((id) => id !== this.me.userId) : undefined;
  }

  typists(conversationId) {
    return [...(this.conversations.get(conversationId)?.typing?.keys() ?? [])].map((id) => this.nameOf(id));
  }

  // ---- internals ---------------------------------------------------------------------------

  loaded(conversationId) {
    return [...(this.messages.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  holdMessages(conversationId, messages) {
    if (!this.messages.has(conversationId)) this.messages.set(conversationId, new Map());
    const held = this.messages.get(conversationId);
    for (const message of messages) held.set(message.seq, message);
  }

  advanceCursor(conversation) {
    const held = this.messages.get(conversation.conversationId);
    while (held?.has(conversation.cursor + 1)) conversation.cursor += 1;
  }

  /** markRead when the user sees the conversation, else markDelivered: cursors only move forward. */
  acknowledge(conversation) {
    if (!conversation || !this.connection.isOpen || conversation.cursor < 1) return;
    const upToSeq = conversation.cursor;
    const reading = this.openId === conversation.conversationId && this.isVisible();
    if (reading ? upToSeq <= conversation.readSeq : upToSeq <= conversation.deliveredSeq) return;
    if (reading) conversation.readSeq = upToSeq;
    conversation.deliveredSeq = Math.max(conversation.deliveredSeq, upToSeq);
    this.connection.request(reading ? 'markRead' : 'markDelivered', { conversationId: conversation.conversationId, upToSeq })
      .then((reply) => {
        conversation.summary.unreadCount = reply.unreadCount;
        this.store.putConversation(this.record(conversation));
        this.changed({ what: 'conversations' });
      })
      .catch(() => {}); // the next sync acknowledges again
  }

  /** Called by the UI when the window becomes visible again. */
  seen() {
    if (this.openId) this.acknowledge(this.conversations.get(this.openId));
  }

  onOutbox(change) {
    if (change.type === 'sent') {
      const { entry } = change;
      const message = {
        conversationId: entry.conversationId, seq: change.seq, sentAt: change.sentAt, senderId: this.me.userId,
        senderDeviceId: this.deviceId, clientMessageId: entry.clientMessageId, text: entry.text || undefined,
      };
      if (entry.media) message.media = entry.media;
      this.store.putMessages([message]);
      this.holdMessages(entry.conversationId, [message]);
      const conversation = this.conversations.get(entry.conversationId);
      if (conversation) {
        conversation.summary.lastSeq = Math.max(conversation.summary.lastSeq, change.seq);
        conversation.summary.lastActivityAt = Math.max(conversation.summary.lastActivityAt, change.sentAt);
        if (!conversation.last || conversation.last.seq < change.seq) conversation.last = message;
        // Sending moves the sender's own cursors up to it (docs/protocol/sync.md).
        conversation.readSeq = Math.max(conversation.readSeq, change.seq);
        conversation.deliveredSeq = Math.max(conversation.deliveredSeq, change.seq);
        if (change.seq === conversation.cursor + 1) this.advanceCursor(conversation);
        this.store.putConversation(this.record(conversation));
      }
    }
    if (change.type === 'failed') this.changed({ what: 'connection', error: change.error });
    this.changed({ what: 'messages', conversationId: change.entry.conversationId });
    this.changed({ what: 'conversations' });
  }

  async findUsers(usernames) {
    const reply = await this.connection.request('findUsers', { usernames: usernames.slice(0, 25) });
    for (const user of reply.users) this.names.set(user.userId, user.username);
    await this.store.setMeta('names', Object.fromEntries(this.names));
    return reply.users;
  }

  /** Names for the members we know no name of: the protocol resolves usernames to ids, not back. */
  async resolveNames() {
    const wanted = this.knownUsernames.filter((name) => ![...this.names.values()].includes(name));
    if (wanted.length === 0) return;
    await this.findUsers(wanted).catch(() => {});
    this.changed({ what: 'conversations' });
  }

  async refreshPresence() {
    const userIds = [...new Set([...this.conversations.values()].flatMap((c) => c.members ?? []))]
      .filter((id) => id !== this.me.userId).slice(0, 50);
    if (userIds.length === 0) return;
    const reply = await this.connection.request('getPresence', { userIds }).catch(() => null);
    for (const p of reply?.presence ?? []) this.presence.set(p.userId, { status: p.status, lastSeenAt: p.lastSeenAt });
    this.changed({ what: 'presence' });
  }

  async refreshConversation(conversationId) {
    const reply = await this.connection.request('getConversation', { conversationId }).catch(() => null);
    if (reply) await this.adopt(reply.conversation, reply.members.map((m) => m.userId));
    await this.refreshPresence();
  }

  async adopt(summary, members) {
    const id = summary.conversationId;
    const previous = this.conversations.get(id);
    const conversation = previous
      ? { ...previous, summary: { ...summary, lastSeq: Math.max(summary.lastSeq, previous.summary.lastSeq) }, members }
      : { conversationId: id, summary, members, cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {}, typing: new Map() };
    this.conversations.set(id, conversation);
    await this.store.putConversation(this.record(conversation));
    this.changed({ what: 'conversations' });
    if (summary.lastSeq > conversation.cursor) this.sync();
  }

  async forget(conversationId) {
    this.conversations.delete(conversationId);
    this.messages.delete(conversationId);
    await this.store.deleteConversation(conversationId);
  }

  /** What the store keeps of a conversation (not its typing state or cached last message). */
  record(conversation) {
    const { typing, last, ...record } = conversation;
    return record;
  }
}


