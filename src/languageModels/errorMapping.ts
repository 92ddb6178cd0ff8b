/**
 * Which `vscode.LanguageModelError` a Bedrock failure becomes, so callers of `sendRequest` can tell "you may not use
 * this model" from "this model does not exist" from "you are blocked for now" without parsing messages. Pure.
 */
import type { BedrockError, ErrorAction } from '../service/errors';

export type LanguageModelErrorCode = 'NoPermissions' | 'Blocked' | 'NotFound' | undefined;

export function languageModelErrorCode(e: BedrockError): LanguageModelErrorCode {
  switch (e.kind) {
    case 'access-denied': case 'no-credentials': case 'expired-credentials': case 'sso-expired':
      return 'NoPermissions';
    // throttling and exhausted quotas block the caller for a while; the model itself is fine
    case 'throttled': case 'quota':
      return 'Blocked';
    case 'invalid-model': case 'not-found':
      return 'NotFound';
    default:
      return undefined;
  }
}

/** The error's next step in words: a LanguageModelError reaches other extensions' UIs, which cannot show our buttons. */
export function nextStepText(a: ErrorAction | undefined): string {
  switch (a?.kind) {
    case 'sign-in': return 'Run "Bedrock: Sign In / Choose Credentials".';
    case 'sso-login': return `Run "Bedrock: Sign In with IAM Identity Center (SSO)" or "aws sso login --profile ${a.profile}".`;
    case 'request-access': return `Request model access in the Bedrock console for ${a.region}.`;
    case 'retry': return 'Try again.';
    case 'choose-model': return 'Choose another Bedrock model.';
    case 'choose-region': return 'Run "Bedrock: Choose Region".';
    case 'open-settings': return 'Check the Bedrock endpoint settings.';
    case 'show-log': return 'Details are in the "Bedrock" output log.';
    default: return '';
  }
}

export function languageModelErrorMessage(e: BedrockError): string {
  const next = nextStepText(e.action);
  return `Bedrock: ${e.message}${next ? ` ${next}` : ''}`;
}
