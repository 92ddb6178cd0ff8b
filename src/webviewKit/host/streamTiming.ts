/** How often streamed text is forwarded to the webview: one message per frame at most, never one per token. */
export const DELTA_INTERVAL_MS = 16;
