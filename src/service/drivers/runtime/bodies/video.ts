import type { Json } from './usage';

export interface VideoOptions {
  durationSeconds?: number;
  fps?: number;
  dimension?: string;
  seed?: number;
}

/** Nova Reel TEXT_VIDEO `modelInput` for StartAsyncInvoke (6 s, 24 fps, 1280x720 are the only v1:0 values). */
export function novaReelInput(prompt: string, opts: VideoOptions = {}): Json {
  return {
    taskType: 'TEXT_VIDEO',
    textToVideoParams: { text: prompt },
    videoGenerationConfig: {
      durationSeconds: opts.durationSeconds ?? 6,
      fps: opts.fps ?? 24,
      dimension: opts.dimension ?? '1280x720',
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    },
  };
}
