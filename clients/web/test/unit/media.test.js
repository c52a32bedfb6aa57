import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureText, MediaUploads } from '../../src/app/media.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { Outbox } from '../../src/protocol/outbox.js';
import {
  fitWithin, imageProblem, MAX_IMAGE_BYTES, MEDIA_URL_EXPIRY_MS, MediaUrls, postUpload, uploadForm,
} from '../../src/protocol/media.js';
import { MemoryStore } from '../../src/store/memory.js';
import { FakeTimers, tick } from './fakes.js';

/** A connection the test answers and pushes events through. */
function fakeConnection(answers) {
  const listeners = new Map();
  return {
    sent: [], isOpen: true,
    on(type, fn) { listeners.set(type, [...(listeners.get(type) ?? []), fn]); },
    push(frame) { for (const fn of listeners.get(frame.type) ?? []) fn(frame); },
    async request(action, fields) { this.sent.push({ action, ...fields }); return answers(action, fields, this.sent.length); },
  };
}

const photo = (bytes = 10, type = 'image/jpeg', name = 'photo.jpg') => new File([new Uint8Array(bytes)], name, { type });
const descriptor = { mediaId: 'm_1', kind: 'image', contentType: 'image/jpeg', size: 10, width: 1600, height: 1200, encrypted: false, versions: ['display', 'thumb'] };

test('only JPEG, PNG, GIF and WebP up to 25 MB are accepted, with a reason the user can read', () => {
  for (const type of ['image/jpeg', 'image/png', 'image/gif', 'image/webp']) assert.equal(imageProblem({ name: 'a', type, size: 1 }), null);
  assert.match(imageProblem({ name: 'notes.txt', type: 'text/plain', size: 5 }), /“notes.txt” is not an image.*JPEG, PNG, GIF or WebP/);
  assert.match(imageProblem({ name: 'x.heic', type: 'image/heic', size: 5 }), /not an image/);
  assert.equal(imageProblem({ name: 'big.jpg', type: 'image/jpeg', size: MAX_IMAGE_BYTES }), null, 'the limit itself is allowed');
  assert.match(imageProblem({ name: 'big.jpg', type: 'image/jpeg', size: MAX_IMAGE_BYTES + 1 }), /25\.0 MB; an image can be at most 25 MB/);
  assert.match(imageProblem({ name: 'e.png', type: 'image/png', size: 0 }), /empty/);
});

test('the S3 form carries every field first and the file last, named file', async () => {
  const file = photo(3);
  const form = uploadForm({ key: 'uploads/k', 'Content-Type': 'image/jpeg', policy: 'p', 'x-amz-signature': 's' }, file);
  const entries = [...form.entries()];
  assert.deepEqual(entries.map(([name]) => name), ['key', 'Content-Type', 'policy', 'x-amz-signature', 'file']);
  assert.equal(entries.at(-1)[1].size, 3);
  await assert.rejects(postUpload({ url: 'u', fields: {} }, file, async () => ({ ok: false, status: 403 })), /refused the upload \(HTTP 403\)/);
  await assert.rejects(postUpload({ url: 'u', fields: {} }, file, async () => { throw new TypeError('Failed to fetch'); }), /did not get through \(Failed to fetch\)/);
});

test('a thumbnail is sized from the descriptor, never enlarged', () => {
  assert.deepEqual(fitWithin(1600, 1200, 320), { width: 320, height: 240 });
  assert.deepEqual(fitWithin(900, 1600, 320), { width: 180, height: 320 });
  assert.deepEqual(fitWithin(100, 50, 320), { width: 100, height: 50 });
  assert.equal(fitWithin(undefined, 10, 320), null);
});

test('media URLs are cached per (mediaId, version) until a minute before expiry, then asked again', async () => {
  let now = 1_000_000;
  const connection = fakeConnection((action, fields, n) => ({
    urls: { [fields.versions[0]]: `https://s3/${fields.mediaId}/${fields.versions[0]}?n=${n}` }, expiresAt: now + MEDIA_URL_EXPIRY_MS,
  }));
  const urls = new MediaUrls({ connection, now: () => now });
  const [a, b] = await Promise.all([urls.get('d_1', 'm_1', 'thumb'), urls.get('d_1', 'm_1', 'thumb')]);
  assert.equal(a, b);
  assert.equal(connection.sent.length, 1, 'concurrent asks share one request');
  assert.deepEqual(connection.sent[0], { action: 'getMediaUrl', conversationId: 'd_1', mediaId: 'm_1', versions: ['thumb'] });
  await urls.get('d_1', 'm_1', 'display');
  assert.equal(connection.sent.length, 2, 'another version is another URL');
  now += MEDIA_URL_EXPIRY_MS - 61_000;
  assert.equal(await urls.get('d_1', 'm_1', 'thumb'), a, 'still fresh');
  now += 2_000;
  assert.notEqual(await urls.get('d_1', 'm_1', 'thumb'), a, 'within a minute of expiry: asked again');
  urls.forget('m_1', 'thumb');
  await urls.get('d_1', 'm_1', 'thumb');
  assert.equal(connection.sent.length, 4, 'a URL that failed to load is asked again');
});

test('a server clock ahead of ours never keeps a URL past 15 minutes from our asking', async () => {
  let now = 0;
  const connection = fakeConnection(() => ({ urls: { thumb: 'u' }, expiresAt: 10 * MEDIA_URL_EXPIRY_MS }));
  const urls = new MediaUrls({ connection, now: () => now });
  await urls.get('d_1', 'm_1', 'thumb');
  now = MEDIA_URL_EXPIRY_MS;
  await urls.get('d_1', 'm_1', 'thumb');
  assert.equal(connection.sent.length, 2);
});

