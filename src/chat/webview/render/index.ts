/**
 * The chat webview's streaming markdown renderer. The webview entry creates one StreamingMarkdownRenderer per
 * assistant message and feeds it deltas; render.css (plus the codicon font) styles it with theme variables only.
 */
export { StreamingMarkdownRenderer, type RendererCallbacks } from './streamingMarkdownRenderer';
export { MarkdownStream, renderMarkdownOnce } from './markdownStream';
export { markdownWork } from './markdownEngine';
export type { CodeAction } from './codeBlock';
export type { ToolCallUpdate } from './toolCallCard';
export { safeLinkUrl } from './linkPolicy';
