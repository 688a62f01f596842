// The operator console in a real headless Chromium (Debian's chromium, driven by playwright-core), against the live
// local stack: the test ConsoleIT runs this file with `node --test` and the stack's addresses and secrets in the
// environment. Google is the stack's emulator; its truth decides what the console must show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (ConsoleIT sets it)`);
  return value;
};
const INGRESS = env('CONSOLE_TEST_INGRESS');            // ingress-api's first pod
const INGRESS_2 = env('CONSOLE_TEST_INGRESS_2');        // its second pod
const EMULATOR = env('CONSOLE_TEST_EMULATOR');
const ADMIN_KEY = env('CONSOLE_TEST_ADMIN_KEY');
const SECRETS = env('CONSOLE_TEST_SECRETS').split('\n').filter(s => s.length >= 8);
const SCREENSHOTS = env('CONSOLE_TEST_SCREENSHOTS');
const CLIENT = env('CONSOLE_TEST_CLIENT');              // a managed client connected to the emulator's demo user
const JOB_TIMEOUT_MS = 6 * 60_000;

let browser, context, page;
const seen = [];   // every response body the browser received: no secret may be in any of them

async function until(what, probe, timeoutMs = 60_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise(resolve => setTimeout(resolve, everyMs)); // the polling interval of the check, not a wait for a state
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function json(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { 'Content-Type': 'application/json', ...(options.headers || {}) } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${options.method || 'GET'} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function submitJob(body = {}) {
  const { access_token: token } = await json(`${EMULATOR}/emulator/tokens`, { method: 'POST', body: '{}' });
  SECRETS.push(token);
  const accepted = await json(`${INGRESS}/api/v1/review-fetch`, { method: 'POST', body: JSON.stringify(body), headers: { Authorization: `Bearer ${token}` } });
  return accepted.job_id;
}

async function fetchableTruth() {
  const truth = await json(`${EMULATOR}/emulator/truth`);
  const verified = truth.locations.filter(l => l.verified);
  return { reviews: verified.reduce((n, l) => n + l.reviews.length, 0), locations: verified };
}

const jobRow = jobId => page.locator(`#jobs-table tr[data-job-id="${jobId}"]`);
const cells = async jobId => (await jobRow(jobId).locator('td').allTextContents()).map(s => s.trim());

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('response', async response => {
    try { seen.push({ url: response.url(), body: await response.text() }); } catch { /* a redirect has no body */ }
  });
  await json(`${EMULATOR}/emulator/reset`, { method: 'POST', body: '{}' });
});

after(async () => {
  await browser?.close();
});

test('a wrong key is refused, and no session is given', async () => {
  await page.goto(`${INGRESS}/console/`);
  await page.getByLabel('Admin key').fill('not-the-admin-key-at-all');
  const [answer] = await Promise.all([page.waitForResponse(r => r.url().endsWith('/console/login')), page.getByRole('button', { name: 'Log in' }).click()]);
  assert.equal(answer.status(), 401);
  await page.getByRole('alert').filter({ hasText: 'not the admin key' }).waitFor();
  assert.equal((await context.cookies()).length, 0, 'no cookie for a wrong key');
  await page.screenshot({ path: `${SCREENSHOTS}/console-login.png` });
});

test('the admin key logs in with an HTTP-only, SameSite=Strict session cookie', async () => {
  await page.getByLabel('Admin key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Jobs' }).waitFor();
  const [cookie] = await context.cookies();
  assert.equal(cookie.name, 'rf_console');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.ok(!cookie.value.includes(ADMIN_KEY));
  assert.equal(await page.evaluate(() => document.cookie), '', 'page scripts cannot read the session');
  await page.evaluate(() => { window.consoleNotReloaded = true; });
});

