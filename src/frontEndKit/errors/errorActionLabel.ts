import type { ErrorAction } from '../../service/errors';

/** The button label for an error's next step (pure, so restored state can be relabelled without VS Code). */
export function actionLabel(a: ErrorAction): string {
  switch (a.kind) {
    case 'sign-in': return 'Sign In';
    case 'sso-login': return 'Sign In with SSO';
    case 'request-access': return 'Request Model Access';
    case 'retry': return 'Retry';
    case 'choose-model': return 'Choose Model';
    case 'choose-region': return 'Choose Region';
    case 'open-settings': return 'Open Settings';
    case 'show-log': return 'Show Log';
  }
}
