// ChatClient's group actions over the in-memory store and a connection the test answers: what each sends
// (within the protocol's caps), how a reply's summary reaches the model and the store, joining by invite,
// a refused post in an announcement group, and what a large group changes (no typing, activity hints).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatClient } from '../../src/app/chat.js';
import { postBlockedReason } from '../../src/app/group-rules.js';
import { ProtocolError, errorText } from '../../src/protocol/errors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeConnection, tick } from './fakes.js';

const ME = { userId: 'u_me', username: 'me' };
const G = 'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b';
const TOKEN = `${G}.7.${'q3Vx8mT1nR0bL2cY7wK5pZ9fH4jD6sA1eG8uI0oN2vB'}`;
const summary = (extra = {}) => ({
  conversationId: G, kind: 'group', title: 'Club', lastSeq: 0, lastActivityAt: 0, unreadCount: 0, memberCount: 3,
  role: 'owner', tier: 'small', postPolicy: 'everyone', ...extra,
});
const uuid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

async function until(condition) {
  for (let i = 0; i < 1000 && !condition(); i++) await tick();
  assert.ok(condition(), 'condition never met');
}

async function client(answer, { held = summary() } = {}) {
  const store = new MemoryStore();
  if (held) await store.putConversation({ conversationId: G, summary: held, members: [ME.userId], cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {} });
  const connection = new FakeConnection(answer);
  const chat = new ChatClient({ connection, store, me: ME, deviceId: 'dev_1', readDelayMs: 0 });
  await chat.start();
  connection.isOpen = true;
  return { chat, connection, store };
}

test('adding names and ids: names found 25 a request, ids added 99 a request, the reply\'s summary kept', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `user${i}`);
  const ids = Array.from({ length: 150 }, (_, i) => uuid(i));
  let count = 3;
  const { chat, connection, store } = await client((action, fields) => {
    if (action === 'findUsers') return { users: fields.usernames.map((username) => ({ userId: `u_${username}`, username })) };
    if (action === 'addMembers') {
      count += fields.userIds.length;
      return { conversation: summary({ memberCount: count, tier: count > 64 ? 'large' : 'small' }) };
    }
    return {};
  });
  const added = await chat.groups.addMembers(G, [...names, ...ids].join(', '));
  assert.equal(added.length, 180);
  assert.deepEqual(connection.sent.filter((s) => s.action === 'findUsers').map((s) => s.usernames.length), [25, 5]);
  assert.deepEqual(connection.sent.filter((s) => s.action === 'addMembers').map((s) => s.userIds.length), [99, 81]);
  assert.deepEqual([chat.conversations.get(G).summary.memberCount, chat.conversations.get(G).summary.tier], [183, 'large']);
  assert.equal(store.conversations.get(G).summary.tier, 'large', 'persisted');
});

test('an unknown name adds nobody; a refusal after a first request says how many were added before it', async () => {
  const { chat, connection } = await client((action, fields) => {
    if (action === 'findUsers') return { users: fields.usernames.filter((n) => n !== 'zed').map((username) => ({ userId: `u_${username}`, username })) };
    if (action === 'addMembers' && connection.sent.filter((s) => s.action === 'addMembers').length > 1) {
      throw new ProtocolError('LIMIT_EXCEEDED', 'A group has at most 10000 members.');
    }
    return { conversation: summary() };
  });
  await assert.rejects(chat.groups.addMembers(G, 'bob, zed'), { message: 'No user named "zed".' });
  assert.equal(connection.sent.filter((s) => s.action === 'addMembers').length, 0);

  const error = await chat.groups.addMembers(G, Array.from({ length: 100 }, (_, i) => uuid(i)).join(',')).catch((e) => e);
  assert.equal(error.code, 'LIMIT_EXCEEDED');
  assert.equal(errorText(error), '99 added, then: A group has at most 10000 members.');
});

