import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../emulator';
import type { BedrockWorkbenchApi } from '../../src/extension';
import { SECRET_KEYS } from '../../src/service/credentials/sources';
import type { StreamEvent } from '../../src/service/model';
import { pointAtEmulator } from './emulatorSettings';

const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
// The variables the default chain reads; each test points them at its own temp folder and restores them after.
const AWS_ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_REGION'];

async function testing(): Promise<NonNullable<BedrockWorkbenchApi['testing']>> {
  const a = await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate();
  assert.ok(a.testing, 'the testing API is offered in test mode');
  return a.testing;
}

async function lastEvent(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent | undefined> {
  let last: StreamEvent | undefined;
  for await (const e of stream) last = e;
  return last;
}

const hello = { model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream' as const, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hello' }] }] };

suite('Credentials: sign out and SSO sign-in in the real extension host', () => {
  let emu: Emulator;
  let home: string;
  const saved = new Map<string, string | undefined>();

  suiteSetup(async () => {
    emu = await startEmulator();
    await pointAtEmulator(emu);
  });

  setup(() => {
    for (const k of AWS_ENV) { saved.set(k, process.env[k]); delete process.env[k]; }
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-home-'));
    fs.mkdirSync(path.join(home, '.aws'));
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = path.join(home, '.aws', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, '.aws', 'credentials');
  });

  teardown(async () => {
    for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    const t = await testing();
    await t.credentials.forgetSecrets();
    t.service.resetCredentials();
  });

  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('bedrock');
    for (const key of ['runtimeEndpoint', 'mantleEndpoint', 'controlPlaneEndpoint', 'region']) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    await emu.close();
  });

  test('Bedrock: Sign Out forgets the stored access key and API key and goes back to the default chain', async () => {
    const t = await testing();
    // the default chain finds the emulator's keys in the (temp) shared credentials file; the stored ones are wrong
    fs.writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, `[default]\naws_access_key_id = ${emu.accessKeyId}\naws_secret_access_key = ${emu.secretAccessKey}\n`);
    await t.credentials.storeApiKey('bedrock-api-key-c3RvcmVkQnV0Rm9yZ290dGVu');
    await t.credentials.storeAccessKeys('AKIASTOREDTHENFORGOT', 'storedSecretThatSignOutMustForget0123');
    assert.strictEqual((await lastEvent(t.service.stream(hello, new AbortController().signal)))?.type, 'error', 'the stored (wrong) key is in use before signing out');

    await vscode.commands.executeCommand('bedrock.signOut');

    for (const key of Object.values(SECRET_KEYS)) assert.strictEqual(await t.credentials.get(key), undefined, `${key} is forgotten`);
    assert.deepStrictEqual(t.credentials.choice, { kind: 'default-chain' });
    const last = await lastEvent(t.service.stream(hello, new AbortController().signal));
    assert.strictEqual(last?.type, 'stop', `answered with the default chain's credentials: ${JSON.stringify(last)}`);
  });

  test('an expired SSO session: the chat\'s Sign In with SSO runs the device flow against IAM Identity Center and the request is retried and answered, without the AWS CLI', async function () {
    this.timeout(60_000);
    const t = await testing();
    const api = await vscode.extensions.getExtension<BedrockWorkbenchApi>(EXTENSION_ID)!.activate();
    const chat = api.chatView.controller;
    const startUrl = 'https://corp.awsapps.com/start';
    fs.writeFileSync(process.env.AWS_CONFIG_FILE!, [
      '[profile dev-sso]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Dev', 'region = us-east-1', '',
      '[sso-session corp]', `sso_start_url = ${startUrl}`, 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
    ].join('\n'));
    const cacheFile = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'aoaEXPIRED', expiresAt: '2026-01-01T00:00:00Z' }));
    // the SDKs' own endpoint settings send IAM Identity Center's OIDC and portal calls to the emulator;
    // PATH without any aws executable: nothing may depend on the AWS CLI
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = emu.runtimeEndpoint;
    process.env.AWS_ENDPOINT_URL_SSO = emu.runtimeEndpoint;
    const path0 = process.env.PATH;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'no-aws-cli-'));
    const terminals = vscode.window.terminals.length;
    try {
      await t.credentials.setChoice({ kind: 'profile', profile: 'dev-sso' });
      await chat.newConversation();
      await chat.setSelection({ model: hello.model, apiStyle: 'converse-stream', family: 'runtime' });
      await chat.send('hello from an SSO profile');
      const failed = chat.store.active.messages.at(-1)!;
      assert.strictEqual(failed.role, 'assistant');
      assert.deepStrictEqual(failed.error?.action, { kind: 'sso-login', profile: 'dev-sso' }, JSON.stringify(failed.error));
      assert.strictEqual(failed.error?.actionLabel, 'Sign In with SSO');

      const before = emu.requests.length;
      await chat.handle({ type: 'errorAction', id: failed.id });

      const routes = emu.requests.slice(before).map(r => r.route);
      for (const r of ['sso-oidc.register-client', 'sso-oidc.start-device-authorization', 'sso-oidc.create-token', 'sso.get-role-credentials', 'converse-stream']) {
        assert.ok(routes.includes(r), `${r} was called: ${routes.join(', ')}`);
      }
      assert.strictEqual(routes.filter(r => r === 'converse-stream').length, 1, 'the failed request is retried once');
      const answered = chat.store.active.messages.at(-1)!;
      assert.strictEqual(answered.role, 'assistant');
      assert.ok(!answered.error, JSON.stringify(answered.error));
      assert.ok(answered.text.length > 0, 'the retried request was answered');
      assert.ok(!chat.store.active.messages.some(m => m.id === failed.id), 'the failed reply was replaced');
      const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { accessToken: string; expiresAt: string; clientId?: string; refreshToken?: string };
      assert.notStrictEqual(cached.accessToken, 'aoaEXPIRED');
      assert.ok(Date.parse(cached.expiresAt) > Date.now(), 'the token cache holds a live session');
      assert.ok(cached.clientId && cached.refreshToken, 'with what the SDK needs to refresh it');
      assert.strictEqual(vscode.window.terminals.length, terminals, 'no terminal was opened');
    } finally {
      process.env.PATH = path0;
      await t.credentials.setChoice({ kind: 'default-chain' });
      await chat.newConversation();
    }
  });
});
