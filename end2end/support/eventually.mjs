// Waiting for something the API (or a page, or a process) will show, never for a fixed time.

/**
 * Checks `check` until it returns a truthy value, which it then resolves to. A check that
 * throws (an assertion) counts as not yet; if the time runs out the last such error is
 * reported, or `message`. Between checks it pauses `interval` ms, only so as not to flood the
 * mock: how long the test waits depends on when the condition holds.
 */
export async function eventually(check, { timeout = 10_000, interval = 100, message = 'condition not met in time' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const error = new Error(`${message} (within ${timeout} ms)`);
      if (lastError) error.cause = lastError;
      throw error;
    }
    await new Promise((resolve) => { setTimeout(resolve, Math.min(interval, Math.max(0, deadline - Date.now()))); });
  }
}

/**
 * Resolves with the first line a child process writes to stdout (after which it keeps
 * running), or rejects if it exits first or writes nothing within `timeout` ms.
 */
export function firstLine(child, { timeout = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (fn, value) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      fn(value);
    };
    const onData = (chunk) => {
      text += String(chunk);
      const end = text.indexOf('\n');
      if (end >= 0) done(resolve, text.slice(0, end));
    };
    const onExit = (code) => done(reject, new Error(`the process exited (${code}) before it wrote a line`));
    const timer = setTimeout(() => done(reject, new Error(`no line on stdout within ${timeout} ms`)), timeout);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}