test('roles, settings and removal send what the protocol asks and keep the reply\'s summary', async () => {
  const { chat, connection, store } = await client((action, fields) => {
    if (action === 'updateGroup') return { conversation: summary({ postPolicy: fields.postPolicy ?? 'everyone', title: fields.title ?? 'Club' }) };
    if (action === 'removeMembers') return { conversation: summary({ memberCount: 2 }) };
    return { conversation: summary() };
  });
  await chat.groups.setRole(G, 'u_bob', 'admin');
  await chat.groups.updateGroup(G, { postPolicy: 'admins' });
  await chat.groups.removeMember(G, 'u_carol');
  assert.deepEqual(connection.sent.map(({ action, ...fields }) => [action, fields]), [
    ['setRole', { conversationId: G, userId: 'u_bob', role: 'admin' }],
    ['updateGroup', { conversationId: G, postPolicy: 'admins' }],
    ['removeMembers', { conversationId: G, userIds: ['u_carol'] }],
  ]);
  assert.deepEqual(store.conversations.get(G).summary.memberCount, 2);
});

test('the member list and invite list page on from the last key the server gave', async () => {
  const { chat, connection } = await client((action, fields) => {
    if (action === 'listMembers') {
      return fields.afterUserId ? { members: [{ userId: 'u_c', role: 'member' }], hasMore: false }
        : { members: [{ userId: 'u_a', role: 'owner' }, { userId: 'u_b', role: 'admin' }], hasMore: true };
    }
    if (action === 'listInvites') return { invites: [{ inviteId: 7, revoked: false }], hasMore: false };
    return {};
  });
  const members = chat.groups.members(G);
  await members.loadMore();
  await members.loadMore();
  assert.deepEqual(members.items.map((m) => m.role), ['owner', 'admin', 'member']);
  assert.deepEqual(connection.sent.filter((s) => s.action === 'listMembers').map((s) => s.afterUserId), [undefined, 'u_b']);
  assert.equal(connection.sent[0].limit, 50);
  const invites = chat.groups.invites(G);
  await invites.loadMore();
  assert.deepEqual(invites.items, [{ inviteId: 7, revoked: false }]);
});

test('a member page names the members the server knows: their names show and are kept; the rest show by id', async () => {
  const alice = uuid(1);
  const stranger = uuid(2);
  const { chat, store } = await client((action) => (action === 'listMembers'
    ? { members: [{ userId: alice, role: 'owner', username: 'alice' }, { userId: stranger, role: 'member' }], hasMore: false }
    : {}));
  const members = chat.groups.members(G);
  await members.loadMore();
  assert.equal(chat.nameOf(alice), 'alice');
  assert.equal(chat.nameOf(stranger), 'user 00000000');
  assert.equal((await store.getMeta('names'))[alice], 'alice', 'kept for the next start');
});

test('joining by a pasted link: the token is sent, the group is held with its members; a link that is not one sends nothing', async () => {
  const { chat, connection, store } = await client((action) => {
    if (action === 'joinByInvite') return { conversation: summary({ role: 'member', memberCount: 4, lastSeq: 3 }) };
    if (action === 'getConversation') return { conversation: summary({ role: 'member', memberCount: 4, lastSeq: 3 }), members: [{ userId: 'u_a' }, { userId: ME.userId }] };
    if (action === 'sync') return { syncToken: 't', hasMore: false, conversations: [] };
    return { presence: [] };
  }, { held: null });
  await assert.rejects(chat.groups.join('https://example.com/#invite=nope'), /not an invite link or code/);
  assert.equal(connection.sent.length, 0);

  const id = await chat.groups.join(`Join us: http://localhost:3000/#invite=${TOKEN}`);
  assert.equal(id, G);
  assert.deepEqual(connection.sent.find((s) => s.action === 'joinByInvite'), { action: 'joinByInvite', token: TOKEN });
  assert.deepEqual(chat.conversations.get(G).members, ['u_a', ME.userId]);
  assert.equal(store.conversations.get(G).summary.role, 'member');
});

test('a refused join keeps the server\'s reason for the dialog', async () => {
  const { chat } = await client((action) => {
    if (action === 'joinByInvite') throw new ProtocolError('FORBIDDEN', 'This invite link was used its 5 times.');
    return {};
  });
  const error = await chat.groups.join(TOKEN).catch((e) => e);
  assert.equal(errorText(error), 'This invite link was used its 5 times.');
});

