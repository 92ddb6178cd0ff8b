// highlight.js declares types for its main entry and its languages but not for `lib/core`, which is the entry that
// lets us register a curated set of languages instead of bundling all 190.
declare module 'highlight.js/lib/core' {
  import type { HLJSApi } from 'highlight.js';
  const hljs: HLJSApi;
  export default hljs;
}
