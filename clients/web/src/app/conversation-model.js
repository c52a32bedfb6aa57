// The conversations and messages one signed-in user holds, and the one place where "a stored message
// arrived" is decided, whichever way it came: a live `message` event, a `sync` page, or the outbox
// (the reply to a send, or reconciliation with a stored message of this device). Pure: no DOM, no
// socket, no store. ChatClient persists what changed, with `record`.

import { messageStatus } from './status.js';

/**
 * @typedef {import('../store/memory.js').ConversationRecord & {last?: any, typing: Map<string, number>}} Conversation
 * @typedef {{conversation?: Conversation, duplicate?: boolean, gap?: boolean}} LiveArrival
 */

export class ConversationModel {
  /** @param {{me: string, deviceId: string}} options my userId, and this device's id */
  constructor({ me, deviceId }) {
    this.me = me;
    this.deviceId = deviceId;
    /** @type {Map<string, Conversation>} */
    this.conversations = new Map();
    /** @type {Map<string, Map<number, any>>} stored messages by conversation, then seq */
    this.messages = new Map();
  }

  /** A conversation as the store kept it, with its newest stored message. */
  restore(record, last) {
    this.conversations.set(record.conversationId, { ...record, last, typing: new Map() });
  }

  /** The cursors to send with `sync`: per conversation, the highest seq held without a gap. */
  cursors() {
    return Object.fromEntries([...this.conversations].map(([id, conversation]) => [id, conversation.cursor]));
  }

  /**
   * One conversation of a sync page: the server's summary and members replace ours, then its messages
   * arrive. The unread count is the server's. Cursors and receipts only move forward: a sync read
   * before my send was stored can land after the send's reply, and must not take a tick back.
   * @param {any} synced an entry of the reply's `conversations`
   * @param {number} cursor the page's cursor for it (protocol/sync.js)
   * @returns {Conversation}
   */
  applySynced(synced, cursor) {
    const id = synced.conversation.conversationId;
    const previous = this.conversations.get(id);
    const conversation = {
      conversationId: id, summary: synced.conversation, members: synced.members, cursor,
      readSeq: Math.max(synced.readSeq, previous?.readSeq ?? 0),
      deliveredSeq: Math.max(synced.deliveredSeq, previous?.deliveredSeq ?? 0),
      receipts: { ...previous?.receipts },
      last: previous?.last, typing: previous?.typing ?? new Map(),
    };
    for (const r of synced.receipts ?? []) this.moveReceipt(conversation, r.userId, r.readSeq, r.deliveredSeq);
    this.conversations.set(id, conversation);
    this.arrive(conversation, synced.messages);
    return conversation;
  }

