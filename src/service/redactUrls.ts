/**
 * The one redaction for URLs anywhere they are shown or logged (status view, chat view, output channel): a user name
 * and password, every query value and a fragment can each carry a secret (`https://user:pass@host`, `?token=…`,
 * `#access_token=…`), so they are replaced; scheme, host, port and path stay readable. Pure string work, so a URL
 * that does not parse is redacted all the same.
 */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const HIDDEN = '***';

export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.length > hash + 1 ? `#${HIDDEN}` : '#';
    rest = rest.slice(0, hash);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = '?' + rest.slice(question + 1).split('&').map(redactParameter).join('&');
    rest = rest.slice(0, question);
  }
  // userinfo ends at the last @ before the path: a password may itself contain @ (unencoded, as people type it)
  const pathStart = rest.indexOf('/');
  const authority = pathStart >= 0 ? rest.slice(0, pathStart) : rest;
  const at = authority.lastIndexOf('@');
  if (at >= 0) rest = `${HIDDEN}@${rest.slice(at + 1)}`;
  return scheme + rest + query + fragment;
}

function redactParameter(p: string): string {
  if (!p) return p;
  const eq = p.indexOf('=');
  return eq >= 0 ? `${p.slice(0, eq + 1)}${HIDDEN}` : HIDDEN;
}

/** Every URL inside a text (a log line, an SDK's error message) redacted as `redactUrl` does. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl);
}
