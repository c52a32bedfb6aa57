// viewConversation from the web client: sent when a conversation is shown, refreshed at half the
// TTL, stopped when closed or hidden, re-sent on a new socket; conversationActivity as an unread hint.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Viewing } from '../../src/app/viewing.js';
import { ChatClient } from '../../src/app/chat.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeConnection, FakeTimers, tick } from './fakes.js';

/** An open connection the test answers. */
function openConnection(answer = () => ({})) {
  const connection = new FakeConnection(answer);
  connection.isOpen = true;
  return connection;
}

const views = (connection) => connection.sent.filter((s) => s.action === 'viewConversation').map(({ action, ...fields }) => fields);

const GROUP = 'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b';

test('a shown conversation is viewed for 60 s and refreshed every 30 s until it is closed', () => {
  const connection = openConnection();
  const timers = new FakeTimers();
  const viewing = new Viewing({ connection, timers });

  viewing.show(GROUP);
  viewing.show(GROUP);
  assert.deepEqual(views(connection), [{ conversationId: GROUP, ttlSeconds: 60 }], 'the same conversation is sent once');

  timers.advance(29_999);
  assert.equal(views(connection).length, 1);
  timers.advance(1);
  timers.advance(30_000);
  assert.equal(views(connection).length, 3, 'refreshed at half the TTL, before the view ends');

  viewing.show(null);
  assert.deepEqual(views(connection).at(-1), { conversationId: null });
  timers.advance(300_000);
  assert.equal(views(connection).length, 4, 'no refresh after a stop');
});

test('a closed socket is told nothing; the next socket is told the conversation on screen', () => {
  const connection = openConnection();
  connection.isOpen = false;
  const timers = new FakeTimers();
  const viewing = new Viewing({ connection, timers });

  viewing.show(GROUP);
  timers.advance(120_000);
  assert.deepEqual(views(connection), []);

  connection.isOpen = true;
  viewing.reopened();
  assert.deepEqual(views(connection), [{ conversationId: GROUP, ttlSeconds: 60 }]);
});

test('a view counts as confirmed once the server answered it, until another is shown or the socket is new', async () => {
  const connection = openConnection();
  const viewing = new Viewing({ connection, timers: new FakeTimers() });
  viewing.show(GROUP);
  assert.equal(viewing.confirmed, null, 'asked, not answered yet');
  await tick();
  assert.equal(viewing.confirmed, GROUP);
  viewing.reopened();
  assert.equal(viewing.confirmed, null, 'a new socket views nothing until it is told');
  await tick();
  assert.equal(viewing.confirmed, GROUP);
  viewing.show(null);
  assert.equal(viewing.confirmed, null);
});

async function chatWithGroup(connection, store = new MemoryStore()) {
  await store.putConversation({
    conversationId: GROUP, members: ['u_me', 'u_bob'], cursor: 4, readSeq: 4, deliveredSeq: 4, receipts: {},
    summary: { conversationId: GROUP, kind: 'group', title: 'big', lastSeq: 4, lastActivityAt: 0, unreadCount: 0, memberCount: 5000 },
  });
  let visible = true;
  const chat = new ChatClient({ connection, store, me: { userId: 'u_me', username: 'me' }, deviceId: 'dev_1',
    isVisible: () => visible, readDelayMs: 0, timers: new FakeTimers() });
  await chat.start();
  return { chat, store, hide: () => { visible = false; chat.hidden(); }, show: () => { visible = true; chat.seen(); } };
}

test('opening, hiding, showing and closing a conversation view it and stop viewing it', async () => {
  const connection = openConnection((action) => (action === 'history' ? { messages: [] } : {}));
  const { chat, hide, show } = await chatWithGroup(connection);

  await chat.open(GROUP);
  hide();
  show();
  chat.close();

  assert.deepEqual(views(connection), [
    { conversationId: GROUP, ttlSeconds: 60 }, { conversationId: null },
    { conversationId: GROUP, ttlSeconds: 60 }, { conversationId: null }]);
});

test('conversationActivity shows as unread (seq past the read cursor) and is kept; an unknown conversation syncs', async () => {
  const connection = openConnection((action) => (action === 'sync' ? { conversations: [], hasMore: false, syncToken: 't' } : {}));
  const { chat, store } = await chatWithGroup(connection);
  const changes = [];
  chat.subscribe((change) => changes.push(change.what));

  connection.emit('conversationActivity', { type: 'conversationActivity', conversationId: GROUP, seq: 9, unreadHint: 2 });
  for (let i = 0; i < 20 && store.conversations.get(GROUP).summary.unreadCount === 0; i++) await tick();

  assert.equal(chat.conversations.get(GROUP).summary.unreadCount, 5, 'seq 9 against a read cursor at 4');
  assert.equal(store.conversations.get(GROUP).summary.lastSeq, 9);
  assert.ok(changes.includes('activity') && changes.includes('conversations'));

  connection.emit('conversationActivity', { type: 'conversationActivity', conversationId: 'g_00000000000000000000000000000000', seq: 3, unreadHint: 3 });
  for (let i = 0; i < 20 && !connection.sent.some((s) => s.action === 'sync'); i++) await tick();
  assert.ok(connection.sent.some((s) => s.action === 'sync'), 'a conversation this device has not heard of is fetched');
});
