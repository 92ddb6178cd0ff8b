import { highlightCode } from './codeHighlighter';
import { renderMarkdownOnce } from './markdownStream';

/** Languages compiled ahead, most common in replies first; the rest compile on first use. */
const WARM_LANGUAGES = ['python', 'typescript', 'javascript', 'bash', 'json', 'yaml', 'java', 'go', 'rust', 'sql', 'diff'];

const SAMPLE = '## Warm-up\n\nA paragraph with **bold**, `code` and [a link](https://example.com).\n\n1. one\n2. two\n   - nested\n\n' +
  '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> quote\n\n```python\nprint("hi")\n```\n';

/**
 * Does the renderer's one-time work while the view is idle, one slice per idle callback: the first render JIT-compiles
 * markdown-it, DOMPurify and the decorators, and highlight.js compiles each language's grammar the first time it sees
 * it (tens of milliseconds for TypeScript). Without this the first reply's first code block costs a frame of 50-150 ms.
 * Returns a promise that settles when every slice has run (tests and the benchmark wait for it).
 */
export function warmUpRenderer(idle: (work: () => void) => void = whenIdle): Promise<void> {
  const slices: (() => void)[] = [
    () => { renderMarkdownOnce(SAMPLE); },
    ...WARM_LANGUAGES.map(language => () => { highlightCode('x = 1\n', language); }),
  ];
  return new Promise(resolve => {
    const next = () => {
      const slice = slices.shift();
      if (!slice) { resolve(); return; }
      slice();
      idle(next);
    };
    idle(next);
  });
}

function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
  else setTimeout(work, 0);
}
