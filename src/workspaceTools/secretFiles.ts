/**
 * Files the workspace tools never read, search or edit, because they usually hold credentials: what a tool reads goes
 * to the model and into the chat's stored history. Matched on the workspace-relative path; pure, unit-tested.
 */
const SECRET_NAMES = [
  /^\.env(\..*)?$/i, /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk)$/i, /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/i,
  /^\.(npmrc|pypirc|netrc|pgpass|git-credentials|htpasswd)$/i, /^credentials(\.json)?$/i, /^secrets?\.(json|ya?ml|toml)$/i,
];
const SECRET_DIRS = /(^|\/)(\.git|\.aws|\.ssh|\.gnupg|\.docker)(\/|$)/i;

export function looksLikeSecretFile(relative: string): boolean {
  const p = relative.replace(/\\/g, '/');
  const name = p.split('/').pop() ?? p;
  return SECRET_DIRS.test(p) || SECRET_NAMES.some(re => re.test(name));
}

export const secretRefusal = (relative: string) => `${relative} looks like a file that holds credentials (keys, tokens, .env); the workspace tools do not read or change such files.`;
