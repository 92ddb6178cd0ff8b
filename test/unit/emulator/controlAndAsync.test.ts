import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BedrockClient, GetFoundationModelCommand, ListFoundationModelsCommand, ListInferenceProfilesCommand, paginateListInferenceProfiles } from '@aws-sdk/client-bedrock';
import { ConverseCommand, GetAsyncInvokeCommand, ListAsyncInvokesCommand, StartAsyncInvokeCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { runtimeClient } from './clients';

let emu: Emulator;
before(async () => { emu = await startEmulator({ asyncJobDurationMs: 800 }); });
after(async () => { await emu.close(); });

function controlClient(): BedrockClient {
  return new BedrockClient({ region: emu.region, endpoint: emu.runtimeEndpoint, credentials: { accessKeyId: emu.accessKeyId, secretAccessKey: emu.secretAccessKey }, maxAttempts: 1 });
}

test('ListFoundationModels and ListInferenceProfiles return the catalogue the runtime answers for', async () => {
  const control = controlClient();
  const runtime = runtimeClient(emu);
  try {
    const models = await control.send(new ListFoundationModelsCommand({}));
    const ids = (models.modelSummaries ?? []).map(m => m.modelId);
    for (const id of ['amazon.nova-lite-v1:0', 'meta.llama3-1-8b-instruct-v1:0', 'amazon.titan-embed-text-v2:0', 'amazon.nova-sonic-v1:0']) assert.ok(ids.includes(id), id);
    const embeddings = await control.send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    assert.ok((embeddings.modelSummaries ?? []).every(m => m.outputModalities?.includes('EMBEDDING')));
    const one = await control.send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-lite-v1:0' }));
    assert.equal(one.modelDetails?.responseStreamingSupported, true);
    const profiles = [];
    for await (const page of paginateListInferenceProfiles({ client: control, pageSize: 3 }, {})) profiles.push(...(page.inferenceProfileSummaries ?? []));
    assert.ok(profiles.length > 3, 'paged');
    assert.ok(profiles[0].createdAt instanceof Date);
    const app = await control.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    const arn = app.inferenceProfileSummaries?.[0]?.inferenceProfileArn ?? '';
    assert.match(arn, /:application-inference-profile\//);
    for (const modelId of [...profiles.filter(p => p.type === 'SYSTEM_DEFINED').map(p => p.inferenceProfileId ?? ''), arn]) {
      const out = await runtime.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'ping' }] }] }));
      assert.ok(out.output?.message, modelId);
    }
    assert.equal(emu.requests.find(r => r.route === 'list-foundation-models')?.auth, 'sigv4');
  } finally {
    control.destroy();
    runtime.destroy();
  }
});

test('StartAsyncInvoke on Nova Reel goes InProgress then Completed; ListAsyncInvokes shows it', async () => {
  const client = runtimeClient(emu);
  try {
    const start = await client.send(new StartAsyncInvokeCommand({
      modelId: 'amazon.nova-reel-v1:1',
      modelInput: { taskType: 'TEXT_VIDEO', textToVideoParams: { text: 'waves at dawn' }, videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 1 } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://emulator-bucket/videos' } },
    }));
    const arn = start.invocationArn ?? '';
    assert.match(arn, /^arn:aws:bedrock:us-east-1:\d{12}:async-invoke\/\w+$/);
    let job = await client.send(new GetAsyncInvokeCommand({ invocationArn: arn }));
    assert.equal(job.status, 'InProgress');
    assert.ok(job.submitTime instanceof Date);
    for (let i = 0; i < 50000 && job.status === 'InProgress'; i++) {
      await new Promise(resolve => setImmediate(resolve));
      job = await client.send(new GetAsyncInvokeCommand({ invocationArn: arn }));
    }
    assert.equal(job.status, 'Completed');
    assert.ok(job.endTime instanceof Date);
    assert.match(job.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? '', /^s3:\/\/emulator-bucket\/videos\/\w+$/);
    const list = await client.send(new ListAsyncInvokesCommand({ statusEquals: 'Completed' }));
    assert.ok(list.asyncInvokeSummaries?.some(s => s.invocationArn === arn));
    await assert.rejects(client.send(new StartAsyncInvokeCommand({ modelId: 'amazon.nova-lite-v1:0', modelInput: { taskType: 'TEXT_VIDEO' }, outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://b/p' } } })), ValidationException);
  } finally {
    client.destroy();
  }
});
