// What the end-to-end files share: the running local-env's endpoints (PARLEY_ENDPOINTS, set by
// ./parley test and ./parley test-web), Debian's Chromium, a desktop and a phone context, sign-in,
// sending and the ticks' record, and where screenshots go.

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const endpointsFile = process.env.PARLEY_ENDPOINTS;
if (!endpointsFile) throw new Error('Set PARLEY_ENDPOINTS to the endpoints file of a running local-env');
export const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8'));

export const screenshots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'screenshots');
mkdirSync(screenshots, { recursive: true });

export const DESKTOP = { viewport: { width: 1440, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** @returns {Promise<import('playwright-core').Browser>} */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page in a new context of `browser`, with page errors and logged failures on the test's output. */
export async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('console error:', message.text());
  });
  return page;
}

/**
 * alice on a desktop and bob on a phone, both signed in (bob first: a user can be found once they have
 * connected), in a browser of their own.
 * @returns {Promise<{browser: import('playwright-core').Browser, alice: import('playwright-core').Page,
 *                    bob: import('playwright-core').Page}>}
 */
export async function aliceOnDesktopBobOnPhone(timeout) {
  const browser = await launch();
  const alice = await newPage(await browser.newContext(DESKTOP));
  const bob = await newPage(await browser.newContext(PHONE));
  await signIn(bob, 'bob', timeout);
  await signIn(alice, 'alice', timeout);
  return { browser, alice, bob };
}

const password = (name) => endpoints.demoUsers.find((u) => u.username === name).password;

export const connected = (page, timeout) =>
  page.locator('#connection-status', { hasText: 'Connected' }).waitFor({ timeout });

/** Signs a demo user in through the form and waits until the socket is open. */
export async function signIn(page, name, timeout) {
  await page.goto(endpoints.webUrl);
  await page.locator('#login-username').fill(name);
  await page.locator('#login-password').fill(password(name));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await connected(page, timeout);
}

/** Starts (or opens) the direct chat with `username` through New chat, and waits until it shows. */
export async function startDirectChat(page, username, timeout) {
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.locator('#new-usernames').fill(username);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('#chat-title', { hasText: username }).waitFor({ timeout });
}

export const bubble = (page, text) => page.locator('#message-list li', { hasText: text });

export const waitForStatus = (page, text, status, timeout) =>
  page.locator(`#message-list li[data-status="${status}"]`, { hasText: text }).waitFor({ timeout });

/** Types `text` into the open chat's composer and presses Enter. */
export async function send(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

/**
 * Records, in the page, every tick state the bubble holding `text` shows, however briefly and in
 * order: a later assertion sees the whole sequence (statusesOf), not only where it ended.
 */
export async function recordStatuses(page, text) {
  await page.evaluate((t) => {
    window.statusesOf ??= {};
    const seen = (window.statusesOf[t] = []);
    const look = () => {
      for (const li of document.querySelectorAll('#message-list li')) {
        if (li.textContent.includes(t) && li.dataset.status && seen.at(-1) !== li.dataset.status) seen.push(li.dataset.status);
      }
    };
    new MutationObserver(look).observe(document.getElementById('message-list'),
      { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
    look();
  }, text);
}

export const statusesOf = (page, text) => page.evaluate((t) => window.statusesOf[t], text);