function uploads(connection, { fetch = async () => ({ ok: true, status: 204 }), timers = new FakeTimers() } = {}) {
  const sends = [];
  const changes = [];
  const media = new MediaUploads({
    connection, fetch, timers, send: async (...args) => { sends.push(args); }, onChange: () => changes.push(statuses()),
  });
  const statuses = () => [...media.uploads.values()].map((u) => u.status).join(',');
  return { media, sends, changes, timers };
}

const uploadReply = { mediaId: 'm_1', expiresAt: 0, upload: { url: 'http://s3/bucket', fields: { key: 'k' } } };

test('share: requestUpload, POST, processing, then a message with the descriptor', async () => {
  const connection = fakeConnection(() => uploadReply);
  const posts = [];
  const { media, sends, changes } = uploads(connection, { fetch: async (url, init) => { posts.push([url, init]); return { ok: true, status: 204 }; } });
  const sharing = media.share('d_1', photo(10));
  await tick();
  assert.deepEqual(connection.sent[0], { action: 'requestUpload', conversationId: 'd_1', contentType: 'image/jpeg', size: 10 });
  assert.equal(posts[0][0], 'http://s3/bucket');
  assert.equal(media.pending('d_1')[0].status, 'processing');
  connection.push({ type: 'mediaReady', conversationId: 'd_1', media: descriptor });
  await sharing;
  assert.deepEqual(sends, [['d_1', '', [descriptor]]]);
  assert.deepEqual(media.pending('d_1'), []);
  assert.deepEqual(changes, ['uploading', 'processing', '']);
});

test('mediaReady may arrive before the POST is answered', async () => {
  const connection = fakeConnection(() => uploadReply);
  let answer;
  const { media, sends } = uploads(connection, { fetch: () => new Promise((resolve) => { answer = resolve; }) });
  const sharing = media.share('d_1', photo());
  await tick();
  connection.push({ type: 'mediaReady', conversationId: 'd_1', media: descriptor });
  answer({ ok: true, status: 204 });
  await sharing;
  assert.equal(sends.length, 1);
});

test('mediaFailed leaves a failed upload with the server\'s reason until dismissed; nothing is sent', async () => {
  const connection = fakeConnection(() => uploadReply);
  const { media, sends } = uploads(connection);
  const sharing = media.share('d_1', photo());
  await tick();
  connection.push({ type: 'mediaFailed', conversationId: 'd_1', mediaId: 'm_1', code: 'TYPE_MISMATCH', reason: 'The file is a PNG image, not image/jpeg as declared.' });
  const upload = await sharing;
  assert.equal(upload.status, 'failed');
  assert.equal(upload.error, 'The file is a PNG image, not image/jpeg as declared. (TYPE_MISMATCH)');
  assert.equal(sends.length, 0);
  media.dismiss(upload.id);
  assert.deepEqual(media.pending('d_1'), []);
  assert.equal(failureText({ code: 'UNREADABLE', reason: 'the image could not be decoded' }), 'The image could not be decoded. (UNREADABLE)');
});

test('failures before processing are shown too: refused request, refused POST, offline, no event in time', async () => {
  const refused = uploads(fakeConnection(() => { throw new ProtocolError('PAYLOAD_TOO_LARGE', 'Images can be at most 25 MB.'); }));
  assert.match((await refused.media.share('d_1', photo())).error, /PAYLOAD_TOO_LARGE: Images can be at most 25 MB/);

  const post = uploads(fakeConnection(() => uploadReply), { fetch: async () => ({ ok: false, status: 403 }) });
  assert.match((await post.media.share('d_1', photo())).error, /HTTP 403/);
  assert.equal(post.timers.queue.length, 0, 'no timer left waiting for an upload that failed');

  const offline = fakeConnection(() => uploadReply);
  offline.isOpen = false;
  assert.match((await uploads(offline).media.share('d_1', photo())).error, /Not connected/);
  assert.equal(offline.sent.length, 0);

  const slow = uploads(fakeConnection(() => uploadReply));
  const sharing = slow.media.share('d_1', photo());
  await tick();
  slow.timers.advance(120_000);
  assert.match((await sharing).error, /did not finish processing/);
});

test('a file that is not an image is refused before anything is asked', async () => {
  const connection = fakeConnection(() => uploadReply);
  const { media } = uploads(connection);
  await assert.rejects(media.share('d_1', photo(5, 'text/plain', 'notes.txt')), /not an image/);
  assert.equal(connection.sent.length, 0);
  assert.deepEqual(media.pending('d_1'), []);
});

test('the outbox sends a media message with the ids and no text, and reports the descriptors', async () => {
  const store = new MemoryStore();
  const connection = fakeConnection(() => ({ seq: 7, sentAt: 1 }));
  const sent = [];
  const outbox = new Outbox({ store, connection, onChange: (c) => c.type === 'sent' && sent.push(c.entry) });
  await outbox.enqueue('d_1', '', [descriptor]);
  await outbox.flushing;
  const { clientMessageId, ...request } = connection.sent[0];
  assert.deepEqual(request, { action: 'sendMessage', conversationId: 'd_1', media: ['m_1'] });
  assert.deepEqual(sent[0].media, [descriptor]);
});
