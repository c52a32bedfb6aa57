// What a group lets the user see and do, read from the server's summary (docs/protocol.md "Tiers", "Roles"),
// the invite link format, and the list paged by key that the member and invite lists use.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chunks, groupSubtitle, inviteFromLocation, inviteLink, inviteState, memberActions, parseInvite, permissions,
  postBlockedReason, splitPeople,
} from '../../src/app/group-rules.js';
import { PagedList } from '../../src/app/pages.js';
import { messageStatus } from '../../src/app/status.js';
import { errorText, ProtocolError } from '../../src/protocol/errors.js';

const group = (role, extra = {}) => ({ kind: 'group', role, postPolicy: 'everyone', memberCount: 3, tier: 'small', ...extra });
const TOKEN = `g_${'5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b'}.4503599627370497.${'q3Vx8mT1nR0bL2cY7wK5pZ9fH4jD6sA1eG8uI0oN2vB'}`;

test('roles: admins manage, only the owner gives roles unless the group has no owner, members post unless it is an announcement group', () => {
  assert.deepEqual(permissions(group('owner')), { manage: true, setRoles: true, handOver: true, post: true });
  assert.deepEqual(permissions(group('admin')), { manage: true, setRoles: false, handOver: false, post: true });
  assert.deepEqual(permissions(group('admin'), { ownerless: true }), { manage: true, setRoles: true, handOver: false, post: true },
    'the owner left: admins give roles, nobody can hand the group over');
  assert.deepEqual(permissions(group('member'), { ownerless: true }), { manage: false, setRoles: false, handOver: false, post: true });
  assert.deepEqual(permissions(group('member', { postPolicy: 'admins' })), { manage: false, setRoles: false, handOver: false, post: false });
  assert.equal(permissions(group('admin', { postPolicy: 'admins' })).post, true);
  assert.deepEqual(permissions({ kind: 'direct', role: 'member' }), { manage: false, setRoles: false, handOver: false, post: true });

  assert.equal(postBlockedReason(group('member', { postPolicy: 'admins' })), 'Only admins can send messages in this announcement group.');
  assert.equal(postBlockedReason(group('owner', { postPolicy: 'admins' })), null);
  assert.equal(postBlockedReason(group('member')), null);
});

test('which buttons a member row gets: never on your own row or the owner\'s; roles only for who may give them', () => {
  const owner = permissions(group('owner'));
  const admin = permissions(group('admin'));
  const none = { makeAdmin: false, makeMember: false, makeOwner: false, remove: false };
  assert.deepEqual(memberActions({ userId: 'u_b', role: 'member' }, 'u_me', owner), { ...none, makeAdmin: true, makeOwner: true, remove: true });
  assert.deepEqual(memberActions({ userId: 'u_b', role: 'admin' }, 'u_me', owner), { ...none, makeMember: true, makeOwner: true, remove: true });
  assert.deepEqual(memberActions({ userId: 'u_b', role: 'member' }, 'u_me', admin), { ...none, remove: true });
  assert.deepEqual(memberActions({ userId: 'u_o', role: 'owner' }, 'u_me', admin), none);
  assert.deepEqual(memberActions({ userId: 'u_me', role: 'admin' }, 'u_me', owner), none);
  assert.deepEqual(memberActions({ userId: 'u_b', role: 'member' }, 'u_me', permissions(group('member'))), none);
});

test('the header line says the size, a large tier and announcement mode', () => {
  assert.equal(groupSubtitle(group('member')), '3 members');
  assert.equal(groupSubtitle(group('member', { memberCount: 1 })), '1 member');
  assert.equal(groupSubtitle(group('member', { memberCount: 10000, tier: 'large', postPolicy: 'admins' })),
    '10,000 members · large group · announcements');
});

test('ticks: a large group has no per-member receipts, even when it shrank to a few members; a small one has', () => {
  const conversation = (summary) => ({ summary, members: ['u_me', 'u_b'], receipts: { u_b: { readSeq: 5, deliveredSeq: 5 } } });
  assert.equal(messageStatus(conversation(group('member', { memberCount: 2 })), { seq: 5 }, 'u_me'), 'read');
  assert.equal(messageStatus(conversation(group('member', { memberCount: 2, tier: 'large' })), { seq: 5 }, 'u_me'), 'sent');
  assert.equal(messageStatus(conversation(group('member', { memberCount: 17 })), { seq: 5 }, 'u_me'), 'sent');
});

test('an invite is found in a pasted link, in text around it, or as the bare token; anything else is not one', () => {
  const link = inviteLink('http://localhost:3000/', TOKEN);
  assert.equal(link, `http://localhost:3000/#invite=${TOKEN}`);
  assert.equal(parseInvite(link), TOKEN);
  assert.equal(parseInvite(`  ${TOKEN}\n`), TOKEN);
  assert.equal(parseInvite(`Join us: ${link} (valid a week)`), TOKEN);
  assert.equal(inviteFromLocation(`#invite=${TOKEN}`), TOKEN);
  assert.equal(inviteFromLocation('#somewhere'), null);
  assert.equal(parseInvite(TOKEN.slice(0, -1)), null, 'a secret cut short');
  assert.equal(parseInvite(`${TOKEN}x`), null, 'a secret too long');
  assert.equal(parseInvite(TOKEN.replace('.4503599627370497.', '.0.')), null, 'invite ids start at 1');
  assert.equal(parseInvite('https://example.com/'), null);
  assert.equal(parseInvite(undefined), null);
});