  /**
   * A live `message` event. Shown once, by (conversationId, seq): one already held, or at or below the
   * cursor, is a duplicate. `gap` says a message before it is missing (in flight or missed): sync.
   * @returns {LiveArrival} without `conversation` when this device has not heard of the conversation yet
   */
  receiveLive(message) {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) return {};
    if (this.held(message.conversationId).has(message.seq) || message.seq <= conversation.cursor) {
      return { conversation, duplicate: true };
    }
    this.arrive(conversation, [message]);
    conversation.typing.delete(message.senderId);
    if (message.senderId === this.me) conversation.summary.unreadCount = 0; // sent from another of my devices
    else conversation.summary.unreadCount += 1;
    // The server recorded delivery when it posted this event (docs/protocol/sync.md): no markDelivered.
    conversation.deliveredSeq = Math.max(conversation.deliveredSeq, conversation.cursor);
    // Sending moved the sender's cursors to their message: they have read what came before, with no
    // receipt event of its own (a sync's receipts say the same).
    if (message.senderId !== this.me) this.moveReceipt(conversation, message.senderId, message.seq, message.seq);
    return { conversation, gap: conversation.cursor < message.seq };
  }

  /** The reply to my send named the members whose device got it: delivered up to it. */
  deliveredTo(conversationId, userIds, seq) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    for (const userId of userIds) this.moveReceipt(conversation, userId, 0, seq);
  }

  /** Another member's cursors, only forward. */
  moveReceipt(conversation, userId, readSeq, deliveredSeq) {
    const before = conversation.receipts[userId] ?? { readSeq: 0, deliveredSeq: 0 };
    conversation.receipts[userId] = {
      readSeq: Math.max(before.readSeq, readSeq), deliveredSeq: Math.max(before.deliveredSeq, deliveredSeq),
    };
  }

  /**
   * The outbox's entry is stored with `seq`: the local echo becomes the stored message.
   * @param {{conversationId: string, clientMessageId: string, text: string, media?: any[]}} entry
   * @returns {{message: any, conversation?: Conversation}}
   */
  receiveSent(entry, seq, sentAt) {
    const message = {
      conversationId: entry.conversationId, seq, sentAt, senderId: this.me, senderDeviceId: this.deviceId,
      clientMessageId: entry.clientMessageId, text: entry.text || undefined,
    };
    if (entry.media) message.media = entry.media;
    const conversation = this.conversations.get(entry.conversationId);
    if (conversation) this.arrive(conversation, [message]);
    else this.held(entry.conversationId).set(seq, message);
    return { message, conversation };
  }

  /**
   * "A stored message arrived", for every way one comes: held by seq (so a second copy replaces the
   * first), the summary's last seq and activity, the list's last message, my own cursors (sending
   * moves the sender's cursors up to it, docs/protocol/sync.md), and the cursor over what is now
   * held without a gap.
   * @param {Conversation} conversation
   * @param {any[]} messages
   */
  arrive(conversation, messages) {
    const held = this.held(conversation.conversationId);
    const summary = conversation.summary;
    for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
      held.set(message.seq, message);
      summary.lastSeq = Math.max(summary.lastSeq, message.seq);
      summary.lastActivityAt = Math.max(summary.lastActivityAt, message.sentAt);
      if (!conversation.last || conversation.last.seq < message.seq) conversation.last = message;
      if (message.senderId === this.me) {
        conversation.readSeq = Math.max(conversation.readSeq, message.seq);
        conversation.deliveredSeq = Math.max(conversation.deliveredSeq, message.seq);
      }
    }
    while (held.has(conversation.cursor + 1)) conversation.cursor += 1;
  }

  /** Older messages paged in (store or `history`): held, nothing else changes. */
  holdOlder(conversationId, messages) {
    const held = this.held(conversationId);
    for (const message of messages) held.set(message.seq, message);
  }

  /**
   * A `conversationActivity` event (a large conversation this socket does not view): the unread
   * count becomes `seq - readSeq` (at least 1), never lower than it was, and `lastSeq` moves, so
   * opening the conversation or the next sync fetches the messages.
   * @returns {Conversation | undefined}
   */
  applyActivity(activity) {
    const conversation = this.conversations.get(activity.conversationId);
    if (!conversation) return undefined;
    const unread = Math.max(1, activity.seq - conversation.readSeq);
    conversation.summary.unreadCount = Math.max(conversation.summary.unreadCount, unread);
    conversation.summary.lastSeq = Math.max(conversation.summary.lastSeq, activity.seq);
    return conversation;
  }

  /**
   * A `receipt` event: mine moves my cursors (and may carry the unread count), another member's moves
   * theirs, which the ticks read. Cursors only move forward.
   * @returns {Conversation | undefined}
   */
  applyReceipt(receipt) {
    const conversation = this.conversations.get(receipt.conversationId);
    if (!conversation) return undefined;
    if (receipt.userId === this.me) {
      conversation.readSeq = Math.max(conversation.readSeq, receipt.readSeq);
      conversation.deliveredSeq = Math.max(conversation.deliveredSeq, receipt.deliveredSeq);
      if (receipt.unreadCount !== undefined) conversation.summary.unreadCount = receipt.unreadCount;
    } else {
      this.moveReceipt(conversation, receipt.userId, receipt.readSeq, receipt.deliveredSeq);
    }
    return conversation;
  }

  /**
   * What to acknowledge up to the cursor: markRead when the user sees the conversation, else
   * markDelivered; nothing when the cursor is already acknowledged. Moves my cursors at once.
   * @param {Conversation | undefined} conversation
   * @param {boolean} reading
   * @returns {{action: 'markRead' | 'markDelivered', upToSeq: number} | null}
   */
  acknowledge(conversation, reading) {
    if (!conversation || conversation.cursor < 1) return null;
    const upToSeq = conversation.cursor;
    if (reading ? upToSeq <= conversation.readSeq : upToSeq <= conversation.deliveredSeq) return null;
    if (reading) conversation.readSeq = upToSeq;
    conversation.deliveredSeq = Math.max(conversation.deliveredSeq, upToSeq);
    return { action: reading ? 'markRead' : 'markDelivered', upToSeq };
  }

  /**
   * A conversation created here or announced by a `conversation` event: the summary and members are
   * the server's, what this device holds of it stays.
   * @returns {{conversation: Conversation, behind: boolean}} behind: the server has messages we lack
   */
  adopt(summary, members) {
    const id = summary.conversationId;
    const previous = this.conversations.get(id);
    const conversation = previous
      ? { ...previous, summary: { ...summary, lastSeq: Math.max(summary.lastSeq, previous.summary.lastSeq) }, members }
      : { conversationId: id, summary, members, cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {}, typing: new Map() };
    this.conversations.set(id, conversation);
    return { conversation, behind: summary.lastSeq > conversation.cursor };
  }

  /**
   * The summary in the reply to a change this user made (addMembers, setRole, updateGroup...): role, title,
   * post policy, tier and member count are the server's; seq and activity only move forward.
   * @returns {Conversation | undefined}
   */
  updateSummary(summary) {
    const conversation = this.conversations.get(summary.conversationId);
    if (!conversation) return undefined;
    const before = conversation.summary;
    conversation.summary = {
      ...summary, lastSeq: Math.max(summary.lastSeq, before.lastSeq), lastActivityAt: Math.max(summary.lastActivityAt, before.lastActivityAt),
    };
    return conversation;
  }

  /** Whether the server has announced messages this device has not fetched (a large group's activity). */
  behind(conversationId) {
    const conversation = this.conversations.get(conversationId);
    return Boolean(conversation) && conversation.summary.lastSeq > conversation.cursor;
  }

  forget(conversationId) {
    this.conversations.delete(conversationId);
    this.messages.delete(conversationId);
  }

  clear() {
    this.conversations.clear();
    this.messages.clear();
  }

  /** Newest activity first. */
  conversationList() {
    return [...this.conversations.values()].sort((a, b) => b.summary.lastActivityAt - a.summary.lastActivityAt
      || a.conversationId.localeCompare(b.conversationId));
  }

  /** @returns {any[]} the conversation's stored messages held here, by seq */
  loaded(conversationId) {
    return [...(this.messages.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Whether older messages than those held exist. */
  hasOlder(conversationId) {
    const first = this.loaded(conversationId)[0];
    return first ? first.seq > 1 : (this.conversations.get(conversationId)?.summary.lastSeq ?? 0) > 0;
  }

  /**
   * Stored messages by seq, then this device's unsent ones (local echoes); each with `mine` and its
   * tick `status`. An echo whose message is already held (by its clientMessageId) is not shown twice.
   * @param {string} conversationId
   * @param {{clientMessageId: string, conversationId: string, text: string, media?: any[], createdAt: number}[]} unsent the outbox
   */
  messageList(conversationId, unsent) {
    const conversation = this.conversations.get(conversationId);
    const stored = this.loaded(conversationId).map((m) => {
      const mine = m.senderId === this.me;
      return { ...m, mine, status: mine ? messageStatus(conversation, m, this.me) : undefined };
    });
    const storedIds = new Set(stored.filter((m) => m.mine && m.senderDeviceId === this.deviceId).map((m) => m.clientMessageId));
    const echoes = unsent.filter((e) => e.conversationId === conversationId && !storedIds.has(e.clientMessageId)).map((e) => ({
      conversationId, clientMessageId: e.clientMessageId, text: e.text || undefined, media: e.media, sentAt: e.createdAt,
      senderId: this.me, mine: true, status: 'pending',
    }));
    return [...stored, ...echoes];
  }

  /** What the store keeps of a conversation (not its typing state or cached last message). */
  static record(conversation) {
    const { typing, last, ...record } = conversation;
    return record;
  }

  /** @returns {Map<number, any>} */
  held(conversationId) {
    if (!this.messages.has(conversationId)) this.messages.set(conversationId, new Map());
    return this.messages.get(conversationId);
  }
}
