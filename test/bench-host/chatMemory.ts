// Extension-host heap growth over 200 chat turns through the chat controller (the real turn path: conversation
// history, streaming, saving), measured after forced garbage collection before and after.
import * as v8 from 'v8';
import * as vm from 'vm';
import type { BedrockWorkbenchApi } from '../../src/extension';

export const CHAT_TURNS = 200;
const TURNS_PER_CONVERSATION = 10;
const WARM_UP_TURNS = 5;

export interface MemoryFigures {
  beforeMb: number;
  afterMb: number;
  growthMb: number;
  turns: number;
  turnsMs: number;
}

function collectGarbage(): void {
  // The extension host runs without --expose-gc; this turns it on for this measurement only.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) gc();
}

const heapMb = (): number => process.memoryUsage().heapUsed / 1024 / 1024;

export async function measureChatMemory(api: Required<BedrockWorkbenchApi>): Promise<MemoryFigures> {
  const chat = api.chatView.controller;
  const turn = async (i: number) => {
    if (i % TURNS_PER_CONVERSATION === 0) await chat.newConversation();
    await chat.send(`Turn ${i}: explain one way to keep a VS Code extension light.`);
  };
  // Warm-up: loads the SDK bundle and fills the client caches, which are kept on purpose.
  for (let i = 0; i < WARM_UP_TURNS; i++) await turn(i);
  collectGarbage();
  const beforeMb = heapMb();
  const started = performance.now();
  for (let i = 0; i < CHAT_TURNS; i++) await turn(i);
  const turnsMs = performance.now() - started;
  collectGarbage();
  const afterMb = heapMb();
  return { beforeMb, afterMb, growthMb: afterMb - beforeMb, turns: CHAT_TURNS, turnsMs };
}
