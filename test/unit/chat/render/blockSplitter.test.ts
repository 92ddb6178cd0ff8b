import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadRenderLogic, randomChunks, readCorpus, seededRandom, type RenderLogic } from './loadRenderLogic';

let logic: RenderLogic;
before(async () => {
  logic = await loadRenderLogic();
});

/**
 * Replays what the webview does on each frame, minus the DOM: parse the open tail, close the blocks the splitter
 * says are final, keep the rest open. Returns the source of every closed block, in order.
 */
function streamBlocks(chunks: string[], random: () => number): string[] {
  const text = new logic.StreamText();
  const env = { references: {} };
  const blocks: string[] = [];
  let closedUpTo = 0;
  const apply = (final: boolean) => {
    const tail = text.text.slice(closedUpTo);
    const split = logic.splitTail(tail, env, final);
    for (const slice of split.closed) blocks.push(tail.slice(slice.start, slice.end));
    closedUpTo += split.closedLength;
    // At the end, lines after the last block (reference definitions, blanks) still belong to the document.
    if (final && closedUpTo < text.text.length) blocks.push(text.text.slice(closedUpTo));
  };
  for (const chunk of chunks) {
    text.append(chunk);
    if (random() < 0.5) apply(false);
  }
  text.end();
  apply(true);
  return blocks;
}

test('streamed in random chunks, every corpus document splits into blocks whose renderings join into the whole render', () => {
  const corpus = readCorpus();
  assert.ok(corpus.length >= 20, 'the corpus has at least 20 documents');
  for (const { name, text } of corpus) {
    const whole = logic.normalizeMarkdownSource(text);
    // All references known up front: this test isolates block boundaries (late references are the stream's job).
    const env = { references: {} };
    const expected = logic.renderMarkdown(whole, env);
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const blocks = streamBlocks(randomChunks(text, random), random);
      assert.equal(blocks.join(''), whole, `${name} seed ${seed}: closed blocks cover the text exactly`);
      assert.equal(blocks.map(b => logic.renderMarkdown(b, env)).join(''), expected, `${name} seed ${seed}: rendering`);
    }
  }
});

test('a block is not closed by a line that is still arriving', () => {
  // `#` alone is an empty heading, but `#hashtag` is not: the paragraph must stay open.
  assert.equal(logic.splitTail('para\n#', {}, false).closed.length, 0);
  const complete = logic.splitTail('para\n# Heading\nmore', {}, false);
  assert.equal(complete.closed.length, 2, 'paragraph and heading are final once the heading line is complete');
  assert.equal(complete.closedLength, 'para\n# Heading\n'.length);
});

test('a table only closes the paragraph above it once its delimiter row is complete', () => {
  // `|--` could still become `|--x`, and then the header line is just more paragraph.
  assert.equal(logic.splitTail('intro\n| a |\n|--', {}, false).closed.length, 0);
  assert.equal(logic.splitTail('intro\n| a |\n|--|\n', {}, false).closed.length, 1, 'intro is final; the table is open');
  assert.equal(logic.splitTail('intro\n| a |\n|--|\n| 1 |\n\nnext\n', {}, false).closed.length, 2);
});

test('a list continuing after a blank line and a paragraph that becomes a setext heading stay open', () => {
  assert.equal(logic.splitTail('- a\n\n', {}, false).closed.length, 0);
  assert.equal(logic.splitTail('- a\n\n- b\n', {}, false).closed.length, 0);
  assert.equal(logic.splitTail('Title\n', {}, false).closed.length, 0);
  const heading = logic.splitTail('Title\n===\n', {}, false);
  assert.equal(heading.closed.length, 1, 'a complete setext heading cannot grow');
});

test('an open fence keeps its block open and is reported for append-only display', () => {
  const split = logic.splitTail('intro\n\n```ts\nconst a = 1;\n```not-a-closer\n', {}, false);
  assert.equal(split.closed.length, 1);
  assert.deepEqual(split.openFence, { contentStart: '```ts\n'.length, marker: '```', info: 'ts' });
  const closed = logic.splitTail('```ts\nconst a = 1;\n```\n', {}, false);
  assert.equal(closed.closed.length, 1, 'a fence whose closing line arrived is final');
  assert.equal(closed.openFence, undefined);
  assert.equal(logic.isClosingFence('```\n', '```'), true);
  assert.equal(logic.isClosingFence('  ````  \n', '```'), true);
  assert.equal(logic.isClosingFence('``\n', '```'), false);
  assert.equal(logic.isClosingFence('~~~\n', '```'), false);
  assert.equal(logic.isClosingFence('    ```\n', '```'), false, 'four spaces of indent is code');
  assert.equal(logic.isClosingFence('``` js\n', '```'), false);
});

test('a half-streamed reference definition never reaches the committed references', () => {
  const committed = { references: {} };
  const split = logic.splitTail('See [a].\n\n[a]: https://exa', committed, false);
  assert.equal(split.referencesChanged, true);
  assert.deepEqual(committed.references, {}, 'the tail is parsed with a scratch copy');
});

test('CRLF split across deltas is normalised like markdown-it does', () => {
  const text = new logic.StreamText();
  for (const d of ['a\r', '\nb\r', '\r', 'c\0', '\r']) text.append(d);
  assert.equal(text.text, 'a\nb\n\nc\uFFFD');
  text.end();
  assert.equal(text.text, 'a\nb\n\nc\uFFFD\n');
});

test('random documents built from block-starting lines split exactly like the whole render (fuzz, fixed seeds)', () => {
  // Lines chosen to sit on block boundaries: lazy continuations, list/quote/fence/table/setext/heading starts.
  const lines = ['para text', 'more *em* text', '', '', '- item', '  - nested', '1. one', '2) two', '> quote', '> > deep',
    '```js', '```', '~~~', '    indented', '# heading', '#tag', 'Title', '===', '---', '***', '| a | b |', '|---|---|',
    '| 1 | 2 |', '[ref]: https://example.com', 'see [ref]', '   ```', '\tcode', '+ plus', '* star', '<div>', '\\# escaped'];
  for (let seed = 1; seed <= 400; seed++) {
    const random = seededRandom(seed);
    const count = 3 + Math.floor(random() * 14);
    const doc = Array.from({ length: count }, () => lines[Math.floor(random() * lines.length)]).join(random() < 0.2 ? '\r\n' : '\n')
      + (random() < 0.5 ? '\n' : '');
    const whole = logic.normalizeMarkdownSource(doc);
    const env = { references: {} };
    const expected = logic.renderMarkdown(whole, env);
    const blocks = streamBlocks(randomChunks(doc, random, 6), random);
    assert.equal(blocks.join(''), whole, `seed ${seed}: coverage of ${JSON.stringify(doc)}`);
    assert.equal(blocks.map(b => logic.renderMarkdown(b, env)).join(''), expected, `seed ${seed}: ${JSON.stringify(doc)}`);
  }
});
