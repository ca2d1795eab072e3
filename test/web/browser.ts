import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { freePort } from '../support/free-port';

/** Debian's Chromium (`.ci/run` installs it); no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = join(__dirname, '..', '..', 'web', 'dist', 'index.html');
export const SCREENSHOTS = join(__dirname, '..', '..', '.data', 'screenshots');

/** Starts Chromium headless, or fails saying what is missing (never skips). */
async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH`,
    );
  }
  if (!existsSync(WEB_DIST)) {
    throw new Error(`The web app is not built (${WEB_DIST} missing): run \`npm run web:build\``);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A system whose gateway listens where `PUBLIC_URL` says, so the links in emails and the dev
 * checkout's URL lead back to it, as in `npm start`.
 */
async function startBrowsableSystem(
  env: Record<string, string>,
): Promise<{ t: TestSystem; origin: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    try {
      const t = await startTestSystem({ ...env, PORT: String(port), PUBLIC_URL: origin });
      return { t, origin };
    } catch (error) {
      // The port was free when chosen; a connection the system opened while starting may have
      // been given it as its local port since. Another free port, twice at most.
      if (attempt === 3 || !String(error).includes('the port is in use')) throw error;
    }
  }
}

/** A browsable system and Chromium for one test file. */
export interface BrowserSuite {
  t: TestSystem;
  /** The gateway's origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** A page in a fresh browser context (no session, no cart) at `origin`. */
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * Starts the system and Chromium side by side (a test file's `beforeAll`); `env` adds to the
 * system's environment (e.g. a fake Stripe's).
 */
export async function startBrowserSuite(env: Record<string, string> = {}): Promise<BrowserSuite> {
  const [{ t, origin }, browser] = await Promise.all([startBrowsableSystem(env), launchBrowser()]);
  return {
    t,
    origin,
    newPage: async () => (await browser.newContext({ baseURL: origin })).newPage(),
    stop: async () => {
      await browser.close();
      await t.stop();
    },
  };
}

/**
 * Counts the GraphQL operations a page has answered over HTTP (subscriptions travel over the
 * socket). Queries go as persisted GETs: the gateway's first sight of a query answers
 * PERSISTED_QUERY_NOT_FOUND and the app sends it once more with the text; that registration is
 * not a round trip of the screen, so it is not counted.
 */
export function countGraphQLRequests(page: Page): {
  count(): Promise<number>;
  reset(): Promise<void>;
} {
  let count = 0;
  let reading: Array<Promise<void>> = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    reading.push(
      response.text().then(
        (body) => {
          if (!body.includes('PERSISTED_QUERY_NOT_FOUND')) count += 1;
        },
        // A body the page discarded (it navigated on) was still a round trip.
        () => {
          count += 1;
        },
      ),
    );
  });
  const settled = async () => {
    await Promise.all(reading);
    reading = [];
  };
  return {
    count: async () => {
      await settled();
      return count;
    },
    reset: async () => {
      await settled();
      count = 0;
    },
  };
}

/** axe-core's serious and critical violations on the page, as `rule: targets` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Saves a full-page screenshot under `.data/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in on the app's login page and waits until the header shows the person. */
export async function signInOnPage(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email or phone').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /^Sign out/ }).waitFor();
}