test('a post refused in an announcement group: the reason reaches the UI and the group\'s rules are read again, turning the composer off', async () => {
  const { chat, connection } = await client((action) => {
    if (action === 'sendMessage') throw new ProtocolError('FORBIDDEN', `Only admins post in conversation "${G}" (an announcement group: postPolicy "admins").`);
    if (action === 'getConversation') return { conversation: summary({ role: 'member', postPolicy: 'admins' }), members: [{ userId: ME.userId }] };
    return { presence: [] };
  }, { held: summary({ role: 'member' }) });
  const errors = [];
  chat.subscribe((change) => { if (change.error) errors.push([change.text, errorText(change.error)]); });
  assert.equal(postBlockedReason(chat.conversations.get(G).summary), null, 'stale: it looked open');
  await chat.send(G, 'hello all');
  await until(() => chat.conversations.get(G).summary.postPolicy === 'admins');
  assert.deepEqual(errors, [['hello all', `Only admins post in conversation "${G}" (an announcement group: postPolicy "admins").`]]);
  assert.equal(postBlockedReason(chat.conversations.get(G).summary), 'Only admins can send messages in this announcement group.');
  assert.deepEqual(chat.outbox.pending(), [], 'nothing is retried');
  assert.deepEqual(chat.messageList(G), [], 'no echo left behind');
  assert.ok(connection.sent.some((s) => s.action === 'getConversation'));
});

test('someone else\'s change to the group (a conversation event) refreshes it and tells the member panel', async () => {
  const { chat } = await client((action) => {
    if (action === 'getConversation') return { conversation: summary({ role: 'admin' }), members: [{ userId: ME.userId }, { userId: 'u_a' }] };
    return { presence: [] };
  }, { held: summary({ role: 'member' }) });
  const seen = [];
  chat.subscribe((change) => seen.push(change.what));
  await chat.onConversationEvent({ conversationId: G, change: 'roleChanged', members: [ME.userId] });
  assert.equal(chat.conversations.get(G).summary.role, 'admin');
  assert.ok(seen.includes('members'));
});

test('a large group: typing is not sent (the server ignores it), and activity shows as new messages until it is opened', async () => {
  const { chat, connection } = await client((action) => (action === 'history' ? { messages: [] } : {}),
    { held: summary({ tier: 'large', memberCount: 500 }) });
  chat.typing(G, true);
  assert.equal(connection.sent.filter((s) => s.action === 'typing').length, 0);

  connection.emit('conversationActivity', { type: 'conversationActivity', conversationId: G, seq: 4, unreadHint: 4 });
  await until(() => chat.hasNewActivity(G));
  assert.equal(chat.conversations.get(G).summary.unreadCount, 4);
  chat.openId = G;
  assert.equal(chat.hasNewActivity(G), false, 'not while it is open: it is being fetched');
});

test('presence is asked for direct peers only, never for a large group\'s members', async () => {
  const { chat, connection, store } = await client(() => ({ presence: [] }), { held: summary({ tier: 'large', memberCount: 500 }) });
  chat.conversations.get(G).members = Array.from({ length: 100 }, (_, i) => uuid(i));
  await store.putConversation({ conversationId: 'd_1', summary: { conversationId: 'd_1', kind: 'direct', lastSeq: 0, lastActivityAt: 0, unreadCount: 0, memberCount: 2 }, members: [ME.userId, 'u_bob'], cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {} });
  chat.model.restore((await store.listConversations()).find((c) => c.conversationId === 'd_1'));
  await chat.refreshPresence();
  assert.deepEqual(connection.sent.filter((s) => s.action === 'getPresence').map((s) => s.userIds), [['u_bob']]);
});

test('leaving, here or on another of my devices, takes the group out of the list and the store; another member leaving does not', async () => {
  const { chat, connection, store } = await client((action) => {
    if (action === 'getConversation') return { conversation: summary({ memberCount: 2 }), members: [{ userId: ME.userId }] };
    return { conversationId: G, presence: [] };
  });
  await chat.onConversationEvent({ conversationId: G, change: 'left', members: ['u_bob'] });
  assert.equal(chat.conversations.get(G).summary.memberCount, 2, 'someone else left: read again');

  await chat.groups.leave(G);
  assert.deepEqual(connection.sent.at(-1), { action: 'leaveConversation', conversationId: G });
  assert.equal(chat.conversations.has(G), false);
  assert.equal(store.conversations.has(G), false);

  const other = await client(() => ({}));
  await other.chat.onConversationEvent({ conversationId: G, change: 'left', members: [ME.userId] });
  assert.equal(other.chat.conversations.has(G), false);
  assert.deepEqual(other.connection.sent, [], 'not asked about: this user is no member any more');
});
