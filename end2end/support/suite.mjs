// The hooks every browser test file shares: one seeded mock and one Chromium per file, a
// fresh page per test, and after each test the checks that no console error was logged and
// that no request failed unless the test asked the mock to fail it.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { launchBrowser, openPage } from './browser.mjs';
import { startMock } from './mock.mjs';

/**
 * `mockArgs` start the mock with more flags (`--guest-tools-install-ms 2000`); `page` options
 * go to every page (`{ timezoneId: 'Europe/Berlin' }`).
 */
export function useSuite({ mockArgs = [], page = {} } = {}) {
  const suite = { mock: null, browser: null, session: null, expected: [] };
  before(async () => {
    suite.mock = await startMock({ args: mockArgs });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.mock?.stop();
  });
  beforeEach(async () => {
    await suite.mock.reset();
    suite.expected = [];
    suite.session = await openPage(suite.browser, page);
  });
  afterEach(async () => {
    await suite.session.context.close();
    assert.deepEqual(suite.session.errors, [], 'the browser console logged errors');
    const unexpected = suite.session.httpErrors.filter((e) => !suite.expected.some((re) => re.test(e)));
    assert.deepEqual(unexpected, [], 'requests failed that no fault asked for');
  });

  /** Makes the mock fail matching requests, and lets the checks above expect those failures. */
  suite.fault = async (spec) => {
    await suite.mock.fault(spec);
    // A path ending in `$` is anchored at the end, as the mock matches it.
    const anchored = spec.path.endsWith('$');
    const path = anchored ? `${escapeRegExp(spec.path.slice(0, -1))}$` : escapeRegExp(spec.path);
    if (spec.status) suite.expectHttpError(new RegExp(`^${spec.status} .*${path}`));
  };
  /** Declares a failed request the test causes on purpose. */
  suite.expectHttpError = (pattern) => suite.expected.push(pattern);
  /** A fresh page, after a test closed its own (the user closed the browser). */
  suite.reopen = async () => { suite.session = await openPage(suite.browser, page); };
  return suite;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