test("a running job's counts rise without a reload and reach completed with the truth's totals; the quota gauge moves", async () => {
  const truth = await fetchableTruth();
  // Google's real latency, so the job runs long enough to be watched.
  await json(`${EMULATOR}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ latency: { fixedMs: 150, randomMs: 150 } }) });
  // The gauge's readings while the job runs: it must move (calls enter and leave its 60 s window).
  const gauge = [];
  const sampler = setInterval(() => page.locator('#quota-meter').getAttribute('value', { timeout: 1000 })
    .then(value => gauge.push(Number(value)), () => {}), 500);
  const jobId = await submitJob();
  await jobRow(jobId).waitFor({ timeout: 30_000 });

  const locationsDone = async () => Number((await cells(jobId))[5].split('/')[0]);
  const first = await until('the job to report its first locations done', async () => (await locationsDone()) > 0 ? locationsDone() : null);
  await until('locations done to rise', async () => (await locationsDone()) > first);
  await page.screenshot({ path: `${SCREENSHOTS}/console-running-job.png`, fullPage: true });

  await until('the job to complete', async () => (await cells(jobId))[2] === 'completed', JOB_TIMEOUT_MS, 500);
  clearInterval(sampler);
  assert.ok(new Set(gauge).size > 1 && Math.max(...gauge) > 0, `the quota gauge did not move: ${gauge.join(', ')}`);
  await json(`${EMULATOR}/emulator/faults`, { method: 'DELETE' });
  const row = await cells(jobId);
  const [done, listed] = row[5].split('/').map(s => Number(s.trim()));
  assert.equal(done, listed, 'every listed location done');
  assert.ok(listed >= truth.locations.length, `${listed} locations listed, the truth has ${truth.locations.length} verified`);
  // The workers' own count of their Google calls shows the job's calls too.
  await until('the review-worker pods to show their Google calls', async () => {
    const counts = await page.locator('#workers-table tr[data-worker="review-worker"] td:nth-child(4)').allTextContents();
    return counts.reduce((sum, text) => sum + (parseInt(text, 10) || 0), 0) > 0;
  }, 30_000);
  await jobRow(jobId).getByRole('button').click();
  await page.getByText(`${truth.reviews} reviews delivered`).waitFor();
  assert.equal(await page.evaluate(() => window.consoleNotReloaded), true, 'the page was never reloaded');
  await page.screenshot({ path: `${SCREENSHOTS}/console-completed-job.png`, fullPage: true });
});

test('jobs are filtered by status', async () => {
  const statuses = () => page.locator('#jobs-table tbody tr[data-job-id] td:nth-child(3)').allTextContents();
  await page.getByLabel('Status').selectOption('failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  // Other tests of the run may have left failed jobs: only those may be listed.
  await until('only failed jobs listed', async () => (await page.getByText('No jobs match.').count()) > 0
    || ((await statuses()).length > 0 && (await statuses()).every(s => s === 'failed')));
  await page.getByLabel('Status').selectOption('completed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await until('completed jobs listed', async () => {
    const listed = await statuses();
    return listed.length > 0 && listed.every(s => s === 'completed');
  });
  await page.getByLabel('Status').selectOption('');
  await page.getByRole('button', { name: 'Filter' }).click();
});

test('a worker is paused and resumed, on either ingress-api pod', async () => {
  const row = page.locator('#workers-table tr[data-worker="review-worker"]').first();
  await row.waitFor();
  const url = (await row.locator('td').nth(1).textContent()).trim();
  const intake = async () => (await json(`${url}/admin/intake`, { headers: { 'X-API-Key': ADMIN_KEY } })).paused;
  await row.getByRole('button', { name: /^Pause intake/ }).click();
  await until('the pod to say paused', intake);
  await page.locator('#workers-table tr[data-worker="review-worker"]').first().getByText('paused').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/console-worker-paused.png`, fullPage: true });

  // The same session works on the second pod: the cookie is signed with the admin key both pods hold.
  const second = await context.newPage();
  await second.goto(`${INGRESS_2}/console/#workers`);
  const secondRow = second.locator('#workers-table tr[data-worker="review-worker"]').first();
  await secondRow.getByRole('button', { name: /^Resume intake/ }).click();
  await until('the pod to say running', async () => !(await intake()));
  await secondRow.getByText('running').waitFor();
  await second.close();
  await page.locator('#workers-table tr[data-worker="review-worker"]').filter({ hasText: url }).getByText('running').waitFor();
});

