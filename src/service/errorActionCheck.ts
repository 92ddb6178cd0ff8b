import type { ErrorAction } from './errors';
import { isAwsRegion } from './partitions';

/** Profile names as ~/.aws files allow them, without anything a shell or a URL would read as syntax. */
const PROFILE_NAME = /^[\w.@+-]{1,128}$/;

/**
 * An error's next step rebuilt from a value that was saved and read back (compare state, webview state): only a
 * known kind, only its own fields, each checked, so a crafted file cannot turn a button into a link to another host
 * or a command line. Undefined when nothing safe is left.
 */
export function checkedErrorAction(v: unknown): ErrorAction | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  // every kind needs its own case: a new one fails to compile here until it says which of its fields are safe
  const kind = o.kind as ErrorAction['kind'];
  switch (kind) {
    case 'sign-in': case 'retry': case 'choose-model': case 'choose-region': case 'open-settings': case 'show-log':
      return { kind };
    case 'request-access':
      return typeof o.region === 'string' && isAwsRegion(o.region) ? { kind: 'request-access', region: o.region } : { kind: 'choose-region' };
    case 'sso-login':
      return typeof o.profile === 'string' && PROFILE_NAME.test(o.profile) ? { kind: 'sso-login', profile: o.profile } : { kind: 'sign-in' };
    default: {
      const unknownKind: never = kind;
      void unknownKind;
      return undefined;
    }
  }
}
