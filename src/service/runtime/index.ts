/**
 * bedrock-runtime jobs that are not chat: raw InvokeModel payloads, embeddings, rerank, images, async (video)
 * jobs and Nova Sonic speech. Every function takes a RuntimeContext, honours its AbortSignal and throws
 * BedrockRequestError (carrying the user-facing BedrockError) on failure.
 */
export { runtimeContext, type RuntimeContext } from './context';
export { invokeRaw, type RawInvokeOptions, type RawPayload, type RawReply, type RawStream } from './invokeRaw';
export { embed, type EmbedOptions, type EmbeddingResult } from './embeddings';
export { rerank, type RankedDocument } from './rerank';
export { generateImage, type ImageSize } from './images';
export { startAsyncInvoke, getAsyncInvoke, listAsyncInvokes, waitForAsyncInvoke, type AsyncJob, type AsyncJobStatus, type StartAsyncOptions } from './asyncInvoke';
export { speak, collectSpeech, NOVA_SONIC_MODEL, type SpeakOptions, type SpeakEvent, type SpeechResult } from './sonic';
export { parseWav, writeWav, toSonicInput, SONIC_INPUT_RATE, type PcmAudio } from './wav';
export { invokeFamily, type InvokeFamily } from '../drivers/runtime/bodies/family';
export { novaReelInput, type VideoOptions } from '../drivers/runtime/bodies/video';
export { payloadTemplate } from '../drivers/runtime/bodies/templates';
export { payloadSchema } from '../drivers/runtime/bodies/schemas';
export { applyGuardrail } from './applyGuardrail';
export { SonicSession, NOVA_2_SONIC_MODEL, trimHistory, type SonicSessionOptions, type SonicSessionEvent, type SonicHistoryTurn } from './sonicSession';
export type { SonicToolSpec } from './sonicEvents';
