// End-to-end test of the VS Code extension (editors/vscode) in code-server, driven through the
// page in headless Chromium by playwright-core. Run by .ci/e2e-vscode.sh, which installs
// everything, starts code-server on 127.0.0.1 and sets:
//   E2E_URL      the workbench URL (…/?folder=<workspace>)
//   E2E_WS       the workspace folder (holds the draft)
//   E2E_DRAFT    the draft's file name in E2E_WS (English, with known faults)
//   E2E_UD       code-server's --user-data-dir (the extension's log is found there)
//   E2E_PROFILE  a fresh Chromium profile folder
//   E2E_SHOTS    where to write the screenshots
// Prints one line per check (PASS/FAIL/SKIP), then "N passed, N failed, N skipped"; exits 1 if a
// check failed, 2 on an unexpected error. Checks that need a server feature that the server does
// not advertise are skipped ("SKIP: <what> (server lacks <capability>)"); once advertised, a
// wrong result fails.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const URL_ = env('E2E_URL');
const WS = env('E2E_WS');
const DRAFT = env('E2E_DRAFT');
const UD = env('E2E_UD');
const PROFILE = env('E2E_PROFILE');
const SHOTS = env('E2E_SHOTS');
mkdirSync(SHOTS, { recursive: true });

const t0 = Date.now();
const counts = { pass: 0, fail: 0, skip: 0 };
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (s) => console.log(`${stamp()} ${s}`);
const pass = (what) => (counts.pass++, log(`PASS: ${what}`));
const fail = (what, detail) => (counts.fail++, log(`FAIL: ${what}${detail ? ` -- ${detail}` : ''}`));
const skip = (what, why) => (counts.skip++, log(`SKIP: ${what} (${why})`));
const check = async (ok, what, detail) => {
  if (ok) pass(what);
  else fail(what, typeof detail === 'function' ? await detail() : detail);
  return ok;
};

// Expected positions, from the draft's text (1-based lines; columns in UTF-16 code units + 1,
// as VS Code shows them).
const lines = readFileSync(join(WS, DRAFT), 'utf8').split('\n');
const lineOf = (re) => lines.findIndex((l) => re.test(l)) + 1;
const colOf = (line, text) => lines[line - 1].indexOf(text) + 1;
const GAP_LINE = lineOf(/^4\. /);
const UNDEF_LINE = lineOf(/\[\^2\]/);
const UNDEF_COL = colOf(UNDEF_LINE, '[^2]');
const IND_LINE = lineOf(/.\[\^1\]/);
const IND_COL = colOf(IND_LINE, '[^1]');
const BODY_LINE = lineOf(/^\[\^1\]:/);
const CITE_LINE = lineOf(/resolution 70\/1/);
const CITE_COL = colOf(CITE_LINE, '70/1');
const ORGAN_LINE = lineOf(/^The General Assembly,/);

/** The server's capabilities as the extension logged them ("server capabilities: {...}"). */
function findCapabilities() {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (e.endsWith('.log')) files.push(p);
    }
  };
  try {
    walk(join(UD, 'logs'));
  } catch {
    return undefined;
  }
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const i = text.lastIndexOf('server capabilities: ');
    if (i >= 0) {
      const line = text.slice(i + 'server capabilities: '.length).split('\n')[0];
      return { file: f, caps: JSON.parse(line) };
    }
  }
  return undefined;
}

/** How many times the extension logged the server's capabilities (once per server start). */
function countStarts() {
  const f = findCapabilities()?.file;
  return f ? readFileSync(f, 'utf8').split('server capabilities: ').length - 1 : 0;
}

async function waitFor(fn, ms = 20000, every = 200) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, every));
  }
}

