// The client's model of one signed-in user, wired to the world: the store, sync, live events and
// the actions the UI calls. What a stored message does to the conversations is decided in
// conversation-model.js; here it is persisted and announced. No DOM here.

import { PAGE_SIZE } from '../protocol/limits.js';
import { MediaUrls } from '../protocol/media.js';
import { Outbox } from '../protocol/outbox.js';
import { CatchUp } from './catch-up.js';
import { ConversationModel } from './conversation-model.js';
import { Groups } from './groups.js';
import { logFailure } from './log.js';
import { MediaUploads } from './media.js';
import { People } from './people.js';
import { ReadCounts } from './read-counts.js';
import { Reads } from './reads.js';
import { Typing } from './typing.js';
import { Viewing } from './viewing.js';

/**
 * @typedef {import('./conversation-model.js').Conversation} Conversation
 * @typedef {{what: 'conversations' | 'messages' | 'typing' | 'presence' | 'connection' | 'activity' | 'members',
 *            conversationId?: string, added?: any[], error?: Error, text?: string}} Change
 *         error: the outbox gave up on a message (text: what it said)
 *         members: another member changed the group's membership, roles or settings (a `conversation` event)
 */

const { record } = ConversationModel;

export class ChatClient {
  /**
   * @param {{connection: import('../protocol/connection.js').Connection, store: any,
   *          me: {userId: string, username: string}, deviceId: string, knownUsernames?: string[],
   *          isVisible?: () => boolean, readDelayMs?: number, timers?: any}} options
   *        readDelayMs: how long a markRead waits for more messages (READ_DEBOUNCE_MS); timers: for tests
   */
  constructor({ connection, store, me, deviceId, knownUsernames = [], isVisible = () => true, readDelayMs, timers }) {
    Object.assign(this, { connection, store, me, deviceId, isVisible });
    this.model = new ConversationModel({ me: me.userId, deviceId });
    this.people = new People({ connection, store, me, knownUsernames });
    this.typingState = new Typing({
      connection, me: me.userId, onChange: (conversationId) => this.changed({ what: 'typing', conversationId }),
    });
    /** @type {string | null} */
    this.openId = null;
    /** What this socket tells the server it views: the open conversation while the window is visible. */
    this.viewing = new Viewing({ connection });
    this.listeners = new Set();
    this.outbox = new Outbox({ store, connection, onChange: (change) => this.onOutbox(change) });
    this.catchUp = new CatchUp({
      connection, store, model: this.model, outbox: this.outbox, deviceId, changed: (change) => this.changed(change),
      forget: (id) => this.forget(id), synced: () => this.synced(),
    });
    /** Images on their way (app/media.js), and download URLs of sent ones. */
    this.media = new MediaUploads({
      connection, send: (id, text, media) => this.send(id, text, media),
      onChange: (conversationId) => this.changed({ what: 'messages', conversationId }),
    });
    this.mediaUrls = new MediaUrls({ connection });
    this.reads = new Reads({ send: (conversationId) => this.markRead(conversationId), delayMs: readDelayMs, timers });
    /** "Read by N" under this user's messages in large groups, which have no receipts. */
    this.readCounts = new ReadCounts({ connection, changed: (change) => this.changed(change), timers });
    this.groups = new Groups({
      connection, people: this.people, applySummary: (summary) => this.applySummary(summary),
      joined: (summary) => this.joined(summary), left: (id) => this.forgotten(id),
    });
  }

  /** @type {Map<string, Conversation>} */
  get conversations() { return this.model.conversations; }

