import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadRenderLogic, type RenderLogic } from './loadRenderLogic';

let logic: RenderLogic;
before(async () => {
  logic = await loadRenderLogic();
});

test('unfinished syntax on the streaming line is closed for display', () => {
  const cases: [string, string][] = [
    ['see [the docs](https://docs.aws.am', 'see the docs'],
    ['an image ![diagram](https://x', 'an image '],
    ['run `npm inst', 'run `npm inst`'],
    ['this is **very imp', 'this is **very imp**'],
    ['-', ''], ['#', ''], ['>', ''], ['12.', ''], ['```', ''], ['|', ''],
    ['plain text', 'plain text'],
    ['`a **b', '`a **b`'],
    ['2 ** 3 ** 4', '2 ** 3 ** 4'],
  ];
  for (const [line, shown] of cases) assert.equal(logic.closeUnfinishedLine(line), shown, line);
});

test('links open only to http, https and mailto, without credentials or control characters', () => {
  assert.equal(logic.safeLinkUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
  assert.equal(logic.safeLinkUrl('http://example.com'), 'http://example.com/');
  assert.equal(logic.safeLinkUrl('mailto:someone@example.com'), 'mailto:someone@example.com');
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'jav\tascript:alert(1)', 'java\nscript:alert(1)',
    'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'command:workbench.action.quit',
    'vscode://file/x', '/relative/path', 'docs.md', '//evil.example/x', 'https://user:pw@evil.example/',
    'https://trusted.example@evil.example/', '', null, undefined, 'https://', '\u0000javascript:alert(1)']) {
    assert.equal(logic.safeLinkUrl(bad), undefined, String(bad));
  }
});

test('images are only inline raster data', () => {
  assert.ok(logic.safeImageSrc('data:image/png;base64,iVBORw0KGgo='));
  for (const bad of ['https://example.com/x.png', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html;base64,PHNjcmlwdD4=',
    'javascript:alert(1)', 'data:image/png;base64,"onerror=alert(1)']) {
    assert.equal(logic.safeImageSrc(bad), undefined, bad);
  }
});
