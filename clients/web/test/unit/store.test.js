// The store's contract, against a real IndexedDB (fake-indexeddb: the W3C API in memory, run
// against the web-platform tests) and against the in-memory store the app falls back to, so the two
// cannot drift. Then what only IndexedDB gives (state survives a reopen, one database per user),
// and what opening does when the browser refuses IndexedDB.

import 'fake-indexeddb/auto'; // IDBKeyRange and friends as globals, as in a browser
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IDBFactory } from 'fake-indexeddb';
import { Outbox } from '../../src/protocol/outbox.js';
import { IndexedDbStore } from '../../src/store/indexeddb.js';
import { MemoryStore } from '../../src/store/memory.js';
import { notKeptWarning, openStore } from '../../src/store/open.js';

const message = (conversationId, seq, text = `m${seq}`) => ({ conversationId, seq, text, senderId: 'u_a', sentAt: seq * 1000 });
const conversation = (conversationId, extra = {}) => ({
  conversationId, summary: { conversationId, memberCount: 2, lastSeq: 0 }, members: ['u_a', 'u_b'],
  cursor: 0, readSeq: 0, deliveredSeq: 0, receipts: {}, ...extra,
});
const seqs = (messages) => messages.map((m) => m.seq);

const stores = {
  IndexedDbStore: () => IndexedDbStore.open('parley-u_a', new IDBFactory()),
  MemoryStore: async () => new MemoryStore(),
};

for (const [name, newStore] of Object.entries(stores)) {
  describe(`${name}: the store's contract`, () => {
    test('meta: absent is undefined; a value comes back equal, and a later change to the caller\'s object is not stored', async () => {
      const store = await newStore();
      assert.equal(await store.getMeta('syncToken'), undefined);
      const names = { u_b: 'bob' };
      await store.setMeta('names', names);
      names.u_c = 'carol';
      assert.deepEqual(await store.getMeta('names'), { u_b: 'bob' });
      await store.setMeta('syncToken', null);
      assert.equal(await store.getMeta('syncToken'), null, 'null is a value (a sync token reset), not absent');
    });

    test('conversations: put replaces by id, list gives each once', async () => {
      const store = await newStore();
      await store.putConversation(conversation('d_1'));
      await store.putConversation(conversation('g_2'));
      await store.putConversation(conversation('d_1', { cursor: 7, receipts: { u_b: { readSeq: 5, deliveredSeq: 7 } } }));
      const listed = (await store.listConversations()).sort((a, b) => a.conversationId.localeCompare(b.conversationId));
      assert.deepEqual(listed.map((c) => c.conversationId), ['d_1', 'g_2']);
      assert.equal(listed[0].cursor, 7);
      assert.deepEqual(listed[0].receipts, { u_b: { readSeq: 5, deliveredSeq: 7 } });
    });

    test('a message is held once by (conversation, seq); a second put of a seq replaces it', async () => {
      const store = await newStore();
      await store.putMessages([message('d_1', 1, 'pending echo'), message('d_1', 2)]);
      await store.putMessages([message('d_1', 1, 'as stored')]);
      const held = await store.getMessages('d_1');
      assert.deepEqual(seqs(held), [1, 2]);
      assert.equal(held[0].text, 'as stored');
      await store.putMessages([]);
      assert.deepEqual(seqs(await store.getMessages('d_1')), [1, 2], 'an empty put changes nothing');
    });

    test('getMessages: the newest `limit` before `beforeSeq` (excluded), oldest first, seqs compared as numbers', async () => {
      const store = await newStore();
      await store.putMessages([9, 10, 100, 2, 11].map((seq) => message('d_1', seq)));
      assert.deepEqual(seqs(await store.getMessages('d_1')), [2, 9, 10, 11, 100]);
      assert.deepEqual(seqs(await store.getMessages('d_1', { limit: 2 })), [11, 100]);
      assert.deepEqual(seqs(await store.getMessages('d_1', { beforeSeq: 11 })), [2, 9, 10]);
      assert.deepEqual(seqs(await store.getMessages('d_1', { beforeSeq: 11, limit: 1 })), [10]);
      assert.deepEqual(await store.getMessages('d_1', { beforeSeq: 2 }), []);
      assert.deepEqual(await store.getMessages('d_unknown'), []);
    });

    test('getMessages pages 50 by default, the newest', async () => {
      const store = await newStore();
      await store.putMessages(Array.from({ length: 120 }, (_, i) => message('g_1', i + 1)));
      const page = await store.getMessages('g_1');
      assert.equal(page.length, 50);
      assert.deepEqual([page[0].seq, page[49].seq], [71, 120]);
      const older = await store.getMessages('g_1', { beforeSeq: page[0].seq });
      assert.deepEqual([older[0].seq, older.at(-1).seq], [21, 70]);
    });

    test('conversations do not share messages, even when one id is a prefix of another', async () => {
      const store = await newStore();
      await store.putMessages([message('d_1', 1), message('d_1', 2), message('d_10', 1), message('d_0', 3)]);
      assert.deepEqual(seqs(await store.getMessages('d_1')), [1, 2]);
      assert.deepEqual(seqs(await store.getMessages('d_10')), [1]);
    });

    test('deleting a conversation deletes its messages and nothing of the others', async () => {
      const store = await newStore();
      for (const id of ['d_1', 'd_10', 'd_0']) {
        await store.putConversation(conversation(id));
        await store.putMessages([message(id, 1), message(id, 2)]);
      }
      await store.deleteConversation('d_1');
      assert.deepEqual((await store.listConversations()).map((c) => c.conversationId).sort(), ['d_0', 'd_10']);
      assert.deepEqual(await store.getMessages('d_1'), []);
      assert.deepEqual(seqs(await store.getMessages('d_10')), [1, 2]);
      assert.deepEqual(seqs(await store.getMessages('d_0')), [1, 2]);
    });

    test('outbox: put by clientMessageId, listed with its media, deleted once sent', async () => {
      const store = await newStore();
      const media = [{ mediaId: 'm_1', kind: 'image', width: 320, height: 240 }];
      await store.putOutbox({ clientMessageId: 'k_1', conversationId: 'd_1', text: 'one', createdAt: 1, attempts: 0 });
      await store.putOutbox({ clientMessageId: 'k_2', conversationId: 'd_1', text: '', media, createdAt: 2, attempts: 0 });
      await store.putOutbox({ clientMessageId: 'k_1', conversationId: 'd_1', text: 'one', createdAt: 1, attempts: 3 });
      const listed = (await store.listOutbox()).sort((a, b) => a.createdAt - b.createdAt);
      assert.deepEqual(listed.map((e) => [e.clientMessageId, e.attempts]), [['k_1', 3], ['k_2', 0]]);
      assert.deepEqual(listed[1].media, media);
      await store.deleteOutbox('k_1');
      await store.deleteOutbox('k_unknown');
      assert.deepEqual((await store.listOutbox()).map((e) => e.clientMessageId), ['k_2']);
    });
  });
}

