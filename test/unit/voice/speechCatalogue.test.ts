import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FoundationModelSummary } from '@aws-sdk/client-bedrock';
import { mergeCatalogue } from '../../../src/service/catalogue/modelCatalogue';

test('Nova Sonic and Nova 2 Sonic are offered for the bidirectional stream only, not Converse or InvokeModel', () => {
  const cat = mergeCatalogue('us-east-1', [
    { modelId: 'amazon.nova-sonic-v1:0', modelName: 'Nova Sonic', providerName: 'Amazon', inputModalities: ['SPEECH'], outputModalities: ['SPEECH', 'TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'] },
    { modelId: 'amazon.nova-2-sonic-v1:0', modelName: 'Nova 2 Sonic', providerName: 'Amazon', inputModalities: ['SPEECH', 'TEXT'], outputModalities: ['SPEECH', 'TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'] },
    { modelId: 'amazon.nova-lite-v1:0', modelName: 'Nova Lite', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'] },
  ].map(m => ({ ...m, modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${m.modelId}` }) as unknown as FoundationModelSummary), [], []);
  const byId = new Map(cat.models.map(m => [m.id, m]));
  for (const id of ['amazon.nova-sonic-v1:0', 'amazon.nova-2-sonic-v1:0']) {
    assert.deepEqual(byId.get(id)?.apiStyles, [], id);
    assert.equal(byId.get(id)?.bidirectional, true, id);
  }
  assert.ok(byId.get('amazon.nova-lite-v1:0')?.apiStyles.includes('converse-stream'));
  assert.equal(byId.get('amazon.nova-lite-v1:0')?.bidirectional, undefined);
});
