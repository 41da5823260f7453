// Escalation in a real browser: Debian's headless Chromium driven by
// Playwright (playwright-core, pinned in package.json) against the real
// `proofgate run` binary on a temporary spool, a rulebook with an
// `escalate` rule and an owner, and a free loopback port.
//
//   node escalation_e2e.mjs PROOFGATE_BINARY ARTEFACT_DIR
//
// A draft that is clean apart from mentioning a lawsuit lands in review/
// (never ready/); the queue shows its reviewer and the rulebook's owner;
// the filter ?reviewer=legal keeps it and drops a draft escalated to
// security, and so does `proofgate queue --reviewer legal`; its proof page
// names the reviewer. Screenshots:
// ARTEFACT_DIR/escalation-queue.png and escalation-proof.png.
// Bounded like queue_e2e.mjs: after 150 s the daemon is killed and the test
// fails.
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';

const [binary, artefacts] = process.argv.slice(2);
if (!binary || !artefacts) {
  console.error('usage: node escalation_e2e.mjs PROOFGATE_BINARY ARTEFACT_DIR');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proofgate-escalation-'));
const spool = path.join(dir, 'spool');
const rules = path.join(dir, 'rules.yaml');
fs.mkdirSync(artefacts, {recursive: true});
let daemon;
let browser;

const running = (child) => child && child.exitCode === null && child.signalCode === null;

const deadline = setTimeout(() => {
  console.error('FAIL: the test did not finish within 150 s');
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

fs.writeFileSync(rules, `name: finance
version: "3"
owner: {name: Compliance desk, contact: compliance@example.com}
checks:
  escalate:
    rules:
      - id: legal
        when: {terms: [lawsuit, class action, settlement], ignore_case: true}
        reviewer: legal
      - id: security
        when: {patterns: ['\\bCVE-\\d{4}-\\d{4,}\\b']}
        reviewer: security
`);

try {
  let log = '';
  daemon = spawn(binary, ['run', '--spool', spool, '--rules', rules,
                          '--listen', '127.0.0.1:0'],
                 {stdio: ['ignore', 'ignore', 'pipe']});
  daemon.stderr.on('data', (d) => { log += d; });
  let url = '';
  await waitFor('the daemon to serve', () => {
    const m = /serving the exception queue on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
    if (m) url = m[1];
    return url !== '';
  });

  drop('news/ruling.md', '---\ntitle: Our statement\nauthor: Ann Lee\n---\n\n' +
       'We have settled the lawsuit with Acme.\n');
  drop('news/patch.md', '---\ntitle: Patch notes\n---\n\nThis fixes CVE-2026-12345.\n');
  const review = path.join(spool, 'review', 'news');
  await waitFor('both drafts in review/', () =>
      fs.existsSync(path.join(review, 'ruling.md.proof.json')) &&
      fs.existsSync(path.join(review, 'patch.md.proof.json')));
  check(!fs.existsSync(path.join(spool, 'ready', 'news', 'ruling.md')),
        'the escalated draft is not in ready/');
  const record = JSON.parse(
      fs.readFileSync(path.join(review, 'ruling.md.proof.json'), 'utf8'));
  check(JSON.stringify(record.reviewers) === '["legal"]', 'the record names legal');
  check(record.rulebook.owner.name === 'Compliance desk', 'the record names the owner');

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({viewport: {width: 1200, height: 700}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(url + '?reviewer=legal');
  const rows = page.locator('#queue tbody tr');
  await rows.first().waitFor();
  check(await rows.count() === 1, 'the legal filter keeps one draft');
  const row = await rows.first().innerText();
  check(row.includes('news/ruling.md'), 'the row names the draft');
  check(row.includes('escalate/legal'), 'the row names the rule');
  check((await rows.first().locator('td.reviewer').innerText()).trim() === 'legal',
        'the reviewer column says legal');
  check(row.includes('Compliance desk'), 'the owner column names the owner');
  check(await page.inputValue('select[name=reviewer]') === 'legal',
        'the filter form shows the reviewer');
  // The table refreshes from the same page with the same filter.
  await page.waitForResponse(
      (r) => r.url().endsWith('/?reviewer=legal'), {timeout: 10_000});
  check(await rows.count() === 1, 'the refreshed table keeps the filter');
  await page.screenshot({path: path.join(artefacts, 'escalation-queue.png'),
                         fullPage: true});

  await page.goto(url);
  await page.waitForFunction(
      () => document.querySelectorAll('#queue tbody tr').length === 2, null,
      {timeout: 30_000});

  const api = await (await page.request.get(url + 'api/queue?reviewer=security')).json();
  check(api.items.length === 1 && api.items[0].reviewer === 'security',
        '/api/queue?reviewer=security lists the CVE draft with its reviewer');

  // The terminal client filters the same way.
  const listed = execFileSync(binary, ['queue', '--url', url, '--reviewer', 'legal'],
                              {encoding: 'utf8'});
  check(listed.includes('1 draft in the exception queue') &&
            listed.includes('news/ruling.md') && listed.includes('reviewer: legal') &&
            !listed.includes('news/patch.md'),
        'proofgate queue --reviewer legal lists the legal draft only: ' + listed);

  await page.goto(url + '?reviewer=legal');
  await page.click('a:has-text("news/ruling.md")');
  await page.locator('#reviewers').waitFor();
  check((await page.innerText('#reviewers')).includes('legal'),
        'the proof page says who must review');
  check((await page.innerText('body')).includes('Compliance desk (compliance@example.com)'),
        'the proof page names the owner');
  await page.screenshot({path: path.join(artefacts, 'escalation-proof.png'),
                         fullPage: true});
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  console.log('PASS: escalated draft in review with its reviewer on the queue ' +
              'page; screenshots in ' + artefacts);
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
