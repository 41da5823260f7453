// The exception queue in a real browser: Debian's headless Chromium driven by
// Playwright (playwright-core, pinned in package.json) against the real
// `proofgate run` binary on a temporary spool and a free loopback port.
//
//   node queue_e2e.mjs PROOFGATE_BINARY ARTEFACT_DIR
//
// An editor opens the queue, sees a draft arrive without reloading, opens a
// failing draft, sees the finding at its line, approves it with a reason;
// the draft lands in ready/ with the decision in its proof record.
// Screenshots of the queue and of the proof page are saved in ARTEFACT_DIR.
// Bounded: after 150 s the test kills the daemon (and Chromium, which
// Playwright ends when this process exits) and fails; stopping the daemon
// at the end waits at most 10 s before killing it.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';

const [binary, artefacts] = process.argv.slice(2);
if (!binary || !artefacts) {
  console.error('usage: node queue_e2e.mjs PROOFGATE_BINARY ARTEFACT_DIR');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofgate-browser-'));
const spool = path.join(dir, 'spool');
fs.mkdirSync(artefacts, {recursive: true});
let daemon;
let browser;

// Whether `child` has neither exited nor been ended by a signal.
const running = (child) => child && child.exitCode === null && child.signalCode === null;

const deadline = setTimeout(() => {
  console.error('FAIL: the test did not finish within 150 s');
  // Never leave the daemon behind: it holds a port and the temporary spool.
  if (running(daemon)) daemon.kill('SIGKILL');
  fs.rmSync(dir, {recursive: true, force: true});
  process.exit(1);
}, 150_000);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitFor(what, predicate, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for ' + what);
}

function drop(rel, text) {
  const file = path.join(spool, 'inbox', rel);
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, text);
}

const front = (title) =>
    `---\ntitle: ${title}\ndescription: Why we started writing in public, ` +
    `what we plan to publish, and how to follow along.\nauthor: Ann Lee\n---\n\n`;
// Line 9 skips to H4: headings/skipped-level.
const failing = 'Intro paragraph.\n\n#### Too deep\n';

try {
  let log = '';
  daemon = spawn(binary, ['run', '--spool', spool, '--listen', '127.0.0.1:0'],
                 {stdio: ['ignore', 'ignore', 'pipe']});
  daemon.stderr.on('data', (d) => { log += d; });
  let url = '';
  await waitFor('the daemon to serve', () => {
    const m = /serving the exception queue on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
    if (m) url = m[1];
    return url !== '';
  });

  drop('guides/setup.md', front('How to set up the new build') + failing);
  const review = path.join(spool, 'review', 'guides', 'setup.md');
  await waitFor('the draft in review/', () => fs.existsSync(review + '.proof.json'));

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Chromium's sandbox needs user namespaces, which root in a container
    // does not get.
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({viewport: {width: 1200, height: 900}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(url);
  const rows = page.locator('#queue tbody tr');
  await rows.first().waitFor();
  check(await rows.count() === 1, 'one draft in the queue');
  check((await rows.first().innerText()).includes('guides/setup.md'), 'the row names the draft');
  check((await rows.first().innerText()).includes('headings/skipped-level'), 'the row names the rule');

  // A second draft arrives: the table refreshes without a reload.
  drop('news/later.md', front('A later draft that also fails') + failing);
  await page.waitForFunction(
      () => document.querySelectorAll('#queue tbody tr').length === 2, null,
      {timeout: 30_000});
  check((await rows.nth(1).innerText()).includes('news/later.md'), 'newer drafts come last');
  await page.screenshot({path: path.join(artefacts, 'queue.png'), fullPage: true});

  // The proof page: the finding under line 9.
  await page.click('a:has-text("guides/setup.md")');
  await page.locator('#L9').waitFor();
  check(await page.locator('#L9.hit').count() === 1, 'line 9 is marked');
  const finding = page.locator('#L9 + .finding');
  check((await finding.innerText()).includes('headings/skipped-level'),
        'the finding sits under its line');
  // Every check is listed with its status, the passed ones too.
  const checks = page.locator('ul.checks li');
  const metadata = checks.filter({has: page.locator('strong', {hasText: /^metadata$/})});
  check(await metadata.count() === 1, 'the metadata check is listed');
  check((await metadata.locator('.status').innerText()).trim() === 'passed',
        'the metadata check is listed as passed');
  check(await checks.locator('.status.passed').count() >= 1, 'passed checks are listed');
  const headings = checks.filter({has: page.locator('strong', {hasText: /^headings$/})});
  check((await headings.locator('.status').innerText()).trim() === 'failed',
        'the headings check is listed as failed');
  await page.screenshot({path: path.join(artefacts, 'proof.png'), fullPage: true});

  // Approve with a reason.
  await page.fill('textarea[name=reason]', 'The H4 mirrors the product manual');
  await page.fill('input[name=editor]', 'Dana Editor');
  await Promise.all([
    page.waitForURL((u) => u.search.includes('decided=') ||
                           u.pathname.endsWith('/decision')),
    page.click('button[value=approve]'),
  ]);
  check(/\?decided=/.test(page.url()),
        'the decision redirects to the queue; got ' + page.url() + ': ' +
            (await page.innerText('body')).slice(0, 500));
  check((await page.innerText('#notice')).includes(
            'guides/setup.md approved by Dana Editor; moved to ready/'),
        'the queue says where the draft went');
  check(await rows.count() === 1, 'one draft left in the queue');

  const ready = path.join(spool, 'ready', 'guides', 'setup.md');
  check(fs.existsSync(ready), 'the draft is in ready/');
  check(!fs.existsSync(review), 'the draft left review/');
  const record = JSON.parse(fs.readFileSync(ready + '.proof.json', 'utf8'));
  check(record.decision && record.decision.decision === 'approve', 'approve recorded');
  check(record.decision.reason === 'The H4 mirrors the product manual', 'reason recorded');
  check(record.decision.editor === 'Dana Editor', 'editor recorded');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  console.log('PASS: queue, proof page and approval in Chromium; screenshots in ' +
              artefacts);
} catch (e) {
  console.error('FAIL: ' + (e && e.stack ? e.stack : e));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (running(daemon)) {
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    const stopped = await Promise.race(
        [exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) {
      console.error('FAIL: the daemon did not stop within 10 s of SIGTERM; killed');
      daemon.kill('SIGKILL');
      await exited;
      process.exitCode = 1;
    }
  }
  fs.rmSync(dir, {recursive: true, force: true});
  clearTimeout(deadline);
}
