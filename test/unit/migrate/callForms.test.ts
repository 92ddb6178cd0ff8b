import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { findSites, initMigrationEngine, migrate, type MigrationTarget } from '../../../src/migrate';
import { jsSyntaxErrors, pythonSyntaxErrors } from './corpusFiles';

// One test per call form real code uses (issue 19): each is found, migrates (or is reported with
// a reason) for both targets, the output parses, and a second run changes nothing.

before(() => initMigrationEngine());

const kinds = (text: string, file: string) => findSites(text, file).map(s => `${s.line}:${s.kind}`);

function migrated(text: string, file: string, target: MigrationTarget) {
  const result = migrate(text, file, { target, from: 'openai' });
  assert.equal(migrate(result.text, file, { target, from: 'openai' }).text, result.text, `${file} (${target}) is not stable`);
  if (file.endsWith('.py')) assert.deepEqual(pythonSyntaxErrors([[file, result.text]]), {});
  else assert.deepEqual(jsSyntaxErrors(result.text, file), []);
  return result;
}

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

test('Python module-level client: `import openai` then openai.chat.completions.create is a site, and migrates', () => {
  const text = py('import openai', '', 'r = openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])', 'print(r.choices[0].message.content)');
  assert.deepEqual(kinds(text, 'a.py'), ['3:chat.completions.create']);
  const mantle = migrated(text, 'a.py', 'mantle');
  assert.match(mantle.text, /openai\.base_url = "https:\/\/bedrock-mantle\.us-east-1\.api\.aws\/v1"/);
  assert.match(mantle.text, /model="openai\.gpt-oss-120b"/);
  const converse = migrated(text, 'a.py', 'converse');
  assert.match(converse.text, /bedrock_runtime\.converse\(modelId="openai\.gpt-oss-120b-1:0"/);
  assert.match(converse.text, /r\["output"\]\["message"\]\["content"\]\[0\]\["text"\]/);
});

test('Python module-level client aimed at another host (openai.base_url = Ollama) is a look-alike', () => {
  const text = py('import openai', 'openai.base_url = "http://localhost:11434/v1"', 'openai.chat.completions.create(model="llama3", messages=[])');
  assert.deepEqual(kinds(text, 'a.py'), []);
});

test('Python `async with await client.responses.create(..., background=True, stream=True)` is a streaming responses site', () => {
  const text = py('from openai import AsyncOpenAI', '', 'async def main():', '    client = AsyncOpenAI()', '    async with await client.responses.create(model="gpt-4o", input="hi", background=True, stream=True) as stream:', '        async for event in stream:', '            print(event)');
  const sites = findSites(text, 'a.py');
  const call = sites.find(s => s.kind === 'responses.create');
  assert.ok(call && call.streaming && call.async, JSON.stringify(sites));
  assert.match(migrated(text, 'a.py', 'mantle').text, /model="openai\.gpt-oss-120b"/);
  assert.equal(migrated(text, 'a.py', 'converse').sites.find(s => s.kind === 'responses.create')?.status, 'manual');
});

test('TypeScript helpers: chat.completions.parse, a chained .stream on the next line, runTools, .withResponse()', () => {
  const text = [
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    'export async function main() {',
    "  const parsed = await client.chat.completions.parse({ model: 'gpt-4o', messages: [] });",
    '  const stream = client.chat.completions',
    "    .stream({ model: 'gpt-4o', messages: [] });",
    "  const runner = client.beta.chat.completions.runTools({ model: 'gpt-4o', messages: [], tools: [] });",
    "  const raw = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).withResponse();",
    '  return [parsed, stream, runner, raw];',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(kinds(text, 'a.ts'), ['2:client-construct', '4:beta.parse', '5:chat.completions.stream', '7:chat.completions.runTools', '8:chat.completions.create']);
  const mantle = migrated(text, 'a.ts', 'mantle');
  assert.equal((mantle.text.match(/model: 'openai\.gpt-oss-120b'/g) ?? []).length, 4);
  const converse = migrated(text, 'a.ts', 'converse');
  assert.deepEqual(converse.sites.filter(s => s.kind !== 'client-construct').map(s => s.status), ['manual', 'manual', 'manual', 'manual']);
  assert.match(converse.sites[4].notes.join(' '), /withResponse/);
});

test('legacy v0: ChatCompletion, Completion, Embedding and acreate are sites; Moderation is reported with a link', () => {
  const text = py('import openai', '', 'a = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}])', 'b = openai.Completion.create(model="text-davinci-003", prompt="x")', 'c = openai.Embedding.create(model="text-embedding-ada-002", input="x")', 'async def f():', '    return await openai.ChatCompletion.acreate(model="gpt-4", messages=[])', 'm = openai.Moderation.create(input="x")');
  assert.deepEqual(kinds(text, 'a.py'), ['3:legacy-v0', '4:legacy-v0', '5:legacy-v0', '7:legacy-v0', '8:unsupported']);
  const mantle = migrated(text, 'a.py', 'mantle');
  assert.match(mantle.text, /openai\.api_base = "https:\/\/bedrock-mantle/);
  assert.match(mantle.sites[4].notes[0], /Guardrails .*https:\/\/docs\.aws\.amazon\.com/);
  const converse = migrated(text, 'a.py', 'converse');
  assert.equal(converse.sites[0].status, 'migrated');
  assert.match(converse.text, /bedrock_runtime\.converse\(/);
});

test('AzureOpenAI / AsyncAzureOpenAI (Python) become OpenAI with the Bedrock provider', () => {
  const text = py('from openai import AzureOpenAI, AsyncAzureOpenAI', '', 'client = AzureOpenAI(api_version="2024-02-01", azure_endpoint="https://x.openai.azure.com")', 'aclient = AsyncAzureOpenAI(api_version="2024-02-01", azure_endpoint="https://x.openai.azure.com")', 'r = client.chat.completions.create(model="gpt-4o", messages=[])');
  assert.deepEqual(kinds(text, 'a.py'), ['3:client-construct', '4:client-construct', '5:chat.completions.create']);
  const mantle = migrated(text, 'a.py', 'mantle').text;
  assert.match(mantle, /^client = OpenAI\(provider=bedrock\(region="us-east-1"\)\)$/m);
  assert.match(mantle, /^aclient = AsyncOpenAI\(provider=bedrock\(region="us-east-1"\)\)$/m);
  assert.match(mantle, /^from openai import OpenAI, AsyncOpenAI$/m);
  assert.doesNotMatch(mantle, /^from openai import AzureOpenAI/m, 'the replaced Azure classes are still imported');
  assert.doesNotMatch(mantle, /azure_endpoint=/);
  assert.match(migrated(text, 'a.py', 'converse').text, /client = boto3\.client\("bedrock-runtime"/);
});

test('AzureOpenAI (JS, from openai) becomes OpenAI with the Bedrock provider', () => {
  const text = "import { AzureOpenAI } from 'openai';\nconst client = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com', apiVersion: '2024-10-21' });\nexport const r = client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
  assert.deepEqual(kinds(text, 'a.ts'), ['2:client-construct', '3:chat.completions.create']);
  const mantle = migrated(text, 'a.ts', 'mantle').text;
  assert.match(mantle, /new OpenAI\(\{ provider: bedrock\(\{ region: 'us-east-1' \}\) \}\)/);
  assert.match(mantle, /^import OpenAI from 'openai';$/m);
  assert.doesNotMatch(mantle, /import \{ AzureOpenAI \}/, 'the replaced Azure class is still imported');
});

test('client.beta.chat.completions.parse and with_raw_response are sites', () => {
  const text = py('from openai import OpenAI', 'client = OpenAI()', 'p = client.beta.chat.completions.parse(model="gpt-4o", messages=[], response_format=dict)', 'raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[])');
  assert.deepEqual(kinds(text, 'a.py'), ['2:client-construct', '3:beta.parse', '4:chat.completions.create']);
  const converse = migrated(text, 'a.py', 'converse');
  assert.equal(converse.sites[2].status, 'manual');
  assert.match(converse.sites[2].notes[0], /with_raw_response/);
});

test('embeddings and images.generate are sites with InvokeModel guidance; audio, fine-tuning, assistants, files, batches are reported with links', () => {
  const text = py('from openai import OpenAI', 'client = OpenAI()', 'e = client.embeddings.create(model="text-embedding-3-small", input="x")', 'i = client.images.generate(model="dall-e-3", prompt="x")', 'a = client.audio.transcriptions.create(model="whisper-1", file=f)', 'j = client.fine_tuning.jobs.create(model="gpt-4o-mini", training_file="f")', 's = client.beta.assistants.create(model="gpt-4o")', 'u = client.files.create(file=f, purpose="batch")', 'b = client.batches.create(input_file_id="x", endpoint="/v1/chat/completions", completion_window="24h")');
  assert.deepEqual(kinds(text, 'a.py'), ['2:client-construct', '3:embeddings.create', '4:images.generate', '5:unsupported', '6:unsupported', '7:unsupported', '8:unsupported', '9:unsupported']);
  for (const target of ['mantle', 'converse'] as const) {
    const r = migrated(text, 'a.py', target);
    // Converse rewrites embeddings and images to InvokeModel; mantle has no endpoint for them and says where to go
    for (const s of r.sites.slice(target === 'converse' ? 3 : 1)) {
      assert.equal(s.status, 'manual', `${target} line ${s.line}`);
      assert.ok(s.notes.some(n => /InvokeModel|invoke_model|https:\/\//.test(n)), `${target} line ${s.line}: ${s.notes.join('; ')}`);
    }
  }
  const converse = migrated(text, 'a.py', 'converse');
  assert.deepEqual(converse.sites.slice(1, 3).map(s => s.status), ['migrated', 'migrated']);
  assert.match(converse.text, /e = json\.loads\(client\.invoke_model\(modelId="amazon\.titan-embed-text-v2:0", body=json\.dumps\(\{"inputText": "x"\}\)\)\["body"\]\.read\(\)\)/);
  assert.match(converse.text, /i = json\.loads\(client\.invoke_model\(modelId="amazon\.nova-canvas-v1:0", body=json\.dumps\(\{"taskType": "TEXT_IMAGE", "textToImageParams": \{"text": "x"\}/);
});

test('InvokeModel rewrites: reads follow the new response, a list goes to Cohere, an image URL read keeps the call as it was', () => {
  const text = py('from openai import OpenAI', 'client = OpenAI()', 'r = client.embeddings.create(model="text-embedding-3-small", input="hi")', 'v = r.data[0].embedding', 'm = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])', 'w = m.data[1].embedding', 'u = client.images.generate(model="dall-e-3", prompt="fox").data[0].url');
  const r = migrated(text, 'a.py', 'converse');
  assert.match(r.text, /^v = r\["embedding"\]$/m);
  assert.match(r.text, /modelId="cohere\.embed-multilingual-v3", body=json\.dumps\(\{"texts": \["a", "b"\], "input_type": "search_document"\}\)/);
  assert.match(r.text, /^w = m\["embeddings"\]\[1\]$/m);
  assert.match(r.text, /^u = client\.images\.generate\(model="dall-e-3", prompt="fox"\)\.data\[0\]\.url$/m);
  assert.match(r.sites[3].notes[0], /not URLs/);
  const js = "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function f() {\n  const img = await client.images.generate({ model: 'dall-e-3', prompt: 'fox', size: '1792x1024', n: 2 });\n  return img.data[0].b64_json;\n}\n";
  const out = migrated(js, 'a.ts', 'converse').text;
  assert.match(out, /InvokeModelCommand\(\{ modelId: 'amazon\.nova-canvas-v1:0', body: JSON\.stringify\(\{ taskType: 'TEXT_IMAGE', textToImageParams: \{ text: 'fox' \}, imageGenerationConfig: \{ numberOfImages: 2, width: 1792, height: 1024 \} \}\) \}\)/);
  assert.match(out, /return img\.images\[0\];/);
});

test('look-alikes: OpenAI clients aimed at Groq, Ollama or Together, and code already on Bedrock, are not sites', () => {
  const text = py(
    'from openai import OpenAI',
    'groq = OpenAI(base_url="https://api.groq.com/openai/v1", api_key="k")',
    'ollama = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")',
    'together = OpenAI(base_url="https://api.together.xyz/v1")',
    'from openai.providers import bedrock',
    'done = OpenAI(provider=bedrock(region="us-east-1"))',
    'mantle = OpenAI(base_url="https://bedrock-mantle.us-east-1.api.aws/v1")',
    'for c in (groq, ollama, together, done, mantle):',
    '    pass',
    'groq.chat.completions.create(model="llama3-70b", messages=[])',
    'ollama.chat.completions.create(model="llama3", messages=[])',
    'done.chat.completions.create(model="openai.gpt-oss-120b", messages=[])',
  );
  assert.deepEqual(kinds(text, 'a.py'), []);
  const js = "import OpenAI from 'openai';\nconst groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\nexport const r = groq.chat.completions.create({ model: 'llama3-70b', messages: [] });\n";
  assert.deepEqual(kinds(js, 'a.ts'), []);
  const official = "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://api.openai.com/v1' });\n";
  assert.deepEqual(kinds(official, 'a.ts'), ['2:client-construct']);
});

test('Anthropic clients: the official host is a site, a client already on mantle is not (no lens offers to migrate it again)', () => {
  const text = py('from anthropic import Anthropic', 'a = Anthropic(base_url="https://api.anthropic.com")', 'b = Anthropic(base_url="https://bedrock-mantle.us-east-1.api.aws/anthropic", auth_token="k")');
  assert.deepEqual(findSites(text, 'a.py').map(s => `${s.line}:${s.kind}`), ['2:anthropic-construct']);
  const js = "import Anthropic from '@anthropic-ai/sdk';\nexport const a = new Anthropic({ baseURL: 'https://api.anthropic.com' });\nexport const b = new Anthropic({ baseURL: 'https://bedrock-mantle.us-east-1.api.aws/anthropic' });\n";
  assert.deepEqual(findSites(js, 'a.ts').map(s => `${s.line}:${s.kind}`), ['2:anthropic-construct']);
});
