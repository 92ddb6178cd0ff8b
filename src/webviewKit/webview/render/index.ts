/**
 * The chat webview's streaming markdown renderer.
 *
 * Usage (one renderer per assistant message):
 *   const r = new StreamingMarkdownRenderer(container, { onCodeAction, onOpenLink });
 *   r.appendReasoning(delta); r.showToolCall({ id, name, argumentsDelta }); r.append(delta);  // as deltas arrive
 *   r.finish();                                  // stream ended: renders the real final text
 *   r.reset(text); r.finish();                   // a finished message restored from history
 *   await r.whenIdle();                          // everything appended so far is on screen
 *   r.dispose();                                 // when the message leaves the transcript
 * Styles: render.css (theme variables only) plus the codicon font. Needs a CSP allowing `img-src data:` for inline
 * images; nothing else beyond nonce'd scripts and the extension's own stylesheets.
 */
export { StreamingMarkdownRenderer, type RendererCallbacks } from './streamingMarkdownRenderer';
export { MarkdownStream, renderMarkdownOnce } from './markdownStream';
export { markdownWork } from './markdownEngine';
export type { CodeAction } from './codeBlock';
export type { ToolCallUpdate } from './toolCallCard';
export { safeLinkUrl } from './linkPolicy';
export { warmUpRenderer } from './warmUp';
