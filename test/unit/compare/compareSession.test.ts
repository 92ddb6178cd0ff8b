import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../emulator';
import { columnChoices, columnProblem } from '../../../src/compare/columnChoices';
import { CompareSession } from '../../../src/compare/compareSession';
import type { CompareHostMessage } from '../../../src/compare/protocol';
import { BedrockService } from '../../../src/service/bedrockService';
import { emulatorSecrets, emulatorServiceConfig } from '../service/emulatorRouter';

let emu: Emulator;
let service: BedrockService;

before(async () => {
  emu = await startEmulator();
  const secrets = emulatorSecrets(emu);
  service = new BedrockService({
    config: () => emulatorServiceConfig(emu),
    secrets: { get: async k => secrets.get(k) }, env: {}, log: () => undefined,
  });
});
after(() => emu.close());

const supports = (s: Parameters<BedrockService['supports']>[0], f: Parameters<BedrockService['supports']>[1]) => service.supports(s, f);

test('the column picker offers only combinations the catalogue and the service agree on', async () => {
  const cat = await service.catalogue();
  const labels = columnChoices(cat, supports).map(c => `${c.modelId} ${c.apiStyle} ${c.family}`);
  assert.ok(labels.includes('anthropic.claude-sonnet-4-5 messages mantle'));
  assert.ok(labels.includes('us.anthropic.claude-sonnet-4-5-20250929-v1:0 converse-stream runtime'), 'a profile id where the base id needs one');
  assert.ok(labels.includes('openai.gpt-oss-120b responses mantle'));
  assert.ok(!labels.some(l => /converse.* mantle$/.test(l)), 'no Converse on mantle');
  assert.ok(!labels.includes('anthropic.claude-sonnet-4-5 responses mantle'), 'mantle serves Claude through Messages only');
  assert.ok(!labels.includes('openai.gpt-oss-120b messages mantle'));
  assert.ok(!labels.some(l => /titan-embed|invoke-model /.test(l)), 'embeddings and raw InvokeModel are not comparable chat');
  assert.match(columnProblem({ id: 'x', model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'mantle' }, cat, supports) ?? '', /not served by bedrock-mantle/);
  assert.match(columnProblem({ id: 'x', model: 'anthropic.claude-sonnet-4-5', apiStyle: 'responses', family: 'mantle' }, cat, supports) ?? '', /does not offer OpenAI Responses/);
  assert.match(columnProblem({ id: 'x', model: 'nobody.model-v1', apiStyle: 'converse-stream', family: 'runtime' }, cat, supports) ?? '', /not in the us-east-1 catalogue/);
  assert.equal(columnProblem({ id: 'x', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', apiStyle: 'messages', family: 'runtime' }, cat, supports), undefined);
  const partial = { ...cat, models: [], problems: ['bedrock-mantle model list: Could not reach Bedrock'] };
  assert.equal(columnProblem({ id: 'x', model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle' }, partial, supports), undefined, 'an incomplete catalogue does not block a column');
});

test('three columns stream at once through three API styles; stopping one leaves the others running', async () => {
  const posted: CompareHostMessage[] = [];
  const savedAtEnd: string[] = [];
  const session: CompareSession = new CompareSession({
    service,
    post: m => {
      posted.push(m);
      // what the panel saves when a column ends must already hold that column's final result
      if (m.type === 'columnEnd') {
        const col = session.state().columns.find(c => c.id === m.columnId);
        savedAtEnd.push(`${col?.streaming} ${col?.result?.metrics !== undefined} ${col?.result?.stopReason}`);
      }
    },
    errorView: e => ({ message: e.message, retryable: e.retryable }),
  });
  session.setCatalogue(await service.catalogue());
  assert.ok(session.addColumn({ model: 'anthropic.claude-sonnet-4-5', apiStyle: 'messages', family: 'mantle' }));
  assert.ok(session.addColumn({ model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', apiStyle: 'converse-stream', family: 'runtime' }));
  assert.ok(session.addColumn({ model: 'openai.gpt-oss-120b', apiStyle: 'responses', family: 'mantle' }));
  const [a, b, c] = session.state().columns.map(col => col.id);
  // the second column is paced slowly so it is still streaming when stopped; the others answer at full speed
  emu.scriptFaults([{ fault: 'tokens-per-second:20,long:400', path: '/converse-stream' }]);
  const run = session.run('Compare these APIs');
  const started = () => posted.filter(m => m.type === 'columnStart').length;
  while (started() < 3 || !posted.some(m => m.type === 'delta' && m.columnId === b)) await new Promise(r => setTimeout(r, 10));
  assert.equal(session.busy, true);
  session.stop(b);
  await run;
  assert.equal(session.busy, false);
  const ends = new Map(posted.flatMap(m => (m.type === 'columnEnd' ? [[m.columnId, m.result] as const] : [])));
  assert.equal(ends.size, 3);
  for (const id of [a, c]) {
    const r = ends.get(id)!;
    assert.equal(r.stopReason, 'end_turn', JSON.stringify(r));
    assert.match(r.text, /You asked: "Compare these APIs"/);
    assert.ok(r.usage && r.usage.inputTokens > 0 && r.usage.outputTokens > 0);
    assert.ok(r.metrics?.ttftMs !== undefined && r.metrics.totalMs >= r.metrics.ttftMs);
    const streamed = posted.filter(m => m.type === 'delta' && m.columnId === id).map(m => (m as { text: string }).text).join('');
    assert.equal(streamed, r.text, 'the deltas add up to the final text');
  }
  assert.equal(ends.get(b)!.stopReason, 'aborted');
  assert.ok(ends.get(b)!.text.length > 0, 'a stopped column keeps what streamed');
  const paths = emu.requests.slice(-3).map(r => `${r.family} ${r.path}`).sort();
  assert.deepEqual(paths.map(p => p.replace(/\/model\/[^/]+\//, '/model/…/')), ['mantle /anthropic/v1/messages', 'mantle /openai/v1/responses', 'runtime /model/…/converse-stream'].sort());
  const saved = session.state();
  assert.deepEqual(saved.columns.map(col => col.result?.stopReason), ['end_turn', 'aborted', 'end_turn']);
  assert.equal(saved.prompt, 'Compare these APIs');
  assert.deepEqual(savedAtEnd.sort(), ['false true aborted', 'false true end_turn', 'false true end_turn']);
});

test('a restored state keeps prompt, columns and results; a reply cut off by the reload counts as stopped', () => {
  const session = new CompareSession({ service, post: () => undefined, errorView: e => ({ message: e.message, retryable: false }) }, {
    prompt: 'again',
    columns: [
      { id: 'k', model: 'us.amazon.nova-lite-v1:0', apiStyle: 'converse-stream', family: 'runtime', label: '', modelName: 'Nova Lite', apiStyleLabel: '', streaming: true, result: { text: 'half' } },
      { id: 'l', model: 'openai.gpt-oss-120b', apiStyle: 'converse', family: 'mantle', label: '', modelName: '', apiStyleLabel: '', streaming: false },
    ],
  });
  const s = session.state();
  assert.equal(s.prompt, 'again');
  assert.deepEqual(s.columns.map(c => [c.id, c.streaming, c.result?.text, c.result?.stopReason]), [['k', false, 'half', 'aborted'], ['l', false, undefined, undefined]]);
  assert.match(s.columns[1].problem ?? '', /Converse is not served by bedrock-mantle/);
  assert.equal(s.columns[0].label, 'Nova Lite · ConverseStream · bedrock-runtime', 'the saved name stands in until the catalogue loads');
  assert.equal(s.columns[1].label, 'openai.gpt-oss-120b · Converse · bedrock-mantle');
});
