import * as vscode from 'vscode';
import { listProfiles } from '../service/credentials/awsProfiles';
import { hasLiveSession, ssoSessionOf } from '../service/credentials/ssoLogin';
import type { CredentialChoice } from '../service/credentials/sources';
import type { ServiceHost } from '../service/vscode/serviceHost';
import { ssoLoginInTerminal, TERMINAL_BUTTON } from '../frontEndKit/signIn/ssoLogin';

interface ChoiceItem extends vscode.QuickPickItem {
  run: () => Promise<CredentialChoice | undefined>;
}

/**
 * "Bedrock: Sign In / Choose Credentials": one quick pick over every credential source. Secrets are typed into
 * password input boxes and go straight to SecretStorage.
 */
export async function signIn(host: ServiceHost): Promise<CredentialChoice | undefined> {
  const store = host.credentials;
  const current = JSON.stringify(store.choice);
  const mark = (c: CredentialChoice) => (JSON.stringify(c) === current ? '$(check) ' : '');
  const profiles = await listProfiles();
  const fixed = (c: CredentialChoice) => async () => { await store.setChoice(c); return c; };
  const items: (ChoiceItem | vscode.QuickPickItem)[] = [
    { label: `${mark({ kind: 'default-chain' })}Default credential chain`, detail: 'Environment, SSO cache, ~/.aws files, container or instance role: as the AWS CLI resolves them', run: fixed({ kind: 'default-chain' }) },
    { label: 'Profiles', kind: vscode.QuickPickItemKind.Separator },
    ...profiles.map(p => ({
      label: `${mark({ kind: 'profile', profile: p.name })}$(account) ${p.name}`,
      description: [p.kind === 'sso' ? 'SSO' : p.kind, p.region].filter(Boolean).join(' · '),
      run: async () => {
        const c = await fixed({ kind: 'profile', profile: p.name })();
        if (p.kind === 'sso') void offerSsoLogin(p.name);
        return c;
      },
    })),
    { label: 'Other sources', kind: vscode.QuickPickItemKind.Separator },
    { label: `${mark({ kind: 'environment' })}$(terminal) Environment variables`, detail: 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN of the VS Code process', run: fixed({ kind: 'environment' }) },
    { label: `${mark({ kind: 'access-keys' })}$(key) Access key…`, detail: 'Stored in VS Code secret storage', run: () => askAccessKeys(host) },
    { label: `${mark({ kind: 'api-key' })}$(key) Bedrock API key…`, detail: 'A long-term Bedrock API key, stored in VS Code secret storage', run: () => askApiKey(host) },
    ...(['access-keys', 'api-key'].includes(store.choice.kind) ? [{ label: '$(sign-out) Sign out', detail: 'Forget the stored access key and API key and use the default credential chain', run: async () => { await vscode.commands.executeCommand('bedrock.signOut'); return store.choice; } }] : []),
    ...(process.env.AWS_BEARER_TOKEN_BEDROCK ? [{ label: `${mark({ kind: 'api-key-env' })}$(key) Bedrock API key from AWS_BEARER_TOKEN_BEDROCK`, run: fixed({ kind: 'api-key-env' }) }] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Bedrock: Choose Credentials', placeHolder: 'Where should Bedrock Workbench take AWS credentials from?', matchOnDetail: true });
  if (!picked || !('run' in picked)) return undefined;
  const choice = await (picked as ChoiceItem).run();
  if (choice) host.log.info(`credentials: now using ${choice.kind}${choice.kind === 'profile' ? ` (${choice.profile})` : ''}`);
  return choice;
}

async function askAccessKeys(host: ServiceHost): Promise<CredentialChoice | undefined> {
  const accessKeyId = await vscode.window.showInputBox({ title: 'AWS access key id', ignoreFocusOut: true, validateInput: v => (/^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(v.trim()) ? undefined : 'An access key id starts with AKIA or ASIA.') });
  if (!accessKeyId) return undefined;
  const secretAccessKey = await vscode.window.showInputBox({ title: 'AWS secret access key', password: true, ignoreFocusOut: true, validateInput: v => (v.trim().length >= 16 ? undefined : 'Paste the secret access key.') });
  if (!secretAccessKey) return undefined;
  const sessionToken = accessKeyId.startsWith('ASIA')
    ? await vscode.window.showInputBox({ title: 'AWS session token (temporary credentials)', password: true, ignoreFocusOut: true })
    : undefined;
  await host.credentials.storeAccessKeys(accessKeyId.trim(), secretAccessKey.trim(), sessionToken?.trim() || undefined);
  return { kind: 'access-keys' };
}

async function askApiKey(host: ServiceHost): Promise<CredentialChoice | undefined> {
  const key = await vscode.window.showInputBox({ title: 'Bedrock API key', password: true, ignoreFocusOut: true, placeHolder: 'ABSK… or bedrock-api-key-…', validateInput: v => (v.trim().length >= 20 ? undefined : 'Paste the whole API key.') });
  if (!key) return undefined;
  await host.credentials.storeApiKey(key.trim());
  return { kind: 'api-key' };
}

/** Picking an SSO profile whose session has lapsed (or never started) offers to sign in now, before a request fails. */
async function offerSsoLogin(profile: string): Promise<void> {
  const session = await ssoSessionOf(profile).catch(() => undefined);
  if (!session || await hasLiveSession(session)) return;
  const c = await vscode.window.showInformationMessage(`Bedrock: profile "${profile}" needs an IAM Identity Center sign-in.`, 'Sign In with SSO', TERMINAL_BUTTON);
  if (c === 'Sign In with SSO') await vscode.commands.executeCommand('bedrock.ssoLogin', { profile });
  else if (c === TERMINAL_BUTTON) ssoLoginInTerminal(profile);
}