  get presence() { return this.people.presence; }

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
    await this.people.load();
    for (const stored of await this.store.listConversations()) {
      const [last] = await this.store.getMessages(stored.conversationId, { limit: 1 });
      this.model.restore(stored, last);
    }
    await this.outbox.load();
    this.changed({ what: 'conversations' });
    const c = this.connection;
    const handle = (type, handler) => c.on(type, (frame) => handler.call(this, frame).catch(logFailure(`handling a ${type} event`)));
    handle('open', this.onOpen);
    c.on('state', () => this.changed({ what: 'connection' }));
    handle('message', this.onMessage);
    handle('receipt', this.onReceipt);
    c.on('typing', (frame) => this.typingState.received(this.conversations.get(frame.conversationId), frame));
    c.on('presence', (frame) => {
      this.people.setPresence(frame);
      this.changed({ what: 'presence' });
    });
    handle('conversation', this.onConversationEvent);
    handle('conversationActivity', this.onActivity);
    c.start();
  }

  async onOpen() {
    this.viewing.reopened();
    await this.sync();
    await this.outbox.flush();
    await this.learnNames();
    await this.refreshPresence();
  }

  synced() {
    this.conversations.forEach((conversation) => this.acknowledge(conversation));
    this.learnNames().catch(logFailure('finding names after sync'));
  }

  /** Catches up with the server; one run at a time (catch-up.js). */
  sync() {
    return this.catchUp.run();
  }

  // ---- live events -------------------------------------------------------------------------

  async onMessage(message) {
    const { conversation, duplicate, gap } = this.model.receiveLive(message);
    if (!conversation) {
      this.sync(); // a conversation this device has not heard of yet
      return;
    }
    if (duplicate) return;
    if (gap) this.sync(); // a message is in flight or was missed
    await this.store.putMessages([message]);
    if (message.senderId === this.me.userId) await this.outbox.reconcile([message], this.deviceId);
    await this.store.putConversation(record(conversation));
    this.acknowledge(conversation);
    this.changed({ what: 'messages', conversationId: message.conversationId, added: [message] });
    this.changed({ what: 'conversations' });
  }

  async onReceipt(receipt) {
    const conversation = this.model.applyReceipt(receipt);
    if (!conversation) return;
    this.changed({ what: 'messages', conversationId: receipt.conversationId });
    this.changed({ what: 'conversations' });
    await this.store.putConversation(record(conversation));
  }

  async onConversationEvent(event) {
    const leftHere = event.change === 'left' && event.members?.includes(this.me.userId); // from another of my devices
    if (event.change === 'removed' || leftHere) {
      await this.forgotten(event.conversationId);
      return;
    }
    await this.refreshConversation(event.conversationId);
    this.changed({ what: 'members', conversationId: event.conversationId });
    await this.refreshPresence();
  }

  /** The server's summary and (first page of) members of a conversation; a failure is logged. */
  async refreshConversation(conversationId) {
    const reply = await this.connection.request('getConversation', { conversationId })
      .catch(logFailure(`getConversation for ${conversationId}`));
    if (reply) await this.adopt(reply.conversation, reply.members.map((m) => m.userId));
  }

  /** A reply's summary after a change this user made in a group. */
  async applySummary(summary) {
    const conversation = this.model.updateSummary(summary);
    if (!conversation) return;
    this.changed({ what: 'conversations' });
    await this.store.putConversation(record(conversation));
  }

  /** A group joined by an invite: held at once, then its members and messages are fetched. */
  async joined(summary) {
    await this.adopt(summary, [this.me.userId]);
    await this.refreshConversation(summary.conversationId);
  }

  /**
   * New messages in a large conversation this socket does not view: an unread hint (the list shows
   * it) until the conversation is opened or synced; an unknown conversation is fetched by sync.
   */
  async onActivity(activity) {
    const conversation = this.model.applyActivity(activity);
    if (!conversation) {
      this.sync();
      return;
    }
    if (this.openId === activity.conversationId) this.sync(); // on screen after all: fetch the messages
    this.changed({ what: 'activity', conversationId: activity.conversationId });
    this.changed({ what: 'conversations' });
    await this.store.putConversation(record(conversation));
  }

  /** The outbox's changes; a message it sent is a stored message that arrived. Never rejects. */
  async onOutbox(change) {
    try {
      if (change.type === 'sent') {
        const { message, conversation } = this.model.receiveSent(change.entry, change.seq, change.sentAt);
        if (change.deliveredTo) this.model.deliveredTo(change.entry.conversationId, change.deliveredTo, change.seq);
        await this.store.putMessages([message]);
        if (conversation) await this.store.putConversation(record(conversation));
      }
    } catch (error) {
      logFailure(`saving the sent message ${change.entry.clientMessageId}`)(error);
    }
    if (change.type === 'failed') {
      this.changed({ what: 'connection', error: change.error, text: change.entry.text });
      // Refused by the group's rules (an announcement group): our copy of them was stale, fetch them.
      if (change.error?.code === 'FORBIDDEN') {
        await this.refreshConversation(change.entry.conversationId).catch(logFailure('reading the group after a refused send'));
      }
    }
    this.changed({ what: 'messages', conversationId: change.entry.conversationId });
    this.changed({ what: 'conversations' });
  }

  // ---- actions the UI calls ----------------------------------------------------------------

  /** Opens a conversation: its newest messages from the store, else from the server; marks it read. */
  async open(conversationId) {
    this.openId = conversationId;
    this.viewing.show(this.isVisible() ? conversationId : null);
    const conversation = conversationId ? this.conversations.get(conversationId) : undefined;
    if (conversation && conversation.summary.lastSeq > conversation.cursor) this.sync(); // activity announced messages
    if (conversationId && this.model.loaded(conversationId).length < PAGE_SIZE) await this.loadOlder(conversationId);
    if (conversationId) this.acknowledge(this.conversations.get(conversationId));
  }

  /**
   * Pages back: first what the store holds, then `history` from the server.
   * @returns {Promise<boolean>} whether anything older was added
   */
  async loadOlder(conversationId) {
    const beforeSeq = this.model.loaded(conversationId)[0]?.seq ?? Infinity;
    if (beforeSeq <= 1) return false;
    let older = await this.store.getMessages(conversationId, { beforeSeq, limit: PAGE_SIZE });
    const contiguous = older.length > 0 && older.at(-1).seq === (beforeSeq === Infinity ? older.at(-1).seq : beforeSeq - 1);
    if (!contiguous && this.connection.isOpen) {
      const fields = { conversationId, limit: PAGE_SIZE };
      if (beforeSeq !== Infinity) fields.beforeSeq = beforeSeq;
      older = (await this.connection.request('history', fields)).messages;
      await this.store.putMessages(older);
    }
    if (older.length === 0) return false;
    this.model.holdOlder(conversationId, older);
    this.changed({ what: 'messages', conversationId });
    return true;
  }

  /** @param {string} conversationId @param {string} text @param {any[]} [media] descriptors of ready media */
  async send(conversationId, text, media) {
    this.typing(conversationId, false);
    await this.outbox.enqueue(conversationId, text, media);
  }

  /** The user typed (true) or stopped, sent or left (false); a large group ignores typing, so none is sent there. */
  typing(conversationId, active) {
    if (this.conversations.get(conversationId)?.summary.tier === 'large') return;
    this.typingState.send(conversationId, active);
  }

  /** @returns {Promise<string>} the conversation id */
  async createDirect(username) {
    const [user] = await this.people.find([username]);
    if (!user) throw new Error(`No user named "${username}". Users can be found after their first sign-in.`);
    const reply = await this.connection.request('createConversation', { kind: 'direct', members: [user.userId] });
    await this.adopt(reply.conversation, [this.me.userId, user.userId]);
    return reply.conversation.conversationId;
  }

  /** @returns {Promise<string>} the conversation id */
  async createGroup(title, usernames) {
    const users = await this.people.find(usernames);
    const missing = usernames.filter((name) => !users.some((u) => u.username === name));
    if (missing.length > 0) throw new Error(`No user named ${missing.map((m) => `"${m}"`).join(', ')}.`);
    const fields = { kind: 'group', members: users.map((u) => u.userId) };
    if (title) fields.title = title;
    const reply = await this.connection.request('createConversation', fields);
    await this.adopt(reply.conversation, [this.me.userId, ...users.map((u) => u.userId)]);
    return reply.conversation.conversationId;
  }

  /** Closes the open conversation: the user stops typing in it and no longer views it. */
  close() {
    this.typing(this.openId, false);
    this.openId = null;
    this.viewing.show(null);
  }

  /** Called by the UI when the window becomes visible again. */
  seen() {
    this.viewing.show(this.openId);
    if (this.openId) this.acknowledge(this.conversations.get(this.openId));
  }

  /** Called by the UI when the window is hidden: nobody looks at the open conversation now. */
  hidden() {
    this.viewing.show(null);
  }

  // ---- what the UI reads -------------------------------------------------------------------

  conversationList() { return this.model.conversationList(); }

  hasOlder(conversationId) { return this.model.hasOlder(conversationId); }

  /** Whether a large group announced messages (`conversationActivity`) that opening it will fetch. */
  hasNewActivity(conversationId) { return this.openId !== conversationId && this.model.behind(conversationId); }

  /** Stored messages by seq, then this device's unsent ones; each with `mine` and `status`. */
  messageList(conversationId) { return this.model.messageList(conversationId, this.outbox.pending()); }

  nameOf(userId) { return this.people.nameOf(userId); }

  title(conversation) {
    if (conversation.summary.kind === 'group') return conversation.summary.title ?? 'Group';
    const other = (conversation.members ?? []).find((id) => id !== this.me.userId);
    return other ? this.nameOf(other) : 'Direct conversation';
  }

  /** The other member of a direct conversation, whose presence the list shows. */
  peer(conversation) {
    return conversation.summary.kind === 'direct' ? (conversation.members ?? []).find((id) => id !== this.me.userId) : undefined;
  }

  typists(conversationId) {
    return [...(this.conversations.get(conversationId)?.typing?.keys() ?? [])].map((id) => this.nameOf(id));
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * What this device owes the server for what it holds (docs/protocol/sync.md, "Receipts"): while the
   * user sees the conversation, one markRead once it is quiet (reads.js); otherwise markDelivered,
   * which the model asks only for messages that came by sync: the server recorded the live ones
   * when it posted them (ConversationModel.receiveLive).
   * @param {Conversation | undefined} conversation
   */
  acknowledge(conversation) {
    if (!this.connection.isOpen || !conversation) return;
    if (this.openId === conversation.conversationId && this.isVisible()) {
      this.reads.schedule(conversation.conversationId);
    } else {
      this.sendAck(conversation, false);
    }
  }

  /** The debounced markRead, if the user still sees the conversation. */
  markRead(conversationId) {
    if (this.openId !== conversationId || !this.isVisible() || !this.connection.isOpen) return;
    this.sendAck(this.conversations.get(conversationId), true);
  }

  /** A failure waits for the next sync. */
  sendAck(conversation, reading) {
    const ack = this.model.acknowledge(conversation, reading);
    if (!ack) return;
    this.connection.request(ack.action, { conversationId: conversation.conversationId, upToSeq: ack.upToSeq })
      .then(async (reply) => {
        conversation.summary.unreadCount = reply.unreadCount;
        this.changed({ what: 'conversations' });
        await this.store.putConversation(record(conversation));
      })
      .catch(logFailure(`${ack.action} up to ${ack.upToSeq} in ${conversation.conversationId} (the next sync tries again)`));
  }

  /** Names for members we know none of, asked again while any is missing: a user is found only after their first sign-in. */
  async learnNames() {
    const members = [...this.conversations.values()].flatMap((c) => c.members ?? []);
    if (members.every((id) => this.people.names.has(id))) return;
    if (await this.people.resolve()) this.changed({ what: 'conversations' });
  }

  /**
   * Presence is shown for direct conversations' peers only: asking for groups' members too would spend
   * getPresence's 50 ids on a large group's first page and leave the peers out.
   */
  async refreshPresence() {
    if (await this.people.refreshPresence([...this.conversations.values()].map((c) => this.peer(c)).filter(Boolean))) {
      this.changed({ what: 'presence' });
    }
  }

  async adopt(summary, members) {
    const { conversation, behind } = this.model.adopt(summary, members);
    await this.store.putConversation(record(conversation));
    this.changed({ what: 'conversations' });
    if (behind) this.sync();
    await this.learnNames();
  }

  async forget(conversationId) {
    this.model.forget(conversationId);
    await this.store.deleteConversation(conversationId);
  }

  /** This user is no longer a member: the conversation goes from the list (and from the screen, chat-view.js). */
  async forgotten(conversationId) {
    await this.forget(conversationId);
    this.changed({ what: 'conversations' });
  }
}
