import { invokeFamily, type InvokeFamily } from '../drivers/runtime/bodies/family';
import { isPng, novaCanvasBody, parseImages, type ImageOptions } from '../drivers/runtime/bodies/images';
import { refuse, type RuntimeContext } from './context';
import { parse } from './embeddings';
import { invokeJson } from './invokeRaw';

export interface ImageSize {
  width: number;
  height: number;
}

/** One PNG from Nova Canvas (or Titan Image Generator, same body) for a text prompt. */
export async function generateImage(ctx: RuntimeContext, prompt: string, modelId: string, size: ImageSize = { width: 1024, height: 1024 }, opts: Omit<ImageOptions, 'width' | 'height' | 'numberOfImages'> & { family?: InvokeFamily } = {}): Promise<Uint8Array> {
  const family = opts.family ?? invokeFamily(modelId);
  if (family !== 'nova-canvas') throw refuse('validation', `${modelId} is not an image model this extension knows (Nova Canvas or Titan Image Generator).`, { kind: 'choose-model' });
  const body = await invokeJson(ctx, modelId, novaCanvasBody(prompt, { ...opts, ...size, numberOfImages: 1 }));
  const [png] = parse(ctx, modelId, body, parseImages);
  if (!isPng(png)) throw refuse('unknown', `${modelId} returned an image that is not a PNG.`);
  return png;
}
