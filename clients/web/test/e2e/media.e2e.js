// Images end to end in Debian's Chromium, against a running local-env (PARLEY_ENDPOINTS): alice, on
// a desktop, attaches a JPEG the browser draws; it is uploaded to S3 (moto), processed, sent; bob, on
// a phone, sees the thumbnail and opens the display version. A file that is not an image is refused
// before any upload, and one whose bytes lie about their type shows the server's mediaFailed reason.
// Independent of chat.e2e.js: its own browser and sign-ins. Screenshots go to target/screenshots/.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as e2e from './browser.js';

const { screenshots } = e2e;
const TIMEOUT = 20_000;

/** @type {import('playwright-core').Browser} */ let browser;
/** @type {import('playwright-core').Page} */ let alice;
/** @type {import('playwright-core').Page} */ let bob;

before(async () => {
  ({ browser, alice, bob } = await e2e.aliceOnDesktopBobOnPhone(TIMEOUT));
  await e2e.startDirectChat(alice, 'bob', TIMEOUT);
});

after(async () => {
  await browser?.close();
});

/** A real JPEG of width×height, drawn and encoded by the browser. */
async function jpeg(page, width, height) {
  const bytes = await page.evaluate(async ([w, h]) => {
    const canvas = Object.assign(document.createElement('canvas'), { width: w, height: h });
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, '#1e3a8a');
    sky.addColorStop(1, '#f97316');
    g.fillStyle = sky;
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#fde047';
    g.beginPath();
    g.arc(w / 2, h * 0.7, h / 6, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#0f172a';
    g.fillRect(0, h * 0.75, w, h * 0.25);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    return [...new Uint8Array(await blob.arrayBuffer())];
  }, [width, height]);
  return Buffer.from(bytes);
}

/** Records every status an upload bubble shows, however briefly. */
async function recordUploadStatuses(page) {
  await page.evaluate(() => {
    window.uploadStatuses = [];
    new MutationObserver(() => {
      for (const li of document.querySelectorAll('#message-list li.upload')) {
        const text = li.textContent;
        if (!window.uploadStatuses.includes(text)) window.uploadStatuses.push(text);
      }
    }).observe(document.getElementById('message-list'), { childList: true, subtree: true, characterData: true });
  });
}

const loadedImage = (page, selector) => page.waitForFunction((s) => {
  const img = document.querySelector(s);
  return img && img.complete && img.naturalWidth > 0 ? { natural: [img.naturalWidth, img.naturalHeight], attrs: [img.width, img.height] } : null;
}, selector, { timeout: TIMEOUT }).then((handle) => handle.jsonValue());

test('alice shares a JPEG: uploaded, processed, sent; bob sees the thumbnail and opens it', async () => {
  await recordUploadStatuses(alice);
  const before = await bob.locator('#message-list li .media-open').count();
  await alice.getByLabel('Attach image').setInputFiles({ name: 'sunset.jpg', mimeType: 'image/jpeg', buffer: await jpeg(alice, 1200, 900) });

  const mine = await loadedImage(alice, '#message-list li.mine:last-of-type .media-open img');
  assert.ok(mine.natural[0] > 0 && mine.natural[0] <= 320, `alice's thumbnail is at most 320 px wide: ${mine.natural}`);
  const seen = await alice.evaluate(() => window.uploadStatuses.join(' | '));
  assert.match(seen, /Uploading…/, seen);
  assert.match(seen, /Processing…/, seen);
  assert.equal(await alice.locator('#message-list li.upload').count(), 0, 'the pending bubble became the message');

  // bob on the phone: the list says "Photo", the bubble has a loaded thumbnail sized before it loaded.
  const entry = bob.locator('#conversation-list button', { hasText: 'alice' });
  await entry.locator('.last', { hasText: 'Photo' }).waitFor({ timeout: TIMEOUT });
  await entry.click();
  await bob.locator('#message-list li .media-open').nth(before).waitFor({ timeout: TIMEOUT });
  const selector = '#message-list li:not(.mine):last-of-type .media-open img';
  const seenByBob = await loadedImage(bob, selector);
  assert.ok(seenByBob.natural[0] > 0 && seenByBob.natural[0] <= 320, `thumb width ${seenByBob.natural}`);
  assert.deepEqual(seenByBob.natural, [320, 240], 'the thumb of a 1200×900 photo');
  const attrs = await bob.locator(selector).evaluate((img) => [img.getAttribute('width'), img.getAttribute('height'), img.alt]);
  assert.deepEqual(attrs, ['320', '240', 'Image from alice']);
  const box = await bob.locator(selector).boundingBox();
  assert.ok(box.width <= 390 && Math.abs(box.width / box.height - 4 / 3) < 0.02, `fits the phone, ratio kept: ${JSON.stringify(box)}`);
  await bob.screenshot({ path: join(screenshots, 'phone-390x844-image.png') });

  // Keyboard: Enter on the thumbnail opens the display version; Escape closes and gives the focus back.
  await bob.locator(selector).locator('xpath=..').focus();
  await bob.keyboard.press('Enter');
  await bob.locator('#image-viewer[open]').waitFor({ timeout: TIMEOUT });
  const display = await loadedImage(bob, '#viewer-image');
  assert.deepEqual(display.natural, [1200, 900], 'display: the photo itself, below 1600 px so never enlarged');
  await bob.keyboard.press('Escape');
  await bob.locator('#image-viewer').waitFor({ state: 'hidden' });
  assert.equal(await bob.evaluate(() => document.activeElement?.className), 'media-open');

  await alice.screenshot({ path: join(screenshots, 'desktop-1440x900-image.png') });
});

test('a file that is not an image is refused before upload, with a visible message', async () => {
  const uploadsBefore = await alice.evaluate(() => window.parley.media.uploads.size);
  await alice.getByLabel('Attach image').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  const error = alice.locator('#composer-error');
  await error.waitFor({ state: 'visible', timeout: TIMEOUT });
  assert.match(await error.textContent(), /“notes.txt” is not an image Parley can send/);
  assert.equal(await alice.evaluate(() => window.parley.media.uploads.size), uploadsBefore, 'nothing was uploaded');
});

test('bytes that lie about their type: the server\'s mediaFailed reason is shown, nothing is sent', async () => {
  const lastSeq = await alice.evaluate(() => window.parley.conversations.get(window.parley.openId).summary.lastSeq);
  await alice.getByLabel('Attach image').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: await jpeg(alice, 40, 30) });
  const failed = alice.locator('#message-list li.upload[data-status="failed"]');
  await failed.waitFor({ timeout: TIMEOUT });
  assert.match(await failed.getByRole('alert').textContent(), /Image not sent: .*image\/png.*\(TYPE_MISMATCH\)/);
  assert.equal(await alice.locator('#composer-error').textContent(), '', 'the attach error of before is gone');
  await failed.getByRole('button', { name: 'Dismiss' }).click();
  await failed.waitFor({ state: 'detached' });
  assert.equal(await alice.evaluate(() => window.parley.conversations.get(window.parley.openId).summary.lastSeq), lastSeq);
});
