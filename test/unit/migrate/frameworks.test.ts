import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { findSites, initMigrationEngine, migrate, type MigrationTarget } from '../../../src/migrate';
import { jsSyntaxErrors, pythonSyntaxErrors } from './corpusFiles';

// Frameworks through which apps call OpenAI move to their own Bedrock integrations, for either target.

before(() => initMigrationEngine());

const targets: MigrationTarget[] = ['mantle', 'converse'];
function run(text: string, file: string, target: MigrationTarget) {
  const r = migrate(text, file, { target, from: 'openai' });
  assert.equal(migrate(r.text, file, { target, from: 'openai' }).text, r.text, 'a second run must change nothing');
  if (file.endsWith('.py')) assert.deepEqual(pythonSyntaxErrors([[file, r.text]]), {});
  else assert.deepEqual(jsSyntaxErrors(r.text, file), []);
  return r;
}

test('LangChain Python: ChatOpenAI / OpenAIEmbeddings → langchain_aws ChatBedrockConverse / BedrockEmbeddings', () => {
  const text = 'from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\nllm = ChatOpenAI(model="gpt-4o", temperature=0, api_key="k")\nemb = OpenAIEmbeddings(model="text-embedding-3-small")\nprint(llm.invoke("hi").content, emb.embed_query("x"))\n';
  assert.deepEqual(findSites(text, 'a.py').map(s => s.kind), ['langchain.chat', 'langchain.embeddings']);
  for (const target of targets) {
    const r = run(text, 'a.py', target);
    assert.match(r.text, /^from langchain_aws import BedrockEmbeddings, ChatBedrockConverse$/m);
    assert.doesNotMatch(r.text, /langchain_openai/);
    assert.match(r.text, /llm = ChatBedrockConverse\(model="openai\.gpt-oss-120b-1:0", region_name="us-east-1", temperature=0\)/);
    assert.match(r.text, /emb = BedrockEmbeddings\(model_id="amazon\.titan-embed-text-v2:0", region_name="us-east-1"\)/);
    assert.deepEqual(r.dependencies, [{ ecosystem: 'pip', spec: 'langchain-aws' }]);
  }
});

test('LlamaIndex: llama_index.llms.openai.OpenAI → llama_index.llms.bedrock_converse.BedrockConverse', () => {
  const text = 'from llama_index.llms.openai import OpenAI\n\nllm = OpenAI(model="gpt-4o-mini", temperature=0.1, api_key="k")\nprint(llm.complete("hi"))\n';
  assert.deepEqual(findSites(text, 'a.py').map(s => s.kind), ['llamaindex.llm']);
  const r = run(text, 'a.py', 'converse');
  assert.match(r.text, /^from llama_index\.llms\.bedrock_converse import BedrockConverse$/m);
  assert.match(r.text, /llm = BedrockConverse\(model="openai\.gpt-oss-20b-1:0", region_name="us-east-1", temperature=0\.1\)/);
  assert.doesNotMatch(r.text, /llama_index\.llms\.openai/);
});

test('LangChain JS: @langchain/openai → @langchain/aws', () => {
  const text = "import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';\n\nexport const llm = new ChatOpenAI({ model: 'gpt-4o', temperature: 0 });\nexport const emb = new OpenAIEmbeddings({ model: 'text-embedding-3-small' });\n";
  assert.deepEqual(findSites(text, 'a.ts').map(s => s.kind), ['langchain.chat', 'langchain.embeddings']);
  const r = run(text, 'a.ts', 'mantle');
  assert.match(r.text, /^import \{ BedrockEmbeddings, ChatBedrockConverse \} from '@langchain\/aws';$/m);
  assert.match(r.text, /new ChatBedrockConverse\(\{ model: 'openai\.gpt-oss-120b-1:0', region: 'us-east-1', temperature: 0 \}\)/);
  assert.match(r.text, /new BedrockEmbeddings\(\{ model: 'amazon\.titan-embed-text-v2:0', region: 'us-east-1' \}\)/);
  assert.doesNotMatch(r.text, /@langchain\/openai/);
});

test('Vercel AI SDK: openai(…), openai.embedding(…), createOpenAI(…) → @ai-sdk/amazon-bedrock; a createOpenAI aimed at Groq stays', () => {
  const text = [
    "import { openai, createOpenAI } from '@ai-sdk/openai';",
    "import { generateText, embed } from 'ai';",
    "const groq = createOpenAI({ baseURL: 'https://api.groq.com/openai/v1' });",
    "const mine = createOpenAI({ apiKey: process.env.KEY });",
    'export async function main() {',
    "  const a = await generateText({ model: openai('gpt-4o'), prompt: 'hi' });",
    "  const b = await embed({ model: openai.embedding('text-embedding-3-small'), value: 'x' });",
    "  const c = await generateText({ model: mine.chat('gpt-4o-mini'), prompt: 'hi' });",
    "  const d = await generateText({ model: groq('llama-3.1-70b'), prompt: 'hi' });",
    '  return [a, b, c, d];',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(findSites(text, 'a.ts').map(s => `${s.line}:${s.kind}`), ['4:ai-sdk.provider', '6:ai-sdk.model', '7:ai-sdk.model', '8:ai-sdk.model']);
  const r = run(text, 'a.ts', 'converse');
  assert.match(r.text, /^import \{ bedrock, createAmazonBedrock \} from '@ai-sdk\/amazon-bedrock';$/m);
  assert.match(r.text, /const mine = createAmazonBedrock\(\{ region: 'us-east-1' \}\);/);
  assert.match(r.text, /model: bedrock\('openai\.gpt-oss-120b-1:0'\)/);
  assert.match(r.text, /model: bedrock\.embedding\('amazon\.titan-embed-text-v2:0'\)/);
  assert.match(r.text, /model: mine\('openai\.gpt-oss-20b-1:0'\)/);
  assert.match(r.text, /groq\('llama-3\.1-70b'\)/);
  assert.match(r.text, /^import \{ createOpenAI \} from '@ai-sdk\/openai';$/m);
});

test('AI SDK next to an OpenAI client on mantle: the AI SDK provider is imported under another name than the OpenAI SDK\'s `bedrock`', () => {
  const text = "import OpenAI from 'openai';\nimport { openai } from '@ai-sdk/openai';\nexport const client = new OpenAI();\nexport const model = openai('gpt-4o');\n";
  const r = run(text, 'a.ts', 'mantle');
  assert.match(r.text, /^import \{ bedrock \} from 'openai\/providers\/bedrock\/aws';$/m);
  assert.match(r.text, /^import \{ bedrock as amazonBedrock \} from '@ai-sdk\/amazon-bedrock';$/m);
  assert.match(r.text, /^export const model = amazonBedrock\('openai\.gpt-oss-120b-1:0'\);$/m);
});
