import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { NEEDS, recommend, type ApiId, type NeedId } from '../../../src/apiAdvisor/decisionTable';
import { SNIPPET_APIS, starterSnippet } from '../../../src/apiAdvisor/snippets';

const root = path.resolve(__dirname, '../../../..');

// The seed's decision table (shared/bedrock-notes.md), written out independently of the code under test.
const SEED: Record<NeedId, [ApiId, 'runtime' | 'mantle']> = {
  'production-chat': ['converse', 'runtime'],
  'raw-payload': ['invoke-model', 'runtime'],
  'openai-migration': ['chat-completions', 'mantle'],
  'stateful-agent': ['responses', 'mantle'],
  'claude-native': ['messages', 'mantle'],
  'embeddings-rerank-image': ['invoke-model-embeddings', 'runtime'],
  'video': ['start-async-invoke', 'runtime'],
  'realtime-voice': ['bidirectional-stream', 'runtime'],
};

// What each snippet must call: the operation the recommendation names, in each language's SDK.
const CALLS: Record<ApiId, { typescript: RegExp; python: RegExp }> = {
  'converse': { typescript: /new ConverseStreamCommand\(/, python: /\.converse_stream\(/ },
  'invoke-model': { typescript: /new InvokeModelCommand\(/, python: /\.invoke_model\(/ },
  'chat-completions': { typescript: /\.chat\.completions\.create\(/, python: /\.chat\.completions\.create\(/ },
  'responses': { typescript: /previous_response_id: first\.id/, python: /previous_response_id=first\.id/ },
  'messages': { typescript: /\.messages\.stream\(/, python: /\.messages\.stream\(/ },
  'invoke-model-embeddings': { typescript: /amazon\.titan-embed-text-v2:0/, python: /amazon\.titan-embed-text-v2:0/ },
  'start-async-invoke': { typescript: /new StartAsyncInvokeCommand\(/, python: /\.start_async_invoke\(/ },
  'bidirectional-stream': { typescript: /new InvokeModelWithBidirectionalStreamCommand\(/, python: /invoke_model_with_bidirectional_stream\(/ },
};

const RUNTIME_HOST = /https:\/\/bedrock-runtime\.(\$\{region\}|\{region\})\.amazonaws\.com/;
const MANTLE_HOST = /https:\/\/bedrock-mantle\.(\$\{region\}|\{region\})\.api\.aws/;

describe('Which Bedrock API should I use? — decision table', () => {
  test('every need of the seed maps to the seed\'s API and endpoint family', () => {
    assert.deepEqual(NEEDS.map(n => n.id).sort(), Object.keys(SEED).sort());
    for (const need of NEEDS) {
      const r = recommend(need.id);
      assert.deepEqual([r.api, r.family], SEED[need.id], need.id);
      assert.ok(r.why.length > 40 && r.note.length > 20, `${need.id} explains itself`);
    }
  });

  test('the OpenAI and Anthropic recommendations say which features need mantle (runtime serves the APIs too)', () => {
    assert.match(recommend('openai-migration').note, /bedrock-runtime also serves/);
    assert.match(recommend('stateful-agent').note, /mantle only/);
  });
});

describe('starter snippets', () => {
  test('there is one per recommended API', () => {
    assert.deepEqual([...SNIPPET_APIS].sort(), [...new Set(Object.values(SEED).map(([api]) => api))].sort());
  });

  for (const api of Object.keys(CALLS) as ApiId[]) {
    const family = Object.values(SEED).find(([a]) => a === api)![1];
    test(`${api}: TypeScript parses, calls the API and names bedrock-${family}`, () => {
      const s = starterSnippet(api, 'typescript', 'eu-west-1');
      const out = ts.transpileModule(s.code, { reportDiagnostics: true, fileName: s.fileName, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      assert.deepEqual((out.diagnostics ?? []).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
      assert.match(s.code, CALLS[api].typescript);
      assert.match(s.code, family === 'runtime' ? RUNTIME_HOST : MANTLE_HOST);
      assert.doesNotMatch(s.code, family === 'runtime' ? /bedrock-mantle/ : /bedrock-runtime/);
      assert.match(s.code, /'eu-west-1'/, 'the chosen region is the default');
      assert.ok(s.fileName.endsWith('.ts'));
    });

    test(`${api}: Python parses, calls the API and names bedrock-${family}`, () => {
      const s = starterSnippet(api, 'python', 'eu-west-1');
      const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: s.code, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(s.code, CALLS[api].python);
      assert.match(s.code, family === 'runtime' ? RUNTIME_HOST : MANTLE_HOST);
      assert.doesNotMatch(s.code, family === 'runtime' ? /bedrock-mantle/ : /bedrock-runtime/);
      assert.match(s.code, /"eu-west-1"/);
      assert.ok(s.fileName.endsWith('.py'));
    });
  }

  test('the TypeScript snippets type-check against the SDKs this repository installs (stricter than parsing)', () => {
    // Written under out/ so module resolution finds node_modules; the openai, AWS and Anthropic SDKs are dependencies.
    const dir = path.join(root, 'out', 'snippet-typecheck');
    fs.mkdirSync(dir, { recursive: true });
    const files = SNIPPET_APIS.map(api => {
      const s = starterSnippet(api, 'typescript');
      const file = path.join(dir, s.fileName);
      fs.writeFileSync(file, `export {};\n${s.code}`);
      return file;
    });
    const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, types: ['node'], skipLibCheck: true, esModuleInterop: true });
    const problems = ts.getPreEmitDiagnostics(program).filter(d => d.file && files.includes(path.resolve(d.file.fileName)))
      .map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    assert.deepEqual(problems, []);
  });
});
