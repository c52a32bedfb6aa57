// ChatClient over the in-memory store and a connection the test answers: the three ways a stored
// message arrives end in the same place, are persisted before they are announced, and failures are
// logged with their reason.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatClient } from '../../src/app/chat.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { READ_DEBOUNCE_MS } from '../../src/protocol/limits.js';
import { previewText } from '../../src/ui/media-view.js';
import { FakeConnection, FakeTimers, tick } from './fakes.js';

const ME = { userId: 'u_me', username: 'me' };
const BOB = 'u_bob';
const summary = (lastSeq = 0) => ({ conversationId: 'd_1', kind: 'direct', lastSeq, lastActivityAt: 0, unreadCount: 0, memberCount: 2 });

async function until(condition) {
  for (let i = 0; i < 1000 && !condition(); i++) await tick();
  assert.ok(condition(), 'condition never met');
}

async function client(answer = () => ({}), store = new MemoryStore(), knownUsernames = [], { timers } = {}) {
  await store.putConversation({ conversationId: 'd_1', summary: summary(), members: [ME.userId, BOB], cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {} });
  const connection = new FakeConnection(answer);
  const chat = new ChatClient({ connection, store, me: ME, deviceId: 'dev_1', knownUsernames, readDelayMs: timers ? undefined : 0, timers });
  await chat.start();
  return { chat, connection, store };
}

test('a live message is in the store before it is announced, and counts as delivered with no markDelivered', async () => {
  const { chat, connection, store } = await client((action) => (action === 'markDelivered' ? { unreadCount: 1 } : {}));
  connection.isOpen = true;
  const seen = [];
  chat.subscribe((change) => {
    if (change.what === 'messages') seen.push([store.messages.get('d_1')?.has(1), store.conversations.get('d_1').cursor]);
  });
  connection.emit('message', { conversationId: 'd_1', seq: 1, sentAt: 5, senderId: BOB, text: 'hi' });
  await until(() => seen.length > 0);
  assert.deepEqual(seen[0], [true, 1]);
  assert.equal(store.conversations.get('d_1').deliveredSeq, 1, 'the server recorded it when it posted the event');
  assert.deepEqual(connection.sent.filter((s) => s.action === 'markDelivered'), [], 'acknowledged before the announcement');
});

test('a message that came by sync is acknowledged with markDelivered', async () => {
  const { chat, connection } = await client((action) => {
    if (action === 'sync') {
      return {
        syncToken: 't1', hasMore: false,
        conversations: [{ conversation: summary(2), members: [ME.userId, BOB], readSeq: 0, deliveredSeq: 0, receipts: [],
          messages: [1, 2].map((seq) => ({ conversationId: 'd_1', seq, sentAt: seq, senderId: BOB, text: `m${seq}` }))}],
      };
    }
    return { unreadCount: 2 };
  });
  connection.isOpen = true;
  await chat.sync();
  await until(() => connection.sent.some((s) => s.action === 'markDelivered'));
  assert.deepEqual(connection.sent.find((s) => s.action === 'markDelivered'), { action: 'markDelivered', conversationId: 'd_1', upToSeq: 2 });
});

test('reading a burst sends one markRead for the newest message once the conversation is quiet', async () => {
  const timers = new FakeTimers();
  const { chat, connection } = await client((action) => (action === 'history' ? { messages: [] } : { unreadCount: 0 }),
    new MemoryStore(), [], { timers });
  connection.isOpen = true;
  await chat.open('d_1');
  for (const seq of [1, 2, 3]) connection.emit('message', { conversationId: 'd_1', seq, sentAt: seq, senderId: BOB, text: `m${seq}` });
  await until(() => chat.conversations.get('d_1').cursor === 3 && timers.queue.length === 1);
  assert.deepEqual(connection.sent.filter((s) => s.action.startsWith('mark')), [], 'nothing before the debounce');
  timers.advance(READ_DEBOUNCE_MS);
  assert.deepEqual(connection.sent.filter((s) => s.action.startsWith('mark')),
    [{ action: 'markRead', conversationId: 'd_1', upToSeq: 3 }]);
});

test('a message sent offline, found stored by sync: the echo becomes the stored message, once, in the store', async () => {
  let stored;
  const { chat, connection, store } = await client((action) => {
    if (action !== 'sync') return {};
    return {
      syncToken: 't1', hasMore: false,
      conversations: [{ conversation: summary(1), members: [ME.userId, BOB], readSeq: 1, deliveredSeq: 1,
        receipts: [{ userId: BOB, readSeq: 0, deliveredSeq: 1 }], messages: [stored] }],
    };
  });
  const entry = await chat.outbox.enqueue('d_1', 'from the train');
  assert.deepEqual(chat.messageList('d_1').map((m) => m.status), ['pending']);
  stored = { conversationId: 'd_1', seq: 1, sentAt: 9, senderId: ME.userId, senderDeviceId: 'dev_1', clientMessageId: entry.clientMessageId, text: 'from the train' };
  connection.isOpen = true;
  await chat.sync();
  assert.deepEqual(chat.outbox.pending(), []);
  assert.deepEqual(await store.listOutbox(), []);
  assert.deepEqual(chat.messageList('d_1').map((m) => [m.seq, m.text, m.status]), [[1, 'from the train', 'delivered']]);
  assert.equal((await store.getMessages('d_1')).length, 1);
  assert.equal(store.conversations.get('d_1').cursor, 1);
  assert.equal(await store.getMeta('syncToken'), 't1');
});

