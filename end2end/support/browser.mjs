// Launches Debian's Chromium through playwright-core and opens pages that record console errors.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshotDir = path.resolve(here, '..', 'screenshots');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * A fresh page. Console errors and uncaught exceptions (a wasm panic logs there) are collected
 * in `errors`; HTTP answers of 400 and above in `httpErrors` as "STATUS METHOD PATH", since
 * Chromium's own "Failed to load resource" line says nothing of which request failed.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 }, timezoneId } = {}) {
  const context = await browser.newContext({ viewport, timezoneId });
  const page = await context.newPage();
  const errors = [];
  const httpErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource:')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      const url = new URL(response.url());
      httpErrors.push(`${response.status()} ${response.request().method()} ${url.pathname}${url.search}`);
    }
  });
  return { page, context, errors, httpErrors };
}

/**
 * Saves a screenshot of the whole page under end2end/screenshots/ for people to look at. The
 * page scrolls inside its main container, so the window is made as tall as that content first.
 */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    const scrollers = [...document.querySelectorAll('.pf-v6-c-page__main-container, .pf-v6-c-page__main')];
    const overflow = Math.max(0, ...scrollers.map((el) => el.scrollHeight - el.clientHeight));
    return document.documentElement.clientHeight + overflow;
  });
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) });
  // Finished transitions: the picture shows the state the test reached, not a fade towards it.
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
  if (viewport) await page.setViewportSize(viewport);
}

/** Waits until the app has mounted (the masthead is on screen). */
export async function appReady(page) {
  await page.getByRole('banner').getByText('Windows VMs').waitFor();
}