test('an invite\'s state: revoked before expired before used up', () => {
  const invite = { revoked: false, expiresAt: 2000, uses: 1, maxUses: 2 };
  assert.equal(inviteState(invite, 1000), 'active');
  assert.equal(inviteState({ ...invite, uses: 2 }, 1000), 'used up');
  assert.equal(inviteState({ ...invite, uses: 2 }, 2000), 'expired');
  assert.equal(inviteState({ ...invite, revoked: true, uses: 2 }, 3000), 'revoked');
});

test('"Add members" takes usernames and user ids, each once, and requests respect the protocol\'s caps', () => {
  const id = '0B7C4F1E-8D2A-4C3B-9E5F-1A2B3C4D5E6F';
  assert.deepEqual(splitPeople(` bob, carol ${id}\nbob,, `), { usernames: ['bob', 'carol'], userIds: [id.toLowerCase()] });
  assert.deepEqual(splitPeople(''), { usernames: [], userIds: [] });
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunks([], 99), []);
});

test('a refusal reads as the server\'s sentence, with its epoch milliseconds as a date', () => {
  const expired = new ProtocolError('FORBIDDEN', 'This invite link expired at 1767312000000.');
  assert.equal(errorText(expired), `This invite link expired at ${new Date(1767312000000).toLocaleString()}.`);
  assert.equal(errorText(new ProtocolError('FORBIDDEN', 'This invite link was revoked.')), 'This invite link was revoked.');
  assert.equal(errorText(new Error('No user named "zed".')), 'No user named "zed".');
  assert.equal(errorText(new ProtocolError('DISCONNECTED', 'not connected (joinByInvite)')),
    'Not connected: try again once Parley shows it is connected.');
});

/** A server list of keys 1..n, paged `size` at a time; `asked` records each page's `after`. */
function server(n, size) {
  const asked = [];
  const items = Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
  const fetchPage = async (after) => {
    asked.push(after);
    const from = after === undefined ? 0 : items.findIndex((i) => i.id > after);
    const page = from < 0 ? [] : items.slice(from, from + size);
    return { items: page, hasMore: from >= 0 && from + size < n };
  };
  return { asked, fetchPage };
}

test('a paged list reads on from the last key, one request at a time, until the server has no more', async () => {
  const { asked, fetchPage } = server(5, 2);
  const list = new PagedList({ fetchPage, keyOf: (i) => i.id });
  assert.equal(list.complete, false);
  await Promise.all([list.loadMore(), list.loadMore()]);
  assert.deepEqual(asked, [undefined], 'a second call while a page is on its way shares it');
  await list.loadMore();
  await list.loadMore();
  await list.loadMore();
  assert.deepEqual(asked, [undefined, 2, 4], 'nothing is asked once complete');
  assert.deepEqual(list.items.map((i) => i.id), [1, 2, 3, 4, 5]);
  assert.equal(list.complete, true);
});

test('a paged list: a page that arrives after a reset is dropped, and a failed page can be asked again', async () => {
  let release;
  const slow = new PagedList({ keyOf: (i) => i.id, fetchPage: () => new Promise((resolve) => { release = resolve; }) });
  const stale = slow.loadMore();
  slow.reset();
  release({ items: [{ id: 9 }], hasMore: false });
  await stale;
  assert.deepEqual(slow.items, []);
  assert.equal(slow.complete, false);

  let fail = true;
  const flaky = new PagedList({
    keyOf: (i) => i.id,
    fetchPage: async () => {
      if (fail) throw new ProtocolError('UNAVAILABLE', 'try again');
      return { items: [{ id: 1 }], hasMore: false };
    },
  });
  await assert.rejects(flaky.loadMore(), { code: 'UNAVAILABLE' });
  fail = false;
  await flaky.loadMore();
  assert.deepEqual(flaky.items, [{ id: 1 }]);
});

test('a paged list keeps this user\'s changes in order: placed among what was read, left for a later page otherwise', async () => {
  const { fetchPage } = server(10, 4);
  const list = new PagedList({ fetchPage, keyOf: (i) => i.id });
  await list.loadMore(); // 1..4, more to come
  list.upsert({ id: 2.5 });
  list.upsert({ id: 7.5 }); // its page has not been read: it comes with it
  list.upsert({ id: 3, role: 'admin' });
  list.remove(1);
  assert.deepEqual(list.items, [{ id: 2 }, { id: 2.5 }, { id: 3, role: 'admin' }, { id: 4 }]);
  await list.loadMore();
  await list.loadMore();
  list.upsert({ id: 11 });
  assert.deepEqual(list.items.map((i) => i.id), [2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'complete: a new last entry is added');
});
