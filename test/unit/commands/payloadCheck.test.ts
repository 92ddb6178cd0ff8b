import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkPayload, locatePointer, parsePayload } from '../../../src/commands/rawPayload/payloadCheck';
import { elideJson } from '../../../src/commands/rawPayload/rawResponse';
import { payloadSchema, payloadTemplate, type InvokeFamily } from '../../../src/service/runtime';

const root = path.resolve(__dirname, '../../../..');
const FAMILIES: InvokeFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'mistral-chat', 'openai', 'titan-embed', 'cohere-embed', 'cohere-rerank', 'nova-canvas'];
const schema = (f: InvokeFamily) => payloadSchema(f) as Record<string, unknown>;

describe('raw payload check', () => {
  test('every family\'s template passes its own schema (streaming variants too)', () => {
    for (const f of FAMILIES) {
      assert.deepEqual(checkPayload(payloadTemplate(f), schema(f)), [], f);
      assert.deepEqual(checkPayload(payloadTemplate(f, true), schema(f)), [], `${f} stream`);
    }
  });

  test('a JSON syntax error is reported with where it is', () => {
    const text = '{\n  "max_tokens": 10,\n  "messages": [}\n';
    const r = parsePayload(text);
    assert.equal(r.value, undefined);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^Not valid JSON/);
    assert.ok(r.problems[0].offset !== undefined && text.slice(0, r.problems[0].offset).split('\n').length === 3, `offset ${r.problems[0].offset}`);
  });

  test('Anthropic body: a missing anthropic_version, a string max_tokens and a bad role are each named', () => {
    const body = { max_tokens: '10', messages: [{ role: 'system', content: 'hi' }] };
    const messages = checkPayload(body, schema('anthropic')).map(p => p.message);
    assert.deepEqual(messages, [
      'the body: missing required field "anthropic_version"',
      '/max_tokens: expected integer, found string',
      '/messages/0/role: must be one of "user", "assistant"',
    ]);
  });

  test('bounds, enums, array sizes and consts', () => {
    const p = (f: InvokeFamily, body: unknown) => checkPayload(body, schema(f)).map(x => x.message);
    assert.deepEqual(p('titan-embed', { inputText: 'x', dimensions: 100 }), ['/dimensions: must be one of 256, 512, 1024']);
    assert.deepEqual(p('cohere-rerank', { query: 'q', documents: [], api_version: 1 }), ['/documents: needs at least 1 item', '/api_version: must be 2']);
    assert.deepEqual(p('nova-canvas', { taskType: 'TEXT_IMAGE', imageGenerationConfig: { width: 100, numberOfImages: 9 } }), ['/imageGenerationConfig/numberOfImages: must be at most 5', '/imageGenerationConfig/width: must be at least 320']);
    assert.deepEqual(p('anthropic', []), ['the body: expected object, found array']);
  });

  test('a problem is located at its key in the text', () => {
    const text = JSON.stringify({ messages: [{ role: 'x' }], role: 'y' }, null, 2);
    const at = locatePointer(text, '/messages/0/role')!;
    assert.equal(text.slice(at, at + 6), '"role"');
    assert.ok(at < text.lastIndexOf('"role"'), 'the role inside messages, not the later one');
  });

  test('the decoded view shortens base64 images and long vectors', () => {
    const v = elideJson({ images: ['A'.repeat(5000)], embedding: Array.from({ length: 1024 }, (_, i) => i) }) as { images: string[]; embedding: unknown[] };
    assert.match(v.images[0], /^A{160}… \(5,000 characters\)$/);
    assert.equal(v.embedding.length, 13);
    assert.equal(v.embedding[12], '… 1012 more of 1024');
  });

  // The JSON language server validates payload files against media/schemas/<family>.json (contributes.jsonValidation).
  test('media/schemas holds each family\'s current schema, and package.json wires each to its file pattern', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    for (const f of FAMILIES) {
      const file = path.join(root, 'media', 'schemas', `${f}.json`);
      const expected = JSON.stringify(payloadSchema(f), null, 2) + '\n';
      if (process.env.UPDATE_PAYLOAD_SCHEMAS) fs.writeFileSync(file, expected);
      assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)', expected, `${file} is stale: run the unit tests with UPDATE_PAYLOAD_SCHEMAS=1`);
      assert.ok(manifest.contributes.jsonValidation.some(j => j.fileMatch === `*.${f}.bedrock.json` && j.url === `./media/schemas/${f}.json`), `jsonValidation for ${f}`);
    }
  });
});
