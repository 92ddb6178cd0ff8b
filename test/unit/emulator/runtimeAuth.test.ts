import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { AccessDeniedException, BedrockRuntimeServiceException, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

let emu: Emulator;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.close(); });

const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'signed hello' }] }] });

/** Signs a Converse request by hand so a test can break one piece of it at a time. */
async function signedRequest(opts: { secret?: string; date?: Date; service?: string } = {}): Promise<{ url: string; headers: Record<string, string> }> {
  const url = new URL(`${emu.runtimeEndpoint}/model/amazon.nova-lite-v1%3A0/converse`);
  const signer = new SignatureV4({
    credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: opts.secret ?? emu.secretAccessKey },
    region: emu.region, service: opts.service ?? 'bedrock', sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {},
    headers: { host: url.host, 'content-type': 'application/json' }, body,
  }, { signingDate: opts.date });
  const headers = { ...signed.headers } as Record<string, string>;
  delete headers.host;
  return { url: url.toString(), headers };
}

async function post(req: { url: string; headers: Record<string, string> }): Promise<{ status: number; type: string | null; json: { message?: string } }> {
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), json: await res.json() as { message?: string } };
}

test('a correctly signed request passes and the same request with a bad signature is refused', async () => {
  const good = await signedRequest();
  assert.equal((await post(good)).status, 200);
  const bad = { ...good, headers: { ...good.headers, authorization: good.headers.authorization.replace(/Signature=(\w)/, (_, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`) } };
  const refused = await post(bad);
  assert.equal(refused.status, 403);
  assert.match(refused.type ?? '', /^InvalidSignatureException/);
  assert.match(refused.json.message ?? '', /signature we calculated does not match/);
});

test('a tampered body, an expired date, a missing header or the wrong service are refused with 403', async () => {
  const good = await signedRequest();
  const tampered = await fetch(good.url, { method: 'POST', headers: good.headers, body: body.replace('hello', 'HELLO') });
  assert.equal(tampered.status, 400); // x-amz-content-sha256 no longer matches the body
  const expired = await post(await signedRequest({ date: new Date(Date.now() - 20 * 60 * 1000) }));
  assert.equal(expired.status, 403);
  assert.match(expired.json.message ?? '', /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  const noDate = await signedRequest();
  delete noDate.headers['x-amz-date'];
  const missing = await post(noDate);
  assert.equal(missing.status, 403);
  assert.match(missing.type ?? '', /^IncompleteSignatureException/);
  const wrongService = await post(await signedRequest({ service: 'bedrock-mantle' }));
  assert.equal(wrongService.status, 403);
  assert.match(wrongService.json.message ?? '', /scoped to correct service: 'bedrock'/);
  const anonymous = await fetch(good.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(anonymous.status, 403);
  assert.match(anonymous.headers.get('x-amzn-errortype') ?? '', /^MissingAuthenticationTokenException/);
});

test('the SDK with a wrong secret gets InvalidSignatureException', async () => {
  const client = runtimeClient(emu, { credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: 'wrong-secret' } });
  try {
    await assert.rejects(client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'x' }] }] })), (e: unknown) => {
      assert.ok(e instanceof BedrockRuntimeServiceException);
      assert.equal(e.name, 'InvalidSignatureException');
      assert.equal(e.$metadata.httpStatusCode, 403);
      return true;
    });
  } finally {
    client.destroy();
  }
});

test('the SDK authenticates with a Bedrock API key (bearer); a wrong key is refused', async () => {
  const ok = runtimeClient(emu, { token: { token: emu.apiKey }, authSchemePreference: ['httpBearerAuth'] });
  const wrong = runtimeClient(emu, { token: { token: `${emu.apiKey}x` }, authSchemePreference: ['httpBearerAuth'] });
  const cmd = (): ConverseCommand => new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: 'bearer' }] }] });
  try {
    const out = await ok.send(cmd());
    assert.ok(out.output?.message);
    assert.equal(emu.requests.at(-1)?.auth, 'bearer');
    await assert.rejects(wrong.send(cmd()), (e: unknown) => {
      assert.ok(e instanceof AccessDeniedException);
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.equal(e.message, 'Authentication failed: Please make sure your API Key is valid.');
      return true;
    });
  } finally {
    ok.destroy();
    wrong.destroy();
  }
});
