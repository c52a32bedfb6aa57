import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConversationModel } from '../../src/app/conversation-model.js';

const ME = 'u_me';
const BOB = 'u_bob';
const CAROL = 'u_carol';

function model({ members = [ME, BOB], cursor = 0, unreadCount = 0, memberCount } = {}) {
  const m = new ConversationModel({ me: ME, deviceId: 'dev_1' });
  m.adopt({ conversationId: 'd_1', kind: 'direct', lastSeq: 0, lastActivityAt: 0, unreadCount, memberCount: memberCount ?? members.length }, members);
  m.conversations.get('d_1').cursor = cursor;
  return m;
}

const msg = (seq, senderId = BOB, extra = {}) => ({ conversationId: 'd_1', seq, sentAt: 1000 + seq, senderId, text: `m${seq}`, ...extra });
const seqs = (m) => m.loaded('d_1').map((x) => x.seq);

test('live messages in order: held by seq, cursor and summary follow, unread counts the others\' messages', () => {
  const m = model();
  for (const seq of [1, 2, 3]) assert.deepEqual(m.receiveLive(msg(seq)), { conversation: m.conversations.get('d_1'), gap: false });
  const c = m.conversations.get('d_1');
  assert.deepEqual(seqs(m), [1, 2, 3]);
  assert.equal(c.cursor, 3);
  assert.equal(c.summary.lastSeq, 3);
  assert.equal(c.summary.lastActivityAt, 1003);
  assert.equal(c.last.seq, 3);
  assert.equal(c.summary.unreadCount, 3);
});

test('out of order: a gap is reported and the cursor waits; the missing message closes it', () => {
  const m = model();
  m.receiveLive(msg(1));
  assert.equal(m.receiveLive(msg(3)).gap, true);
  const c = m.conversations.get('d_1');
  assert.equal(c.cursor, 1, 'no cursor past a gap');
  assert.equal(c.last.seq, 3);
  assert.equal(m.receiveLive(msg(2)).gap, false);
  assert.equal(c.cursor, 3);
  assert.equal(c.last.seq, 3, 'the older message does not become the last');
  assert.deepEqual(seqs(m), [1, 2, 3]);
});

test('a message seen twice, or at or below the cursor, is a duplicate and counted once', () => {
  const m = model();
  m.receiveLive(msg(1));
  assert.equal(m.receiveLive(msg(1)).duplicate, true);
  const restored = model({ cursor: 5 });
  assert.equal(restored.receiveLive(msg(4)).duplicate, true, 'below the cursor: already held before a reload');
  assert.deepEqual(restored.loaded('d_1'), []);
  assert.equal(m.conversations.get('d_1').summary.unreadCount, 1);
  assert.deepEqual(seqs(m), [1]);
});

test('a conversation this device has not heard of is left to sync', () => {
  assert.deepEqual(model().receiveLive({ ...msg(1), conversationId: 'g_new' }), {});
});

test('my own message from another device: no unread, my cursors move up to it', () => {
  const m = model({ unreadCount: 2 });
  m.receiveLive(msg(1));
  m.receiveLive(msg(2, ME, { senderDeviceId: 'dev_2' }));
  const c = m.conversations.get('d_1');
  assert.equal(c.summary.unreadCount, 0);
  assert.equal(c.readSeq, 2);
  assert.equal(c.deliveredSeq, 2);
});

test('a live message clears its sender\'s typing', () => {
  const m = model();
  m.conversations.get('d_1').typing.set(BOB, Date.now() + 5000);
  m.receiveLive(msg(1));
  assert.equal(m.conversations.get('d_1').typing.size, 0);
});

