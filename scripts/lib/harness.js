/*
 * What the repository's test scripts share: polling until a check holds, refusing a
 * port another process holds, and the way Debian's Chromium is launched on these
 * machines (never a downloaded browser).
 */
const fs = require('node:fs');
const net = require('node:net');

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

/** Whether another process listens on `port` (so a check there would reach it). */
function portTaken(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

/**
 * Throws when `port` is taken: a server left from an earlier run would answer the
 * checks in place of the one the script starts. `override` names the variable that
 * moves the script to another port.
 */
async function assertPortFree(port, override) {
  if (await portTaken(port)) {
    throw new Error(
      `port ${port} is taken: stop what runs there (ss -ltnp | grep :${port})${
        override ? ` or set ${override}` : ''
      }; refusing to run`,
    );
  }
}

/** Debian's headless shell of Chromium when installed (lighter), else its Chromium. */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const chromiumLaunchOptions = {
  executablePath:
    process.env.CHROMIUM_PATH ??
    (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium'),
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

module.exports = { waitFor, portTaken, assertPortFree, chromiumLaunchOptions };
