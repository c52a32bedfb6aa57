import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError } from '../../src/protocol/errors.js';
import { Outbox } from '../../src/protocol/outbox.js';
import { mergeSyncPage, runSync } from '../../src/protocol/sync.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeTimers } from './fakes.js';

function server(answers) {
  const sent = [];
  return { sent, isOpen: true, async request(action, fields) { sent.push({ action, ...fields }); return answers(action, fields, sent.length); } };
}

test('a retry after a lost answer reuses the clientMessageId; the outbox empties once stored', async () => {
  const store = new MemoryStore();
  const connection = server((action, fields, n) => {
    if (n === 1) throw new ProtocolError('TIMEOUT', 'lost');
    return { seq: 4, sentAt: 10 };
  });
  const timers = new FakeTimers();
  const changes = [];
  const outbox = new Outbox({ store, connection, timers, random: () => 0, onChange: (c) => changes.push(c.type) });
  await outbox.enqueue('d_1', 'hi');
  await outbox.flushing;
  assert.equal((await store.listOutbox()).length, 1, 'kept after a failure');
  timers.advance(60_000);
  await outbox.flushing;
  assert.equal(connection.sent.length, 2);
  assert.equal(connection.sent[0].clientMessageId, connection.sent[1].clientMessageId);
  assert.deepEqual(await store.listOutbox(), []);
  assert.deepEqual(changes, ['queued', 'sent']);
});

test('flushing on reconnect sends what an earlier session left, in order, each once', async () => {
  const store = new MemoryStore();
  await store.putOutbox({ clientMessageId: 'b', conversationId: 'd_1', text: 'second', createdAt: 2, attempts: 1 });
  await store.putOutbox({ clientMessageId: 'a', conversationId: 'd_1', text: 'first', createdAt: 1, attempts: 1 });
  let seq = 0;
  const connection = server(() => ({ seq: ++seq, sentAt: 0 }));
  const outbox = new Outbox({ store, connection });
  await outbox.load();
  await Promise.all([outbox.flush(), outbox.flush()]);
  assert.deepEqual(connection.sent.map((s) => s.clientMessageId), ['a', 'b']);
});

test('entries sync shows stored by this device are dropped, not resent (dedupe by clientMessageId)', async () => {
  const store = new MemoryStore();
  const connection = server(() => ({ seq: 9, sentAt: 0 }));
  connection.isOpen = false;
  const outbox = new Outbox({ store, connection });
  const entry = await outbox.enqueue('d_1', 'hi');
  await outbox.reconcile([{ seq: 3, sentAt: 1, senderDeviceId: 'other', clientMessageId: entry.clientMessageId }], 'me');
  assert.equal(outbox.pending().length, 1, 'the same id from another device is another message');
  await outbox.reconcile([{ seq: 3, sentAt: 1, senderDeviceId: 'me', clientMessageId: entry.clientMessageId }], 'me');
  connection.isOpen = true;
  await outbox.flush();
  assert.equal(connection.sent.length, 0);
  assert.deepEqual(await store.listOutbox(), []);
});

test('a refused message leaves the outbox as failed', async () => {
  const store = new MemoryStore();
  const changes = [];
  const connection = server(() => { throw new ProtocolError('NOT_FOUND', 'gone'); });
  const outbox = new Outbox({ store, connection, onChange: (c) => changes.push(c.type) });
  await outbox.enqueue('d_1', 'hi');
  await outbox.flushing;
  assert.deepEqual(changes, ['queued', 'failed']);
  assert.deepEqual(await store.listOutbox(), []);
});

const conv = (id, messages, extra = {}) => ({ conversation: { conversationId: id }, messages: messages.map((seq) => ({ seq })), hasMore: false, ...extra });

test('sync cursors: a known conversation advances contiguously; a new one takes its newest seq; removed ones go', () => {
  const result = mergeSyncPage({ d_a: 2, g_gone: 5 }, {
    hasMore: false, removed: ['g_gone'],
    conversations: [conv('d_a', [3, 4]), conv('d_new', [48, 49, 50], { hasMore: true })],
  });
  assert.deepEqual(result.cursors, { d_a: 4, d_new: 50 });
  assert.equal(result.again, false, 'older messages of a new conversation come through history');
  assert.deepEqual(result.removed, ['g_gone']);
});

test('sync pages until complete, with the same since, and keeps the last page\'s token', async () => {
  const connection = server((action, fields, n) => n === 1
    ? { hasMore: false, syncToken: 't1', conversations: [conv('d_a', [3], { hasMore: true })] }
    : { hasMore: false, syncToken: 't2', conversations: [conv('d_a', [4])] });
  const result = await runSync(connection, { cursors: { d_a: 2 }, since: 's0', onPage: () => {} });
  assert.deepEqual(connection.sent.map((s) => [s.cursors.d_a, s.since]), [[2, 's0'], [3, 's0']]);
  assert.equal(result.syncToken, 't2');
  assert.deepEqual(result.cursors, { d_a: 4 });
});
