/*
 * What the repository's test scripts share: polling until a check holds, and the way
 * Debian's Chromium is launched on these machines (never a downloaded browser).
 */

/** Polls `check` every second until it returns a truthy value or `timeoutMs` passes. */
async function waitFor(what, check, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      // A process that died will not come back: stop waiting at once.
      if (/exited/.test(error.message)) throw error;
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `timed out waiting for ${what}${last ? `: ${last.message}` : ''}`,
  );
}

const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

module.exports = { waitFor, chromiumLaunchOptions };
