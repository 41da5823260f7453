// The exception queue in a real browser: Debian's headless Chromium driven by
// Playwright (playwright-core, pinned in package.json) against the real
// `proofgate run` binary on a temporary spool and a free loopback port.
//
//   node queue_e2e.mjs PROOFGATE_BINARY ARTEFACT_DIR
//
// An editor opens the queue (full width, coloured verdicts, findings by
// severity, dropdown filters), sees a draft arrive without reloading, opens
// a failing draft: the summary comes first and links to the finding, whose
// exact range is highlighted in its line; the rendered view replaces the
// source at a click; the decision form follows the draft. The editor
// approves with a reason; the draft lands in ready/ with the decision in
// its proof record, its page stays (read-only, headed by the decision),
// and the recent decisions page lists it. The week's exception review
// (/report) counts the submissions and the approval against the rule.
// Screenshots (queue, proof, rendered, decided, decisions, report .png) are saved
// in ARTEFACT_DIR.
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
  const page = await browser.newPage({viewport: {width: 1400, height: 900}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(url);
  const rows = page.locator('#queue tbody tr');
  await rows.first().waitFor();
  check(await rows.count() === 1, 'one draft in the queue');
  check((await rows.first().innerText()).includes('guides/setup.md'), 'the row names the draft');
  check((await rows.first().innerText()).includes('headings/skipped-level'), 'the row names the rule');
  const id = await rows.first().getAttribute('data-id');
  // Full width, the verdict coloured, findings counted by severity, rule
  // ids whole, filters offering what the queue holds.
  const table = await page.locator('#queue').boundingBox();
  check(table.width > 1300, 'the table uses the window\'s width: ' + table.width);
  const badge = rows.first().locator('.verdict.fail');
  check((await badge.innerText()).trim() === 'fail', 'the verdict is a coloured badge');
  check(await badge.evaluate((e) => getComputedStyle(e).backgroundColor) !== 'rgba(0, 0, 0, 0)',
        'the verdict badge has a colour');
  check((await rows.first().locator('td.findings').innerText()).includes('1 error'),
        'findings are counted by severity');
  const rule = rows.first().locator('code.rule', {hasText: 'headings/skipped-level'});
  const ruleBox = await rule.boundingBox();
  check(ruleBox.height < 30, 'the rule id is on one line: ' + ruleBox.height);
  check(await page.locator('select[name=rule] option[value="headings/skipped-level"]').count() === 1,
        'the rule filter offers the queue\'s rules');
  check(await page.locator('select[name=folder] option[value="guides"]').count() === 1,
        'the folder filter offers the queue\'s folders');
  check(await page.locator('select[name=verdict] option[value="review"]').innerText() === 'needs judgment',
        'review is "needs judgment" on the page');

  // A second draft arrives: the table refreshes without a reload.
  drop('news/later.md', front('A later draft that also fails') + failing);
  await page.waitForFunction(
      () => document.querySelectorAll('#queue tbody tr').length === 2, null,
      {timeout: 30_000});
  check((await rows.nth(1).innerText()).includes('news/later.md'), 'newer drafts come last');
  await page.screenshot({path: path.join(artefacts, 'queue.png'), fullPage: true});

  // The proof page: the summary first, linking to the finding.
  await page.click('a:has-text("guides/setup.md")');
  await page.locator('#summary').waitFor();
  const summaryBox = await page.locator('#summary').boundingBox();
  const draftBox = await page.locator('#draft').boundingBox();
  check(summaryBox.y < draftBox.y, 'the summary comes before the draft');
  check(summaryBox.y < 200, 'the summary is on the first screen');
  check((await page.innerText('#verdict')).trim() === 'fail', 'the summary names the verdict');
  const why = page.locator('#summary ol.why li');
  check(await why.count() === 1, 'one reason why the draft is here');
  check((await why.first().innerText()).includes('headings/skipped-level'), 'the reason names the rule');
  await why.first().locator('a').click();
  const anchor = new URL(page.url()).hash;
  check(/^#F\d+$/.test(anchor), 'the reason links to its finding: ' + page.url());
  // The finding under line 9, its exact range highlighted in the line.
  check(await page.locator('#L9.hit').count() === 1, 'line 9 is marked');
  const mark = page.locator('#L9 mark.hl');
  check(await mark.count() === 1, 'the finding\'s range is highlighted');
  check((await mark.innerText()).includes('Too deep'), 'the highlight covers the heading');
  const finding = page.locator('#L9 + .finding');
  check('#' + (await finding.getAttribute('id')) === anchor, 'the link leads to the finding');
  const findingText = await finding.innerText();
  check(findingText.includes('headings/skipped-level'), 'the finding sits under its line');
  check(findingText.includes('fails the draft'), 'its effect in plain words');
  check(!findingText.includes('Evidence'), 'the line is not repeated as evidence');
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
  // The decision form follows the draft.
  const formBox = await page.locator('form.decide').boundingBox();
  const sourceBox = await page.locator('#source').boundingBox();
  check(formBox.y > sourceBox.y + sourceBox.height, 'the decision form comes after the draft');
  await page.screenshot({path: path.join(artefacts, 'proof.png'), fullPage: true});

  // The rendered view, at a click, instead of the source.
  check(!(await page.locator('#rendered').isVisible()), 'the source view shows first');
  await page.click('label[for=view-rendered]');
  await page.locator('#rendered h4').waitFor({state: 'visible'});
  check((await page.innerText('#rendered h4')).includes('Too deep'), 'the heading is rendered');
  check(!(await page.locator('#source').isVisible()), 'the source is hidden meanwhile');
  check(await page.locator('#rendered script').count() === 0, 'nothing runs in the rendered view');
  await page.screenshot({path: path.join(artefacts, 'rendered.png'), fullPage: true});
  await page.click('label[for=view-source]');
  await page.locator('#source').waitFor({state: 'visible'});

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
  const notice = await page.innerText('#notice');
  check(notice.includes('guides/setup.md approved by Dana Editor, ') &&
            notice.includes('moved to ready/'),
        'the queue says where the draft went: ' + notice);
  check(await rows.count() === 1, 'one draft left in the queue');

  const ready = path.join(spool, 'ready', 'guides', 'setup.md');
  check(fs.existsSync(ready), 'the draft is in ready/');
  check(!fs.existsSync(review), 'the draft left review/');
  const record = JSON.parse(fs.readFileSync(ready + '.proof.json', 'utf8'));
  check(record.decision && record.decision.decision === 'approve', 'approve recorded');
  check(record.decision.reason === 'The H4 mirrors the product manual', 'reason recorded');
  check(record.decision.editor === 'Dana Editor', 'editor recorded');
  check(record.area === 'ready' && record.verdict === 'fail',
        'the record says where the draft is and keeps its verdict');

  // The decided draft keeps its page: read-only, headed by the decision.
  await page.goto(url + 'drafts/' + encodeURIComponent(id));
  await page.locator('#decided').waitFor();
  const decided = await page.innerText('#decided');
  check(decided.includes('approved by Dana Editor') && decided.includes('moved to ready/'),
        'the decision heads the page: ' + decided);
  check((await page.locator('#decided').boundingBox()).y <
            (await page.locator('#verdict').boundingBox()).y,
        'the decision comes before the verdict');
  check(await page.locator('form.decide').count() === 0, 'no decision form once decided');
  check((await page.innerText('#state')).includes('In ready/'), 'the page says where it is');
  await page.screenshot({path: path.join(artefacts, 'decided.png'), fullPage: true});

  // The recent decisions page links to it.
  await page.click('nav a:has-text("Recent decisions")');
  const decisionRow = page.locator('#decisions tbody tr');
  await decisionRow.first().waitFor();
  check((await decisionRow.first().innerText()).includes('guides/setup.md'),
        'the recent decisions list the draft');
  check((await decisionRow.first().innerText()).includes('approved by Dana Editor'),
        'with the decision');
  await page.screenshot({path: path.join(artefacts, 'decisions.png'), fullPage: true});

  // The exception review of the week, one click from every page: two
  // failing submissions, none through on the first pass, and the approval
  // counted against the rule that sent the draft to review.
  await page.click('nav a:has-text("Report")');
  await page.locator('h2:has-text("Volume")').waitFor();
  check(new URL(page.url()).search === '?since=7d', 'the report covers the last 7 days');
  const volume = await page.innerText('h2:has-text("Volume") + p');
  check(volume.includes('2 submissions of 2 drafts') && volume.includes('first-pass yield 0 %'),
        'the volume and first-pass yield: ' + volume);
  const bars = page.locator('svg[aria-label="submissions per day"] rect');
  check(await bars.count() >= 3, 'the volume is drawn as inline SVG bars');
  const titles = await page.locator('svg[aria-label="submissions per day"] rect title').allTextContents();
  const failed = titles.map((t) => /: (\d+) fail$/.exec(t)).filter(Boolean)
                     .reduce((n, m) => n + Number(m[1]), 0);
  check(failed === 2, 'the bars count both failures: ' + titles.join('; '));
  const health = page.locator('h2:has-text("Rule health") + table tr',
                              {hasText: 'headings/skipped-level'});
  check(await health.count() === 1, 'rule health lists the rule');
  const cells = await health.locator('td').allInnerTexts();
  check(cells.slice(1, 7).join('|') === '2|2|1|1|0|100 %',
        'findings, drafts flagged, decisions, approvals, returns, override rate: ' +
            cells.join('|'));
  check(await page.locator('script').count() === 0, 'the report needs no script');
  await page.screenshot({path: path.join(artefacts, 'report.png'), fullPage: true});
  // Each failure links to its proof page.
  await page.locator('h2:has-text("Failures by rule") + table a').first().click();
  await page.locator('#verdict').waitFor();
  check((await page.innerText('#verdict')).trim() === 'fail', 'the failure links to its proof page');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  console.log('PASS: queue, proof page (summary, highlight, rendered view), approval, ' +
              'decided page, recent decisions and the report in Chromium; screenshots in ' +
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