test('the local echo is replaced by the stored message, never shown twice', () => {
  const m = model();
  m.receiveLive(msg(1));
  const entry = { clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi', createdAt: 5000, attempts: 1 };
  const other = { clientMessageId: 'cm_x', conversationId: 'g_other', text: 'elsewhere', createdAt: 5001, attempts: 0 };
  assert.deepEqual(m.messageList('d_1', [entry, other]).map((x) => [x.seq, x.text, x.status]),
    [[1, 'm1', undefined], [undefined, 'hi', 'pending']]);

  const { message, conversation } = m.receiveSent(entry, 2, 6000);
  assert.deepEqual(message, {
    conversationId: 'd_1', seq: 2, sentAt: 6000, senderId: ME, senderDeviceId: 'dev_1', clientMessageId: 'cm_1', text: 'hi',
  });
  assert.equal(conversation.cursor, 2);
  assert.equal(conversation.readSeq, 2, 'sending moves my cursors');
  assert.equal(conversation.last, message);
  // The outbox may still list the entry while its deletion is in flight: the stored message wins.
  assert.deepEqual(m.messageList('d_1', [entry]).map((x) => [x.seq, x.text, x.mine, x.status]),
    [[1, 'm1', false, undefined], [2, 'hi', true, 'sent']]);
});

test('a live event and the outbox\'s reply for one message leave one message', () => {
  const m = model();
  const entry = { clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi', createdAt: 5000, attempts: 1 };
  m.receiveLive(msg(1, ME, { senderDeviceId: 'dev_1', clientMessageId: 'cm_1', text: 'hi' }));
  m.receiveSent(entry, 1, 1001);
  assert.equal(m.messageList('d_1', []).length, 1);
  assert.equal(m.receiveLive(msg(1, ME, { senderDeviceId: 'dev_1', clientMessageId: 'cm_1' })).duplicate, true);
});

test('a sync page replaces the summary and cursors with the server\'s, and its messages arrive', () => {
  const m = model();
  m.receiveLive(msg(1));
  m.conversations.get('d_1').typing.set(BOB, 1);
  const c = m.applySynced({
    conversation: { conversationId: 'd_1', kind: 'direct', lastSeq: 4, lastActivityAt: 1004, unreadCount: 3, memberCount: 2 },
    members: [ME, BOB], readSeq: 1, deliveredSeq: 1,
    receipts: [{ userId: BOB, readSeq: 0, deliveredSeq: 0 }],
    messages: [msg(4), msg(2), msg(3)],
  }, 4);
  assert.deepEqual(seqs(m), [1, 2, 3, 4]);
  assert.equal(c.cursor, 4);
  assert.equal(c.summary.unreadCount, 3, 'the server\'s count');
  assert.equal(c.last.seq, 4);
  assert.equal(c.typing.get(BOB), 1, 'typing survives a sync');
  assert.deepEqual(c.receipts, { [BOB]: { readSeq: 1, deliveredSeq: 1 } }, 'bob sent 1, so read it: the page does not take that back');
  assert.equal(m.receiveLive(msg(3)).duplicate, true);
  assert.deepEqual(m.cursors(), { d_1: 4 });
});

test('a sync page read before my send was stored does not take its ticks back', () => {
  const m = model();
  m.receiveSent({ conversationId: 'd_1', clientMessageId: 'cm_1', text: 'hi' }, 1, 1001);
  m.deliveredTo('d_1', [BOB], 1);
  const status = () => m.messageList('d_1', []).find((x) => x.seq === 1).status;
  assert.equal(status(), 'delivered');
  const c = m.applySynced({
    conversation: { conversationId: 'd_1', kind: 'direct', lastSeq: 0, lastActivityAt: 0, unreadCount: 0, memberCount: 2 },
    members: [ME, BOB], readSeq: 0, deliveredSeq: 0,
    receipts: [{ userId: BOB, readSeq: 0, deliveredSeq: 0 }], messages: [],
  }, 0);
  assert.equal(status(), 'delivered', 'the older page does not move bob\'s cursor back');
  assert.deepEqual([c.readSeq, c.deliveredSeq], [1, 1], 'nor mine');
});

test('a sync page without messages keeps the last message shown', () => {
  const m = model();
  m.receiveLive(msg(1));
  const c = m.applySynced({
    conversation: { conversationId: 'd_1', kind: 'direct', lastSeq: 1, lastActivityAt: 1001, unreadCount: 0, memberCount: 2 },
    members: [ME, BOB], readSeq: 1, deliveredSeq: 1, messages: [],
  }, 1);
  assert.equal(c.last.seq, 1);
});

test('receipts: ticks go from sent to delivered to read, and cursors never move back', () => {
  const m = model();
  m.receiveSent({ clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi', createdAt: 1 }, 1, 1001);
  const status = () => m.messageList('d_1', [])[0].status;
  assert.equal(status(), 'sent');
  m.applyReceipt({ conversationId: 'd_1', userId: BOB, readSeq: 0, deliveredSeq: 1 });
  assert.equal(status(), 'delivered');
  m.applyReceipt({ conversationId: 'd_1', userId: BOB, readSeq: 1, deliveredSeq: 1 });
  assert.equal(status(), 'read');
  m.applyReceipt({ conversationId: 'd_1', userId: BOB, readSeq: 0, deliveredSeq: 0 });
  assert.equal(status(), 'read', 'a late receipt does not move a cursor back');
  assert.equal(m.applyReceipt({ conversationId: 'g_unknown', userId: BOB, readSeq: 1, deliveredSeq: 1 }), undefined);
});

test('in a group a message is read when every other member read it', () => {
  const m = model({ members: [ME, BOB, CAROL] });
  m.receiveSent({ clientMessageId: 'cm_1', conversationId: 'd_1', text: 'hi', createdAt: 1 }, 1, 1001);
  m.applyReceipt({ conversationId: 'd_1', userId: BOB, readSeq: 1, deliveredSeq: 1 });
  assert.equal(m.messageList('d_1', [])[0].status, 'sent');
  m.applyReceipt({ conversationId: 'd_1', userId: CAROL, readSeq: 0, deliveredSeq: 1 });
  assert.equal(m.messageList('d_1', [])[0].status, 'delivered');
});

test('my own receipt moves my cursors and sets the unread count', () => {
  const m = model({ unreadCount: 4 });
  const c = m.applyReceipt({ conversationId: 'd_1', userId: ME, readSeq: 3, deliveredSeq: 4, unreadCount: 1 });
  assert.deepEqual([c.readSeq, c.deliveredSeq, c.summary.unreadCount], [3, 4, 1]);
});

test('acknowledging: markRead while reading; markDelivered only for what came by sync, each cursor once', () => {
  const m = model();
  const c = m.conversations.get('d_1');
  assert.equal(m.acknowledge(c, true), null, 'nothing held');
  m.receiveLive(msg(1));
  m.receiveLive(msg(2));
  assert.equal(c.deliveredSeq, 2, 'the server recorded the live delivery');
  assert.equal(m.acknowledge(c, false), null, 'no markDelivered for live messages');
  assert.deepEqual(m.acknowledge(c, true), { action: 'markRead', upToSeq: 2 });
  assert.equal(m.acknowledge(c, true), null);
  assert.equal(m.acknowledge(undefined, true), null);
  m.applySynced({
    conversation: { conversationId: 'd_1', kind: 'direct', lastSeq: 4, lastActivityAt: 1004, unreadCount: 2, memberCount: 2 },
    members: [ME, BOB], readSeq: 2, deliveredSeq: 2, messages: [msg(3), msg(4)],
  }, 4);
  assert.deepEqual(m.acknowledge(m.conversations.get('d_1'), false), { action: 'markDelivered', upToSeq: 4 });
});

test('a live message from another member means they read up to it; a reply naming them means delivered', () => {
  const m = model();
  m.receiveSent({ conversationId: 'd_1', clientMessageId: 'cm_1', text: 'hi' }, 1, 1001);
  const status = () => m.messageList('d_1', [])[0].status;
  assert.equal(status(), 'sent');
  m.deliveredTo('d_1', [BOB], 1);
  assert.equal(status(), 'delivered');
  m.receiveLive(msg(2));
  assert.equal(status(), 'read');
  assert.deepEqual(m.conversations.get('d_1').receipts[BOB], { readSeq: 2, deliveredSeq: 2 });
});

test('adopting a known conversation keeps what is held; a new one behind the server asks for sync', () => {
  const m = model();
  m.receiveLive(msg(1));
  const { conversation, behind } = m.adopt({ conversationId: 'd_1', kind: 'direct', lastSeq: 0, lastActivityAt: 0, unreadCount: 0, memberCount: 2 }, [ME, BOB]);
  assert.equal(conversation.cursor, 1);
  assert.equal(conversation.summary.lastSeq, 1, 'never behind what is held');
  assert.equal(behind, false);
  assert.equal(m.adopt({ conversationId: 'g_2', kind: 'group', lastSeq: 3, lastActivityAt: 0, unreadCount: 0, memberCount: 3 }, [ME]).behind, true);
});

test('the list is newest activity first; older pages are held without moving anything', () => {
  const m = model();
  m.adopt({ conversationId: 'g_2', kind: 'group', lastSeq: 0, lastActivityAt: 5000, unreadCount: 0, memberCount: 3 }, [ME]);
  m.receiveLive(msg(1));
  assert.deepEqual(m.conversationList().map((c) => c.conversationId), ['g_2', 'd_1']);
  m.receiveLive(msg(9, BOB, { sentAt: 9000 }));
  assert.deepEqual(m.conversationList().map((c) => c.conversationId), ['d_1', 'g_2']);
  const before = { ...m.conversations.get('d_1') };
  m.holdOlder('d_1', [msg(2), msg(3)]);
  assert.deepEqual(seqs(m), [1, 2, 3, 9]);
  assert.equal(m.conversations.get('d_1').last.seq, before.last.seq);
  assert.equal(m.conversations.get('d_1').cursor, before.cursor, 'history does not move the cursor');
  assert.equal(m.hasOlder('d_1'), false);
});

test('the stored record leaves out typing and the cached last message', () => {
  const m = model();
  m.receiveLive(msg(1));
  const record = ConversationModel.record(m.conversations.get('d_1'));
  assert.equal('typing' in record, false);
  assert.equal('last' in record, false);
  assert.equal(record.cursor, 1);
  m.forget('d_1');
  assert.deepEqual(m.loaded('d_1'), []);
  assert.equal(m.conversations.size, 0);
});

test('a change\'s reply summary replaces role, policy, tier and count, while seq and activity only move forward', () => {
  const m = model({ cursor: 0 });
  m.receiveLive(msg(1));
  m.receiveLive(msg(2));
  const stale = { conversationId: 'd_1', kind: 'group', lastSeq: 1, lastActivityAt: 1001, unreadCount: 0, memberCount: 70, role: 'admin', tier: 'large', postPolicy: 'admins' };
  const c = m.updateSummary(stale);
  assert.deepEqual([c.summary.lastSeq, c.summary.lastActivityAt], [2, 1002], 'the reply was read before the newest message');
  assert.deepEqual([c.summary.memberCount, c.summary.role, c.summary.tier, c.summary.postPolicy], [70, 'admin', 'large', 'admins']);
  assert.equal(m.updateSummary({ ...stale, conversationId: 'g_unknown' }), undefined);
  assert.equal(m.behind('d_1'), false);
  m.applyActivity({ conversationId: 'd_1', seq: 5 });
  assert.equal(m.behind('d_1'), true, 'announced, not fetched');
});
