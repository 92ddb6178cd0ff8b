/**
 * Runnable starter programs for each recommendation, in TypeScript and Python. Each names its endpoint explicitly
 * (bedrock-runtime or bedrock-mantle) so the reader sees which family it talks to, and reads credentials the way
 * that family's SDK does. No vscode import: unit tests parse every snippet (TypeScript compiler, Python `ast`).
 */
import type { ApiId } from './decisionTable';

export type SnippetLanguage = 'typescript' | 'python';

export interface Snippet {
  language: SnippetLanguage;
  /** Suggested file name, e.g. `bedrock_converse.py`. */
  fileName: string;
  code: string;
}

type Template = (region: string) => string;

const TS: Record<ApiId, Template> = {
  'converse': region => `// Converse (ConverseStream) on bedrock-runtime: the AWS-native API for production chat.
// npm install @aws-sdk/client-bedrock-runtime   (credentials: the default AWS chain: profile, SSO, env, role)
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

const region = process.env.AWS_REGION ?? '${region}';
const client = new BedrockRuntimeClient({ region, endpoint: \`https://bedrock-runtime.\${region}.amazonaws.com\` });

async function main(): Promise<void> {
  const response = await client.send(new ConverseStreamCommand({
    modelId: 'us.amazon.nova-lite-v1:0', // an inference profile id; the base id works for older models
    system: [{ text: 'You are a concise assistant.' }],
    messages: [{ role: 'user', content: [{ text: 'Explain what an inference profile is in two sentences.' }] }],
    inferenceConfig: { maxTokens: 512, temperature: 0.5 },
  }));
  for await (const event of response.stream ?? []) {
    if (event.contentBlockDelta?.delta?.text) process.stdout.write(event.contentBlockDelta.delta.text);
    if (event.metadata?.usage) console.log(\`\\n\${event.metadata.usage.inputTokens} in / \${event.metadata.usage.outputTokens} out tokens\`);
  }
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'invoke-model': region => `// InvokeModel on bedrock-runtime: the model's own request body, sent as written (here: Anthropic Claude).
// npm install @aws-sdk/client-bedrock-runtime
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

const region = process.env.AWS_REGION ?? '${region}';
const client = new BedrockRuntimeClient({ region, endpoint: \`https://bedrock-runtime.\${region}.amazonaws.com\` });

async function main(): Promise<void> {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 512,
    system: 'You are a concise assistant.',
    messages: [{ role: 'user', content: 'Explain what an inference profile is in two sentences.' }],
  };
  const response = await client.send(new InvokeModelCommand({
    modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    contentType: 'application/json',
    accept: 'application/json',
    body: JSON.stringify(body),
  }));
  const reply = JSON.parse(new TextDecoder().decode(response.body));
  console.log(reply.content[0].text);
  console.log(\`\${reply.usage.input_tokens} in / \${reply.usage.output_tokens} out tokens\`);
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'chat-completions': region => `// OpenAI Chat Completions on bedrock-mantle: existing OpenAI code with a different client and model id.
// npm install openai   (set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key)
import OpenAI from 'openai';

const region = process.env.AWS_REGION ?? '${region}';
const client = new OpenAI({
  baseURL: \`https://bedrock-mantle.\${region}.api.aws/v1\`,
  apiKey: process.env.AWS_BEARER_TOKEN_BEDROCK,
});

async function main(): Promise<void> {
  const stream = await client.chat.completions.create({
    model: 'openai.gpt-oss-120b',
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'Explain what an inference profile is in two sentences.' },
    ],
    stream: true,
  });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
  process.stdout.write('\\n');
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'responses': region => `// OpenAI Responses on bedrock-mantle: the server keeps the conversation between turns.
// npm install openai   (set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key)
import OpenAI from 'openai';

const region = process.env.AWS_REGION ?? '${region}';
const client = new OpenAI({
  baseURL: \`https://bedrock-mantle.\${region}.api.aws/v1\`,
  apiKey: process.env.AWS_BEARER_TOKEN_BEDROCK,
});

async function main(): Promise<void> {
  const first = await client.responses.create({
    model: 'openai.gpt-oss-120b',
    instructions: 'You are a concise assistant.',
    input: 'Name one use of an inference profile.',
    store: true,
  });
  console.log(first.output_text);
  // The next turn sends only what is new; the server supplies the rest.
  const second = await client.responses.create({
    model: 'openai.gpt-oss-120b',
    previous_response_id: first.id,
    input: 'And one more?',
    store: true,
  });
  console.log(second.output_text);
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'messages': region => `// Anthropic Messages on bedrock-mantle: Claude through Anthropic's own SDK.
// npm install @anthropic-ai/bedrock-sdk   (auth: AWS_BEARER_TOKEN_BEDROCK, else your AWS credentials, SigV4)
import { AnthropicBedrockMantle } from '@anthropic-ai/bedrock-sdk';

const region = process.env.AWS_REGION ?? '${region}';
const client = new AnthropicBedrockMantle({
  awsRegion: region,
  baseURL: \`https://bedrock-mantle.\${region}.api.aws/anthropic\`,
});

async function main(): Promise<void> {
  const stream = client.messages.stream({
    model: 'anthropic.claude-sonnet-4-5',
    max_tokens: 512,
    system: 'You are a concise assistant.',
    messages: [{ role: 'user', content: 'Explain what an inference profile is in two sentences.' }],
  });
  stream.on('text', text => process.stdout.write(text));
  const message = await stream.finalMessage();
  console.log(\`\\n\${message.usage.input_tokens} in / \${message.usage.output_tokens} out tokens\`);
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'invoke-model-embeddings': region => `// InvokeModel on bedrock-runtime for embeddings (Titan Text Embeddings V2); rerank and image models work the same way.
// npm install @aws-sdk/client-bedrock-runtime
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

const region = process.env.AWS_REGION ?? '${region}';
const client = new BedrockRuntimeClient({ region, endpoint: \`https://bedrock-runtime.\${region}.amazonaws.com\` });

async function embed(text: string): Promise<number[]> {
  const response = await client.send(new InvokeModelCommand({
    modelId: 'amazon.titan-embed-text-v2:0',
    contentType: 'application/json',
    body: JSON.stringify({ inputText: text, dimensions: 1024, normalize: true }),
  }));
  return JSON.parse(new TextDecoder().decode(response.body)).embedding;
}

async function main(): Promise<void> {
  const [a, b] = await Promise.all([embed('How do I rotate access keys?'), embed('Changing IAM credentials regularly')]);
  const cosine = a.reduce((sum, x, i) => sum + x * b[i], 0); // vectors are normalized
  console.log(\`\${a.length} dimensions, cosine similarity \${cosine.toFixed(3)}\`);
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'start-async-invoke': region => `// StartAsyncInvoke on bedrock-runtime: a Nova Reel video job that writes to S3, polled until it ends.
// npm install @aws-sdk/client-bedrock-runtime   (Bedrock must be allowed to write to the bucket)
import { BedrockRuntimeClient, GetAsyncInvokeCommand, StartAsyncInvokeCommand } from '@aws-sdk/client-bedrock-runtime';

const region = process.env.AWS_REGION ?? '${region}';
const client = new BedrockRuntimeClient({ region, endpoint: \`https://bedrock-runtime.\${region}.amazonaws.com\` });
const outputUri = process.env.VIDEO_OUTPUT_S3_URI ?? 's3://my-bucket/videos/';

async function main(): Promise<void> {
  const { invocationArn } = await client.send(new StartAsyncInvokeCommand({
    modelId: 'amazon.nova-reel-v1:1',
    modelInput: {
      taskType: 'TEXT_VIDEO',
      textToVideoParams: { text: 'A drone shot over a misty forest at sunrise' },
      videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720' },
    },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: outputUri } },
  }));
  for (;;) {
    const job = await client.send(new GetAsyncInvokeCommand({ invocationArn }));
    console.log(job.status);
    if (job.status === 'Completed') return console.log(\`video: \${job.outputDataConfig?.s3OutputDataConfig?.s3Uri}/output.mp4\`);
    if (job.status === 'Failed') throw new Error(job.failureMessage);
    await new Promise(resolve => setTimeout(resolve, 15_000));
  }
}

main().catch(err => { console.error(err); process.exit(1); });
`,
  'bidirectional-stream': region => `// InvokeModelWithBidirectionalStream on bedrock-runtime (HTTP/2): one Nova Sonic turn, text in, transcript + audio out.
// npm install @aws-sdk/client-bedrock-runtime   (SigV4 credentials: Bedrock API keys are not accepted here)
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { BedrockRuntimeClient, InvokeModelWithBidirectionalStreamCommand } from '@aws-sdk/client-bedrock-runtime';

const region = process.env.AWS_REGION ?? '${region}';
const client = new BedrockRuntimeClient({ region, endpoint: \`https://bedrock-runtime.\${region}.amazonaws.com\` });
const promptName = randomUUID();
const contentName = randomUUID();
let answered: () => void = () => undefined;
const done = new Promise<void>(resolve => { answered = resolve; });

function chunk(event: object) {
  return { chunk: { bytes: new TextEncoder().encode(JSON.stringify({ event })) } };
}

async function* input() {
  yield chunk({ sessionStart: { inferenceConfiguration: { maxTokens: 1024, topP: 0.9, temperature: 0.7 } } });
  yield chunk({ promptStart: {
    promptName,
    textOutputConfiguration: { mediaType: 'text/plain' },
    audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: 24000, sampleSizeBits: 16, channelCount: 1, voiceId: 'matthew', encoding: 'base64', audioType: 'SPEECH' },
  } });
  yield chunk({ contentStart: { promptName, contentName, type: 'TEXT', interactive: true, role: 'USER', textInputConfiguration: { mediaType: 'text/plain' } } });
  yield chunk({ textInput: { promptName, contentName, content: 'Hello! What can you do?' } });
  yield chunk({ contentEnd: { promptName, contentName } });
  await done; // closing the session before the answer ends would cut it off
  yield chunk({ promptEnd: { promptName } });
  yield chunk({ sessionEnd: {} });
}

async function main(): Promise<void> {
  const response = await client.send(new InvokeModelWithBidirectionalStreamCommand({ modelId: 'amazon.nova-sonic-v1:0', body: input() }));
  const audio: Buffer[] = [];
  for await (const part of response.body ?? []) {
    if (!part.chunk?.bytes) continue;
    const event = JSON.parse(new TextDecoder().decode(part.chunk.bytes)).event ?? {};
    if (event.textOutput) process.stdout.write(\`\${event.textOutput.role}: \${event.textOutput.content}\\n\`);
    if (event.audioOutput) audio.push(Buffer.from(event.audioOutput.content, 'base64'));
    if (event.completionEnd) answered();
  }
  writeFileSync('answer.pcm', Buffer.concat(audio)); // 24 kHz 16-bit mono LPCM
}

main().catch(err => { console.error(err); process.exit(1); });
`,
};

const PY: Record<ApiId, Template> = {
  'converse': region => `"""Converse (ConverseStream) on bedrock-runtime: the AWS-native API for production chat.

pip install boto3   (credentials: the default AWS chain: profile, SSO, env, role)
"""
import os

import boto3

region = os.environ.get("AWS_REGION", "${region}")
client = boto3.client("bedrock-runtime", region_name=region, endpoint_url=f"https://bedrock-runtime.{region}.amazonaws.com")

response = client.converse_stream(
    modelId="us.amazon.nova-lite-v1:0",  # an inference profile id; the base id works for older models
    system=[{"text": "You are a concise assistant."}],
    messages=[{"role": "user", "content": [{"text": "Explain what an inference profile is in two sentences."}]}],
    inferenceConfig={"maxTokens": 512, "temperature": 0.5},
)
for event in response["stream"]:
    if "contentBlockDelta" in event:
        print(event["contentBlockDelta"]["delta"].get("text", ""), end="", flush=True)
    if "metadata" in event:
        usage = event["metadata"]["usage"]
        print(f"\\n{usage['inputTokens']} in / {usage['outputTokens']} out tokens")
`,
  'invoke-model': region => `"""InvokeModel on bedrock-runtime: the model's own request body, sent as written (here: Anthropic Claude).

pip install boto3
"""
import json
import os

import boto3

region = os.environ.get("AWS_REGION", "${region}")
client = boto3.client("bedrock-runtime", region_name=region, endpoint_url=f"https://bedrock-runtime.{region}.amazonaws.com")

body = {
    "anthropic_version": "bedrock-2023-05-31",
    "max_tokens": 512,
    "system": "You are a concise assistant.",
    "messages": [{"role": "user", "content": "Explain what an inference profile is in two sentences."}],
}
response = client.invoke_model(
    modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    contentType="application/json",
    accept="application/json",
    body=json.dumps(body),
)
reply = json.loads(response["body"].read())
print(reply["content"][0]["text"])
print(f"{reply['usage']['input_tokens']} in / {reply['usage']['output_tokens']} out tokens")
`,
  'chat-completions': region => `"""OpenAI Chat Completions on bedrock-mantle: existing OpenAI code with a different client and model id.

pip install openai   (set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key)
"""
import os

from openai import OpenAI

region = os.environ.get("AWS_REGION", "${region}")
client = OpenAI(
    base_url=f"https://bedrock-mantle.{region}.api.aws/v1",
    api_key=os.environ["AWS_BEARER_TOKEN_BEDROCK"],
)

stream = client.chat.completions.create(
    model="openai.gpt-oss-120b",
    messages=[
        {"role": "system", "content": "You are a concise assistant."},
        {"role": "user", "content": "Explain what an inference profile is in two sentences."},
    ],
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
`,
  'responses': region => `"""OpenAI Responses on bedrock-mantle: the server keeps the conversation between turns.

pip install openai   (set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key)
"""
import os

from openai import OpenAI

region = os.environ.get("AWS_REGION", "${region}")
client = OpenAI(
    base_url=f"https://bedrock-mantle.{region}.api.aws/v1",
    api_key=os.environ["AWS_BEARER_TOKEN_BEDROCK"],
)

first = client.responses.create(
    model="openai.gpt-oss-120b",
    instructions="You are a concise assistant.",
    input="Name one use of an inference profile.",
    store=True,
)
print(first.output_text)
# The next turn sends only what is new; the server supplies the rest.
second = client.responses.create(
    model="openai.gpt-oss-120b",
    previous_response_id=first.id,
    input="And one more?",
    store=True,
)
print(second.output_text)
`,
  'messages': region => `"""Anthropic Messages on bedrock-mantle: Claude through Anthropic's own SDK.

pip install "anthropic[bedrock]"   (auth: AWS_BEARER_TOKEN_BEDROCK, else your AWS credentials, SigV4)
"""
import os

from anthropic import AnthropicBedrockMantle

region = os.environ.get("AWS_REGION", "${region}")
client = AnthropicBedrockMantle(
    aws_region=region,
    base_url=f"https://bedrock-mantle.{region}.api.aws/anthropic",
)

with client.messages.stream(
    model="anthropic.claude-sonnet-4-5",
    max_tokens=512,
    system="You are a concise assistant.",
    messages=[{"role": "user", "content": "Explain what an inference profile is in two sentences."}],
) as stream:
    for text in stream.text_stream:
        print(text, end="", flush=True)
    message = stream.get_final_message()
print(f"\\n{message.usage.input_tokens} in / {message.usage.output_tokens} out tokens")
`,
  'invoke-model-embeddings': region => `"""InvokeModel on bedrock-runtime for embeddings (Titan Text Embeddings V2); rerank and image models work the same way.

pip install boto3
"""
import json
import os

import boto3

region = os.environ.get("AWS_REGION", "${region}")
client = boto3.client("bedrock-runtime", region_name=region, endpoint_url=f"https://bedrock-runtime.{region}.amazonaws.com")


def embed(text: str) -> list[float]:
    response = client.invoke_model(
        modelId="amazon.titan-embed-text-v2:0",
        contentType="application/json",
        body=json.dumps({"inputText": text, "dimensions": 1024, "normalize": True}),
    )
    return json.loads(response["body"].read())["embedding"]


a = embed("How do I rotate access keys?")
b = embed("Changing IAM credentials regularly")
cosine = sum(x * y for x, y in zip(a, b))  # vectors are normalized
print(f"{len(a)} dimensions, cosine similarity {cosine:.3f}")
`,
  'start-async-invoke': region => `"""StartAsyncInvoke on bedrock-runtime: a Nova Reel video job that writes to S3, polled until it ends.

pip install boto3   (Bedrock must be allowed to write to the bucket)
"""
import os
import time

import boto3

region = os.environ.get("AWS_REGION", "${region}")
client = boto3.client("bedrock-runtime", region_name=region, endpoint_url=f"https://bedrock-runtime.{region}.amazonaws.com")
output_uri = os.environ.get("VIDEO_OUTPUT_S3_URI", "s3://my-bucket/videos/")

job = client.start_async_invoke(
    modelId="amazon.nova-reel-v1:1",
    modelInput={
        "taskType": "TEXT_VIDEO",
        "textToVideoParams": {"text": "A drone shot over a misty forest at sunrise"},
        "videoGenerationConfig": {"durationSeconds": 6, "fps": 24, "dimension": "1280x720"},
    },
    outputDataConfig={"s3OutputDataConfig": {"s3Uri": output_uri}},
)
arn = job["invocationArn"]
while True:
    status = client.get_async_invoke(invocationArn=arn)
    print(status["status"])
    if status["status"] == "Completed":
        print(f"video: {status['outputDataConfig']['s3OutputDataConfig']['s3Uri']}/output.mp4")
        break
    if status["status"] == "Failed":
        raise RuntimeError(status.get("failureMessage", "the job failed"))
    time.sleep(15)
`,
  'bidirectional-stream': region => `"""InvokeModelWithBidirectionalStream on bedrock-runtime (HTTP/2): one Nova Sonic turn, text in, transcript + audio out.

boto3 has no bidirectional streams; AWS's Nova Sonic samples use the experimental SDK:
pip install aws_sdk_bedrock_runtime   (SigV4 credentials from the environment: API keys are not accepted here)
"""
import asyncio
import base64
import json
import os
import uuid

from aws_sdk_bedrock_runtime.client import BedrockRuntimeClient, InvokeModelWithBidirectionalStreamOperationInput
from aws_sdk_bedrock_runtime.config import Config, HTTPAuthSchemeResolver, SigV4AuthScheme
from aws_sdk_bedrock_runtime.models import BidirectionalInputPayloadPart, InvokeModelWithBidirectionalStreamInputChunk
from smithy_aws_core.credentials_resolvers.environment import EnvironmentCredentialsResolver

region = os.environ.get("AWS_REGION", "${region}")
PROMPT, CONTENT = str(uuid.uuid4()), str(uuid.uuid4())


async def send(stream, event: dict) -> None:
    chunk = InvokeModelWithBidirectionalStreamInputChunk(
        value=BidirectionalInputPayloadPart(bytes_=json.dumps({"event": event}).encode("utf-8"))
    )
    await stream.input_stream.send(chunk)


async def main() -> None:
    client = BedrockRuntimeClient(config=Config(
        endpoint_uri=f"https://bedrock-runtime.{region}.amazonaws.com",
        region=region,
        aws_credentials_identity_resolver=EnvironmentCredentialsResolver(),
        http_auth_scheme_resolver=HTTPAuthSchemeResolver(),
        http_auth_schemes={"aws.auth#sigv4": SigV4AuthScheme()},
    ))
    stream = await client.invoke_model_with_bidirectional_stream(
        InvokeModelWithBidirectionalStreamOperationInput(model_id="amazon.nova-sonic-v1:0")
    )
    await send(stream, {"sessionStart": {"inferenceConfiguration": {"maxTokens": 1024, "topP": 0.9, "temperature": 0.7}}})
    await send(stream, {"promptStart": {
        "promptName": PROMPT,
        "textOutputConfiguration": {"mediaType": "text/plain"},
        "audioOutputConfiguration": {"mediaType": "audio/lpcm", "sampleRateHertz": 24000, "sampleSizeBits": 16,
                                     "channelCount": 1, "voiceId": "matthew", "encoding": "base64", "audioType": "SPEECH"},
    }})
    await send(stream, {"contentStart": {"promptName": PROMPT, "contentName": CONTENT, "type": "TEXT", "interactive": True,
                                         "role": "USER", "textInputConfiguration": {"mediaType": "text/plain"}}})
    await send(stream, {"textInput": {"promptName": PROMPT, "contentName": CONTENT, "content": "Hello! What can you do?"}})
    await send(stream, {"contentEnd": {"promptName": PROMPT, "contentName": CONTENT}})
    audio = bytearray()
    _, output = await stream.await_output()
    while True:
        result = await output.receive()
        if result is None or result.value is None or result.value.bytes_ is None:
            break
        event = json.loads(result.value.bytes_.decode("utf-8")).get("event", {})
        if "textOutput" in event:
            print(f"{event['textOutput']['role']}: {event['textOutput']['content']}")
        if "audioOutput" in event:
            audio += base64.b64decode(event["audioOutput"]["content"])
        if "completionEnd" in event:
            break
    # Close only after the answer: closing earlier cuts it off.
    await send(stream, {"promptEnd": {"promptName": PROMPT}})
    await send(stream, {"sessionEnd": {}})
    await stream.input_stream.close()
    with open("answer.pcm", "wb") as f:
        f.write(audio)  # 24 kHz 16-bit mono LPCM


asyncio.run(main())
`,
};

const FILE_STEM: Record<ApiId, string> = {
  'converse': 'bedrock_converse', 'invoke-model': 'bedrock_invoke_model', 'chat-completions': 'bedrock_chat_completions',
  'responses': 'bedrock_responses', 'messages': 'bedrock_messages', 'invoke-model-embeddings': 'bedrock_embeddings',
  'start-async-invoke': 'bedrock_video_job', 'bidirectional-stream': 'bedrock_nova_sonic',
};

export function starterSnippet(api: ApiId, language: SnippetLanguage, region = 'us-east-1'): Snippet {
  const code = (language === 'typescript' ? TS : PY)[api](region);
  return { language, fileName: `${FILE_STEM[api]}.${language === 'typescript' ? 'ts' : 'py'}`, code };
}

export const SNIPPET_APIS = Object.keys(TS) as ApiId[];