test('a dead letter is replayed from the console and its job then completes', async () => {
  const { locations } = await fetchableTruth();
  const broken = locations.find(l => l.reviews.length > 0);
  const locationId = broken.name.split('/').pop();
  await json(`${EMULATOR}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ notFoundLocations: [locationId] }) });
  const jobId = await submitJob({ location_ids: [locationId] });
  await until('the job to end with errors', async () => (await cells(jobId).catch(() => []))[2] === 'completed_with_errors', JOB_TIMEOUT_MS, 500);

  const cause = page.locator('#dead-letters-table tbody tr').filter({ hasText: 'fetch-reviews' }).filter({ hasText: '404 NOT_FOUND' });
  // Other tests may have left (and replayed) letters of the same cause: wait for this job's, awaiting its replay.
  await until('the job\'s letter listed, awaiting a replay', async () => Number(await cause.getAttribute('data-awaiting', { timeout: 1000 }).catch(() => '0')) > 0, 60_000);
  await json(`${EMULATOR}/emulator/reset`, { method: 'POST', body: '{}' });   // Google heals
  await cause.getByRole('checkbox').check();
  await page.screenshot({ path: `${SCREENSHOTS}/console-dead-letters.png`, fullPage: true });
  await page.getByRole('button', { name: 'Replay selected' }).click();
  await page.getByRole('status').filter({ hasText: /Replayed [1-9]\d* dead letters/ }).waitFor();
  await until('the replayed job to complete', async () => (await cells(jobId))[2] === 'completed', JOB_TIMEOUT_MS, 500);
  await until('the cause to have no letter awaiting a replay', async () => (await cause.getAttribute('data-awaiting')) === '0');
});

test("a client's review notifications are turned on and off, each account's state shown", async () => {
  await page.goto(`${INGRESS}/console/#notifications`);
  await page.getByLabel('Notifications client id').fill(CLIENT);
  await page.getByRole('button', { name: 'Show' }).click();
  const accounts = (await json(`${EMULATOR}/emulator/truth?reviews=false`)).accounts.length;
  const states = async () => page.locator('#notifications-table tr[data-account] .notification').allTextContents();
  const all = state => async () => { const shown = await states(); return shown.length === accounts && shown.every(s => s.trim() === state); };

  await page.locator('#notifications-on').click();
  await page.getByText(/Turning notifications on for .*: job .* queued/).waitFor();
  await until('every account on', all('on'), JOB_TIMEOUT_MS, 500);
  await page.screenshot({ path: `${SCREENSHOTS}/console-notifications.png`, fullPage: true });

  // Off again, so that no other test's change at the emulator pushes anything.
  await page.locator('#notifications-off').click();
  await until('every account off', all('off'), JOB_TIMEOUT_MS, 500);
});

test('works at 1280 px and on a narrow window, every control labelled and reachable by keyboard', async () => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 860 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a ${width} px window`);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/console-narrow.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('button, input, select, a[href]')]
    .filter(el => {
      const labelled = el.getAttribute('aria-label') || el.textContent.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`));
      return !labelled;
    }).map(el => el.outerHTML));
  assert.deepEqual(unlabelled, []);

  const reached = new Set();
  await page.locator('body').focus();
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.id || document.activeElement?.textContent?.trim()));
  }
  for (const control of ['filter-status', 'filter-client', 'Filter', 'replay-selected']) {
    assert.ok(reached.has(control), `${control} is not reachable with Tab (reached: ${[...reached].join(', ')})`);
  }
  assert.ok([...reached].some(name => /^Pause intake of /.test(name ?? '')), 'a worker button is reachable with Tab');
});

test('no secret in any page, script or response the browser received', async () => {
  seen.push({ url: page.url(), body: await page.content() });
  assert.ok(seen.length > 20, `only ${seen.length} responses captured`);
  for (const { url, body } of seen) {
    for (const secret of SECRETS) {
      assert.ok(!body.includes(secret), `a secret (${secret.length} characters) is in the response of ${url}`);
    }
  }
});