const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let code = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const shot = async (name) => {
    await page.screenshot({ path: join(SHOTS, name) });
    log(`screenshot ${name}`);
  };
  const key = async (k) => {
    await page.keyboard.press(k);
    await page.waitForTimeout(150);
  };
  const text = async (sel) => (await page.locator(sel).first().innerText().catch(() => '')).trim();
  /** Moves the cursor with Go to Line (Ctrl+G), "line:column". */
  const goTo = async (line, col) => {
    await key('Control+g');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(`${line}:${col}`);
    await key('Enter');
    await waitFor(async () => (await text('#status\\.editor\\.selection')).startsWith(`Ln ${line}, Col ${col}`), 5000);
  };
  /** The text of a line of the editor, read from the DOM (visible lines only). */
  const lineText = (n) =>
    page.evaluate((n) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return null;
      const num = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
        (e) => e.textContent.trim() === String(n),
      );
      if (!num) return null;
      const top = num.closest('[style*="top"]')?.style.top;
      const line = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => e.style.top === top);
      return line ? line.textContent.replace(/\u00a0/g, ' ') : null;
    }, n);
  const hoverText = async () => {
    await key('Control+k');
    await key('Control+i');
    const h = await waitFor(async () => {
      const t = await page
        .locator('.monaco-hover:visible')
        .allInnerTexts()
        .catch(() => []);
      return t.join('\n').trim();
    }, 8000);
    return h || '';
  };

  await page.goto(URL_, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  log('workbench ready');

  // Open the draft from the explorer.
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: DRAFT });
  await row.first().waitFor({ timeout: 60000 });
  await row.first().dblclick();
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });

  // 1. Language mode.
  const mode = await waitFor(async () => {
    const t = await text('#status\\.editor\\.mode');
    return t === 'UN Resolution' ? t : '';
  }, 20000);
  await check(mode === 'UN Resolution', 'language mode of *.res.md is "UN Resolution" (resolution)', `status bar: ${await text('#status\\.editor\\.mode')}`);

  // 2. The server started and told the extension its capabilities.
  const found = await waitFor(async () => findCapabilities(), 20000);
  await check(!!found, 'the extension started resolution-ls and logged its capabilities', `no "server capabilities:" line in ${UD}/logs`);
  const caps = found?.caps ?? {};
  log(`INFO: capabilities: ${Object.keys(caps).join(', ')}`);

  // 3. Squiggles and the Problems panel.
  const squiggle = await waitFor(async () => (await page.locator('.monaco-editor .squiggly-error').count()) > 0, 30000);
  await check(squiggle, 'an error squiggle is drawn in the editor');
  await key('Control+Shift+m');
  const rowsText = async () =>
    page
      .locator('.markers-panel .monaco-list-row')
      .allInnerTexts()
      .catch(() => []);
  const rowOf = async (codeName) => {
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: codeName });
    return (await rows.count()) > 0 ? rows.first() : null;
  };
  const problems = await waitFor(async () => {
    const rows = await rowsText();
    const all = rows.join('\n');
    return all.includes('numbering-gap') && all.includes('footnote-undefined') ? rows : null;
  }, 30000);
  await check(!!problems, 'the Problems panel lists numbering-gap and footnote-undefined', async () => JSON.stringify(await rowsText()));
  if (problems) {
    const gapRow = problems.find((r) => r.includes('numbering-gap')) ?? '';
    const undefRow = problems.find((r) => r.includes('footnote-undefined')) ?? '';
    await check(gapRow.includes(`[Ln ${GAP_LINE}, Col 1]`), `numbering-gap is at Ln ${GAP_LINE}, Col 1`, JSON.stringify(gapRow));
    await check(
      undefRow.includes(`[Ln ${UNDEF_LINE}, Col ${UNDEF_COL}]`),
      `footnote-undefined is at Ln ${UNDEF_LINE}, Col ${UNDEF_COL}`,
      JSON.stringify(undefRow),
    );
    // settings.json sets "resolution-ls.rules": { "footnote-undefined": "warning" }.
    const sev = await waitFor(async () => {
      const r = await rowOf('footnote-undefined');
      return r && (await r.locator('.codicon-warning').count()) > 0;
    }, 15000);
    await check(sev, 'editor settings reach the server (footnote-undefined shown as a warning)', async () => {
      const r = await rowOf('footnote-undefined');
      return r ? await r.innerHTML() : 'no row';
    });
    const gapErr = await rowOf('numbering-gap');
    await check(gapErr && (await gapErr.locator('.codicon-error').count()) > 0, 'numbering-gap is shown as an error');
  }
  await shot('vscode-diagnostics.png');

  // 4. Hover on the squiggled [^2]: VS Code shows the diagnostic (and the server's hover, if any).
  await goTo(UNDEF_LINE, UNDEF_COL + 2);
  const h2 = await hoverText();
  await check(h2.includes('footnote-undefined') && h2.includes('[^2]'), 'hover on [^2] shows the footnote-undefined diagnostic', JSON.stringify(h2));
  await shot('vscode-hover.png');
  await key('Escape');

  // 5. Hover on [^1] and on the cited resolution 70/1.
  if (!caps.hoverProvider) {
    skip('hover on [^1] shows the footnote body', 'server lacks hoverProvider');
    skip('hover on the cited resolution 70/1 shows its title', 'server lacks hoverProvider');
  } else {
    await goTo(IND_LINE, IND_COL + 2);
    const h = await hoverText();
    await check(h.includes('A/CONF.157/24'), 'hover on [^1] shows the footnote body', JSON.stringify(h));
    await shot('vscode-hover-footnote.png');
    await key('Escape');
    await goTo(CITE_LINE, CITE_COL + 1);
    const hc = await hoverText();
    if (hc === '') {
      skip('hover on the cited resolution 70/1 shows its title', 'server gives no hover on citations yet');
    } else {
      await check(hc.includes('Transform') && hc.includes('2030'), 'hover on the cited resolution 70/1 shows its title', JSON.stringify(hc));
    }
    await key('Escape');
  }

  // 6. Go to definition (F12) on [^1] lands on its body.
  if (!caps.definitionProvider) {
    skip('go to definition on [^1] lands on its body', 'server lacks definitionProvider');
  } else {
    await goTo(IND_LINE, IND_COL + 2);
    await key('F12');
    const landed = await waitFor(async () => (await text('#status\\.editor\\.selection')).startsWith(`Ln ${BODY_LINE},`), 8000);
    await check(landed, `go to definition on [^1] lands on its body (Ln ${BODY_LINE})`, `status: ${await text('#status\\.editor\\.selection')}`);
  }

  // 7. Document symbols (Ctrl+Shift+O).
  if (!caps.documentSymbolProvider) {
    skip('document symbols list paragraphs and footnotes', 'server lacks documentSymbolProvider');
  } else {
    await key('Control+Shift+o');
    const items = await waitFor(async () => {
      const t = await page
        .locator('.quick-input-list .monaco-list-row')
        .allInnerTexts()
        .catch(() => []);
      return t.length > 0 ? t : null;
    }, 10000);
    const all = (items ?? []).join('\n');
    await check(all.includes('1. Welcomes') && all.includes('[^1]'), 'document symbols (Ctrl+Shift+O) list "1. Welcomes" and "[^1]"', JSON.stringify(items));
    await key('Escape');
  }

  // 8. Toggle comment writes <!-- -->; « closes with ».
  await goTo(ORGAN_LINE, 1);
  await key('Control+Slash');
  const commented = await waitFor(async () => ((await lineText(ORGAN_LINE)) ?? '').startsWith('<!--'), 5000);
  await check(commented && (await lineText(ORGAN_LINE)) === '<!-- The General Assembly, -->', 'toggle comment writes <!-- … -->', JSON.stringify(await lineText(ORGAN_LINE)));
  await key('Control+z');
  await goTo(ORGAN_LINE, 1);
  await key('Enter');
  await key('ArrowUp');
  await page.keyboard.type('«');
  const closed = await waitFor(async () => (await lineText(ORGAN_LINE)) === '«»', 3000);
  await check(closed, '« is closed with »', JSON.stringify(await lineText(ORGAN_LINE)));
  await key('Control+z');
  await key('Control+z');
  const restored = await waitFor(async () => (await lineText(ORGAN_LINE)) === 'The General Assembly,', 3000);
  await check(restored, 'undo restores the organ formula line', JSON.stringify(await lineText(ORGAN_LINE)));

  // 9. The edit that fixes the gap: a new paragraph 3 before 4 (first "3. " alone, to ask for
  // completion of the operative verb), then the numbering-gap problem goes away.
  await goTo(GAP_LINE, 1);
  await key('Enter');
  await key('Enter');
  await key('ArrowUp');
  await key('ArrowUp');
  await page.keyboard.type('3. ');
  await key('Escape');
  if (!caps.completionProvider) {
    skip('completion offers operative verbs at the start of a paragraph', 'server lacks completionProvider');
  } else {
    await key('Control+Space');
    const items = await waitFor(async () => {
      const t = await page
        .locator('.suggest-widget .monaco-list-row')
        .allInnerTexts()
        .catch(() => []);
      return t.length > 0 ? t : null;
    }, 10000);
    await shot('vscode-completion.png');
    await check((items ?? []).some((t) => t.replace(/[*_]/g, '').startsWith('Decides')), 'completion after "3. " offers Decides', JSON.stringify(items));
    await key('Escape');
  }
  await page.keyboard.type('*Decides* to continue its consideration of the question;');
  await key('Escape');
  const gone = await waitFor(async () => {
    const all = (await rowsText()).join('\n');
    return !all.includes('numbering-gap') && all.includes('footnote-undefined');
  }, 15000);
  await check(gone, 'after typing paragraph 3, numbering-gap leaves the Problems panel (footnote-undefined stays)', async () => JSON.stringify(await rowsText()));

  // 10. The commands: "Resolution: Show Server Log" shows the log; "Resolution: Restart Server"
  // starts a new server, which checks the draft again.
  const runCommand = async (title) => {
    await key('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
    await key('Enter');
  };
  await runCommand('Resolution: Show Server Log');
  const shown = await waitFor(async () => {
    const t = await page
      .locator('.part.panel .monaco-editor .view-lines')
      .allInnerTexts()
      .catch(() => []);
    // Monaco renders spaces as no-break spaces.
    return t.join('\n').replace(/\u00a0/g, ' ').includes('server capabilities:');
  }, 10000);
  await shot('vscode-server-log.png');
  await check(shown, 'command "Resolution: Show Server Log" shows the server log');
  const starts = countStarts();
  await runCommand('Resolution: Restart Server');
  const restarted = await waitFor(async () => countStarts() > starts, 20000);
  await check(restarted, 'command "Resolution: Restart Server" starts the server again', `starts logged: ${countStarts()}`);
  await key('Control+Shift+m');
  const again = await waitFor(async () => (await rowsText()).join('\n').includes('footnote-undefined'), 20000);
  await check(again, 'after the restart, the Problems panel lists footnote-undefined again', async () => JSON.stringify(await rowsText()));

  // 11. No error notification from the extension or the server (e.g. rejected settings).
  const toasts = await page
    .locator('.notifications-toasts .notification-list-item')
    .allInnerTexts()
    .catch(() => []);
  const bad = toasts.filter((t) => /resolution-ls/i.test(t));
  await check(bad.length === 0, 'no resolution-ls error notification', JSON.stringify(bad));

  // 12. A server path that does not exist, typed into the Settings editor: a clear message, whose
  // button opens the install steps.
  await runCommand('Preferences: Open Settings (UI)');
  await page.waitForSelector('.settings-editor', { timeout: 15000 });
  await page.waitForTimeout(500);
  await page.keyboard.type('resolution-ls.path');
  // The setting is machine-overridable: in code-server it lives in the "Remote" (machine) tab.
  await page.locator('.settings-editor .settings-tabs-widget .action-label', { hasText: 'Remote' }).first().click();
  const pathInput = page.locator('.settings-editor .setting-item-contents', { hasText: 'Path to the' }).locator('input').first();
  await pathInput.waitFor({ timeout: 15000 });
  await pathInput.click();
  await page.keyboard.type('/nonexistent/resolution-ls');
  await key('Tab');
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'resolution-ls.path' });
  const toastShown = await waitFor(async () => (await toast.count()) > 0, 20000);
  await check(toastShown, 'a missing server binary gets a clear error message', async () =>
    JSON.stringify(await page.locator('.notifications-toasts').allInnerTexts().catch(() => [])),
  );
  if (toastShown) {
    await shot('vscode-missing-server.png');
    await toast.first().getByRole('button', { name: 'Install Instructions' }).click();
    const preview = await waitFor(
      async () => (await page.locator('.tabs-container .tab', { hasText: 'README' }).count()) > 0,
      15000,
    );
    await check(preview, 'its "Install Instructions" button opens the extension README (offline)', async () =>
      JSON.stringify(await page.locator('.tabs-container .tab').allInnerTexts().catch(() => [])),
    );
  }
} catch (e) {
  console.error(e);
  code = 2;
  const page = context.pages()[0];
  if (page) await page.screenshot({ path: join(SHOTS, 'error.png') }).catch(() => {});
} finally {
  await context.close().catch(() => {});
}
console.log(`${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`);
process.exit(code || (counts.fail > 0 ? 1 : 0));