describe('IndexedDbStore: what memory cannot give', () => {
  test('everything survives closing the database and opening it again, as across a reload', async () => {
    const browser = new IDBFactory();
    const before = await IndexedDbStore.open('parley-u_a', browser);
    await before.setMeta('syncToken', 'tok_42');
    await before.putConversation(conversation('d_1', { cursor: 2 }));
    await before.putMessages([message('d_1', 1), message('d_1', 2)]);
    await before.putOutbox({ clientMessageId: 'k_1', conversationId: 'd_1', text: 'unsent', createdAt: 5, attempts: 1 });
    before.db.close();

    const after = await IndexedDbStore.open('parley-u_a', browser);
    assert.equal(await after.getMeta('syncToken'), 'tok_42');
    assert.deepEqual((await after.listConversations()).map((c) => [c.conversationId, c.cursor]), [['d_1', 2]]);
    assert.deepEqual(seqs(await after.getMessages('d_1')), [1, 2]);
    assert.deepEqual((await after.listOutbox()).map((e) => e.text), ['unsent']);
  });

  test('messages queued offline are sent after a reload, in the order typed, with their first clientMessageId', async () => {
    const browser = new IDBFactory();
    const offline = { isOpen: false, request: () => assert.fail('nothing is sent while offline') };
    let clock = 1_000;
    const first = new Outbox({ store: await IndexedDbStore.open('parley-u_a', browser), connection: offline, now: () => clock++ });
    const queued = [await first.enqueue('d_1', 'one'), await first.enqueue('d_1', 'two'), await first.enqueue('d_2', 'three')];
    first.store.db.close();

    const sent = [];
    const online = { isOpen: true, async request(action, fields) { sent.push({ action, ...fields }); return { seq: sent.length, sentAt: 0 }; } };
    const store = await IndexedDbStore.open('parley-u_a', browser);
    const reloaded = new Outbox({ store, connection: online });
    assert.deepEqual((await reloaded.load()).map((e) => e.text), ['one', 'two', 'three']);
    await reloaded.flush();
    assert.deepEqual(sent.map((f) => [f.action, f.conversationId, f.text, f.clientMessageId]),
      queued.map((e) => ['sendMessage', e.conversationId, e.text, e.clientMessageId]));
    assert.deepEqual(await store.listOutbox(), [], 'each deleted once the server stored it');
  });

  test('each user has a database of their own', async () => {
    const browser = new IDBFactory();
    const alice = await IndexedDbStore.open('parley-u_alice', browser);
    const bob = await IndexedDbStore.open('parley-u_bob', browser);
    await alice.putMessages([message('d_ab', 1, 'for alice\'s eyes')]);
    await alice.setMeta('syncToken', 'alice');
    assert.deepEqual(await bob.getMessages('d_ab'), []);
    assert.equal(await bob.getMeta('syncToken'), undefined);
  });
});

describe('openStore', () => {
  test('gives the user\'s IndexedDB database when the browser has one', async () => {
    const browser = new IDBFactory();
    const opened = await openStore('u_alice', browser);
    assert.equal(opened.durable, true);
    assert.ok(opened.store instanceof IndexedDbStore);
    assert.deepEqual((await browser.databases()).map((d) => d.name), ['parley-u_alice']);
  });

  test('falls back to memory with the browser\'s reason when opening fails (storage blocked, private mode)', async () => {
    const refusing = new IDBFactory();
    refusing.open = () => { throw new DOMException('The user denied permission to access the database.', 'InvalidStateError'); };
    const opened = await openStore('u_alice', refusing);
    assert.equal(opened.durable, false);
    assert.ok(opened.store instanceof MemoryStore);
    assert.match(opened.reason.message, /denied permission/);
    assert.match(notKeptWarning(opened.reason), /refused to store Parley's data \(The user denied permission.*\).*not even messages still waiting to be sent/);
  });

  test('falls back to memory when the open request itself fails', async () => {
    const failing = new IDBFactory();
    failing.open = () => {
      const request = { error: new DOMException('Quota exceeded', 'QuotaExceededError') };
      setImmediate(() => request.onerror?.());
      return request;
    };
    const opened = await openStore('u_alice', failing);
    assert.equal(opened.durable, false);
    assert.equal(opened.reason.name, 'QuotaExceededError');
  });

  test('falls back to memory, saying why, when the page has no IndexedDB at all', async () => {
    const opened = await openStore('u_alice', null);
    assert.equal(opened.durable, false);
    assert.match(opened.reason.message, /no IndexedDB/);
  });
});
