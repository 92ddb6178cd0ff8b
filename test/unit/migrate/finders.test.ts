import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { findSites, initMigrationEngine } from '../../../src/migrate';

before(() => initMigrationEngine());

const brief = (text: string, file: string, from: 'openai' | 'anthropic' | 'all' = 'all') =>
  findSites(text, file, { from }).map(s => `${s.line}:${s.kind}${s.streaming ? ':stream' : ''}${s.async ? ':async' : ''}`);

test('JS: default import, alias, this.client, typed parameter and factory are followed', () => {
  const text = [
    "import OpenAI from 'openai';",
    'const client = new OpenAI();',
    'const alias = client;',
    'class Svc {',
    '  private openai = new OpenAI({ timeout: 5 });',
    '  async run() { return this.openai.responses.create({ model: "gpt-4o", input: "x" }); }',
    '}',
    'export async function useIt(c: OpenAI) { await c.embeddings.create({ model: "text-embedding-3-small", input: "a" }); }',
    'function make(): OpenAI { return new OpenAI(); }',
    'make().images.generate({ model: "dall-e-3", prompt: "p" });',
    'alias.chat.completions.create({ model: "gpt-4o", messages: [], stream: true });',
    'client.beta.chat.completions.parse({ model: "gpt-4o", messages: [] });',
  ].join('\n');
  assert.deepEqual(brief(text, 'a.ts'), [
    '2:client-construct', '5:client-construct', '6:responses.create', '8:embeddings.create:async', '9:client-construct',
    '10:images.generate', '11:chat.completions.create:stream', '12:beta.parse',
  ]);
});

test('JS: require, named and namespace imports; look-alikes are ignored', () => {
  const cjs = "const { OpenAI } = require('openai');\nconst o = new OpenAI();\no.chat.completions.stream({ model: 'gpt-4o', messages: [] });\n";
  assert.deepEqual(brief(cjs, 'a.js'), ['2:client-construct', '3:chat.completions.stream:stream']);
  const ns = "import * as oa from 'openai';\nconst o = new oa.OpenAI();\nawait o.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
  assert.deepEqual(brief(ns, 'a.mjs'), ['2:client-construct', '3:chat.completions.create:async']);
  const lookalike = [
    "import OpenAI from './openai';",
    "import Groq from 'groq-sdk';",
    'const a = new OpenAI();',
    'const g = new Groq();',
    "a.chat.completions.create({ model: 'gpt-4o', messages: [] });",
    "g.chat.completions.create({ model: 'llama', messages: [] });",
  ].join('\n');
  assert.deepEqual(brief(lookalike, 'a.ts'), []);
});

test('JS: Anthropic clients are found and selected by source', () => {
  const text = "import Anthropic from '@anthropic-ai/sdk';\nimport OpenAI from 'openai';\nconst a = new Anthropic();\nconst o = new OpenAI();\nawait a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });\na.messages.stream({ model: 'x', max_tokens: 1, messages: [] });\n";
  assert.deepEqual(brief(text, 'a.ts', 'anthropic'), ['3:anthropic-construct', '5:messages.create:async', '6:messages.stream:stream']);
  assert.deepEqual(brief(text, 'a.ts', 'openai'), ['4:client-construct']);
});

test('Python: module and class imports, self.client, typed params, aliases, async and legacy calls', () => {
  const text = [
    'import openai',
    'from openai import AsyncOpenAI as AO',
    'from openai import OpenAI',
    '',
    'class Bot:',
    '    def __init__(self):',
    '        self.client = openai.OpenAI()',
    '    def ask(self, q):',
    '        return self.client.chat.completions.create(model="gpt-4o", messages=[], stream=True)',
    '',
    'aclient = AO()',
    'async def go():',
    '    return await aclient.embeddings.create(model="text-embedding-3-small", input="x")',
    '',
    'def run(c: OpenAI):',
    '    alias = c',
    '    alias.images.generate(model="dall-e-3", prompt="p")',
    '',
    'openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])',
    'openai.Embedding.create(model="text-embedding-ada-002", input="x")',
    'with OpenAI() as scoped:',
    '    scoped.responses.create(model="gpt-4o", input="x", stream=True)',
  ].join('\n');
  assert.deepEqual(brief(text, 'a.py'), [
    '7:client-construct', '9:chat.completions.create:stream', '11:client-construct:async', '13:embeddings.create:async',
    '17:images.generate', '19:legacy-v0', '20:legacy-v0', '21:client-construct', '22:responses.create:stream',
  ]);
});

test('Python: look-alikes (groq, langchain aimed at Groq, a local OpenAI class) are ignored', () => {
  const text = [
    'from groq import Groq',
    'from langchain_openai import ChatOpenAI',
    'ChatOpenAI(model="llama3-70b", base_url="https://api.groq.com/openai/v1")',
    'from myproject.llm import OpenAI',
    'g = Groq()',
    'g.chat.completions.create(model="llama", messages=[])',
    'OpenAI().chat.completions.create(model="gpt-4o", messages=[])',
  ].join('\n');
  assert.deepEqual(brief(text, 'a.py'), []);
});
