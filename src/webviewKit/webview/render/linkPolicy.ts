/**
 * Which URLs from model output may become clickable links or images. Pure (no DOM) so it is unit-tested in Node.
 * Links open through the host (never by navigating the webview), and only to web pages or mail; images are only
 * inline raster data, because the webview's CSP forbids remote content anyway and SVG can carry script.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const RASTER_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/]+={0,2}$/i;

/** The normalised URL when it is safe to hand to the host's "open link", otherwise undefined. */
export function safeLinkUrl(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  // Control characters and whitespace inside a scheme are classic filter bypasses (`jav\tascript:`): refuse them
  // rather than guess what a browser would make of them.
  if (hasControlOrSpace(raw.trim())) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined; // relative or malformed: there is no page to open
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && !url.hostname) return undefined;
  // `https://trusted.example@evil.example/` shows one host and opens another.
  if (url.username || url.password) return undefined;
  return url.href;
}

/** The src when it is an inline raster image, otherwise undefined. */
export function safeImageSrc(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const compact = raw.replace(/\s+/g, '');
  return RASTER_DATA_IMAGE.test(compact) ? compact : undefined;
}

function hasControlOrSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return /\s/.test(text);
}
