// "Read by N" in large groups: readCounts asked for the user's own newest messages when shown, not again
// for the same messages within 15 s, at once for a newer message; answers kept per seq.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READ_COUNTS_REFRESH_MS, ReadCounts } from '../../src/app/read-counts.js';
import { FakeConnection, FakeTimers, tick } from './fakes.js';

const GROUP = 'g_5b1f0c2e9d4a4f6e8a7b3c2d1e0f9a8b';

function setUp(answer) {
  const connection = new FakeConnection(answer);
  connection.isOpen = true;
  const changes = [];
  const timers = new FakeTimers();
  const counts = new ReadCounts({ connection, changed: (change) => changes.push(change), now: () => timers.now, timers });
  return { connection, changes, counts, timers, advance: (ms) => timers.advance(ms) };
}

const asked = (connection) => connection.sent.filter((s) => s.action === 'readCounts').map((s) => s.seqs);

test('the counts of the shown own messages are asked once, kept per seq and asked again after 15 s or for a newer message', async () => {
  const { connection, changes, counts, advance } = setUp((action, { seqs }) => ({
    conversationId: GROUP, exactFrom: 1, counts: seqs.map((seq) => ({ seq, readBy: 100 - seq })),
  }));

  counts.shown(GROUP, [3, 7]);
  counts.shown(GROUP, [3, 7]);
  await tick();
  assert.deepEqual(asked(connection), [[3, 7]], 'the same messages are asked once');
  assert.equal(counts.readBy(GROUP, 7), 93);
  assert.equal(counts.readBy(GROUP, 4), undefined, 'not one of the user\'s messages');
  assert.deepEqual(changes, [{ what: 'messages', conversationId: GROUP }], 'the view renders the answer');

  advance(READ_COUNTS_REFRESH_MS - 1);
  counts.shown(GROUP, [3, 7]);
  counts.shown(GROUP, [3, 7, 9]);
  advance(READ_COUNTS_REFRESH_MS);
  counts.shown(GROUP, [3, 7, 9]);
  await tick();
  assert.deepEqual(asked(connection), [[3, 7], [3, 7, 9], [3, 7, 9]]);
});

test('while the conversation stays shown the view is asked to render again every 15 s, and the counts with it', async () => {
  const { connection, changes, counts, advance } = setUp(() => ({ conversationId: GROUP, exactFrom: 1, counts: [] }));

  counts.shown(GROUP, [3]);
  await tick();
  advance(READ_COUNTS_REFRESH_MS);
  assert.deepEqual(changes.at(-1), { what: 'messages', conversationId: GROUP }, 'a render, which shows the conversation again');
  counts.shown(GROUP, [3]);
  await tick();
  assert.equal(asked(connection).length, 2);

  const before = changes.length;
  advance(READ_COUNTS_REFRESH_MS);
  advance(READ_COUNTS_REFRESH_MS);
  assert.equal(changes.length, before + 1, 'a view that did not show it again asked for nothing more');
});

test('at most the newest 50 are asked, nothing while offline or with no own message, and a failure is asked again', async () => {
  let fail = true;
  const { connection, counts } = setUp(() => {
    if (fail) throw new Error('UNAVAILABLE');
    return { conversationId: GROUP, exactFrom: 1, counts: [] };
  });
  const many = Array.from({ length: 60 }, (_, i) => i + 1);

  counts.shown(GROUP, []);
  connection.isOpen = false;
  counts.shown(GROUP, many);
  assert.deepEqual(asked(connection), []);

  connection.isOpen = true;
  const logged = console.error;
  console.error = () => {};
  try {
    counts.shown(GROUP, many);
    await tick();
  } finally {
    console.error = logged;
  }
  fail = false;
  counts.shown(GROUP, many);
  await tick();
  assert.deepEqual(asked(connection), [many.slice(10), many.slice(10)]);
});
