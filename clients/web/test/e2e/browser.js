// What both end-to-end files share: the running local-env's endpoints (PARLEY_ENDPOINTS, set by
// ./parley test and ./parley test-web), Debian's Chromium, a desktop and a phone context, sign-in,
// and where screenshots go.

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