test('the outbox\'s reply is a stored message: persisted with the conversation\'s new cursor', async () => {
  const { chat, connection, store } = await client((action) => (action === 'sendMessage' ? { seq: 1, sentAt: 7 } : { unreadCount: 0 }));
  connection.isOpen = true;
  await chat.send('d_1', 'hello');
  await chat.outbox.flushing;
  assert.deepEqual(chat.messageList('d_1').map((m) => [m.seq, m.status]), [[1, 'sent']]);
  assert.equal(store.messages.get('d_1').get(1).text, 'hello');
  assert.deepEqual([store.conversations.get('d_1').cursor, store.conversations.get('d_1').readSeq], [1, 1]);
});

test('a receipt moves the ticks and is saved; a failed save is logged with its reason', async (t) => {
  const { chat, connection, store } = await client();
  await chat.onOutbox({ type: 'sent', entry: { clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi' }, seq: 1, sentAt: 3 });
  connection.emit('receipt', { conversationId: 'd_1', userId: BOB, readSeq: 1, deliveredSeq: 1 });
  await until(() => store.conversations.get('d_1').receipts[BOB]?.readSeq === 1);
  assert.equal(chat.messageList('d_1')[0].status, 'read');

  const errors = t.mock.method(console, 'error', () => {});
  store.putConversation = async () => { throw new Error('QuotaExceededError'); };
  connection.emit('receipt', { conversationId: 'd_1', userId: BOB, readSeq: 2, deliveredSeq: 2 });
  await until(() => errors.mock.callCount() > 0);
  const [context, error] = errors.mock.calls[0].arguments;
  assert.match(context, /receipt/);
  assert.equal(error.message, 'QuotaExceededError');
});

test('a refused markRead is logged, not swallowed', async (t) => {
  const errors = t.mock.method(console, 'error', () => {});
  const { chat, connection } = await client((action) => {
    if (action === 'markRead') throw new ProtocolError('RATE_LIMITED', 'slow down');
    return {};
  });
  connection.isOpen = true;
  await chat.onOutbox({ type: 'sent', entry: { clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi' }, seq: 1, sentAt: 3 });
  connection.emit('message', { conversationId: 'd_1', seq: 2, sentAt: 5, senderId: BOB, text: 'hi' });
  await chat.open('d_1');
  await until(() => errors.mock.callCount() > 0);
  assert.match(errors.mock.calls[0].arguments[0], /markRead up to 2 in d_1/);
  assert.equal(errors.mock.calls[0].arguments[1].code, 'RATE_LIMITED');
});

test('a member who signs in for the first time after us is named once their conversation arrives', async () => {
  let bobSignedIn = false;
  const { chat, connection } = await client((action) => {
    if (action === 'findUsers') return { users: bobSignedIn ? [{ userId: BOB, username: 'bob' }] : [] };
    if (action === 'getConversation') return { conversation: summary(), members: [{ userId: ME.userId }, { userId: BOB }] };
    if (action === 'sync') return { syncToken: 't1', hasMore: false, conversations: [] };
    return { presence: [] };
  }, new MemoryStore(), ['bob']);
  connection.isOpen = true;
  await chat.onOpen();
  assert.equal(chat.title(chat.conversations.get('d_1')), 'user u_bob', 'not found yet');
  bobSignedIn = true;
  await chat.onConversationEvent({ conversationId: 'd_1', change: 'created' });
  assert.equal(chat.title(chat.conversations.get('d_1')), 'bob');
  const asked = connection.sent.filter((s) => s.action === 'findUsers').length;
  await chat.onConversationEvent({ conversationId: 'd_1', change: 'updated' });
  assert.equal(connection.sent.filter((s) => s.action === 'findUsers').length, asked, 'not asked again once every member is named');
});

test('E2EE messages stay "encrypted" in the browser: a device-addressed one for other devices and a group ciphertext are held in order with no text', async () => {
  // The browser publishes no keys (libsignal has no browser build, docs/e2ee.md#the-web-client): the server gives it
  // signal-v1 messages as notForThisDevice and sender-key messages as a ciphertext it cannot open.
  const { chat, connection, store } = await client((action) => (action === 'markDelivered' ? { unreadCount: 2 } : {}));
  connection.isOpen = true;
  connection.emit('message', { conversationId: 'd_1', seq: 1, sentAt: 5, senderId: BOB, senderDeviceNum: 1, alg: 'signal-v1', notForThisDevice: true });
  connection.emit('message', { conversationId: 'd_1', seq: 2, sentAt: 6, senderId: BOB, senderDeviceNum: 1, alg: 'signal-senderkey-v1', ciphertext: 'AAECAw==' });
  await until(() => store.conversations.get('d_1').cursor === 2);
  const listed = chat.messageList('d_1');
  assert.deepEqual(listed.map((m) => m.seq), [1, 2]);
  for (const message of listed) {
    assert.equal(message.text, undefined, 'no text: the chat view shows "(encrypted message)"');
    assert.equal(previewText(message), null, 'no preview: the conversation list shows "(encrypted)"');
  }
});
