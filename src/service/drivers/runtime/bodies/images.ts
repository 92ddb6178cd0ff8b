import { asJson, type Json } from './usage';

export interface ImageOptions {
  width?: number;
  height?: number;
  negativeText?: string;
  seed?: number;
  numberOfImages?: number;
  quality?: 'standard' | 'premium';
}

/** Nova Canvas (and Titan Image Generator, same shape) TEXT_IMAGE request. */
export function novaCanvasBody(prompt: string, opts: ImageOptions = {}): Json {
  return {
    taskType: 'TEXT_IMAGE',
    textToImageParams: { text: prompt, ...(opts.negativeText ? { negativeText: opts.negativeText } : {}) },
    imageGenerationConfig: {
      numberOfImages: opts.numberOfImages ?? 1,
      width: opts.width ?? 1024,
      height: opts.height ?? 1024,
      ...(opts.quality ? { quality: opts.quality } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    },
  };
}

/** `{ images: [base64 PNG], error }` → PNG bytes; a non-null `error` (e.g. content filtered) is thrown. */
export function parseImages(body: unknown): Uint8Array[] {
  const b = asJson(body);
  if (typeof b.error === 'string' && b.error) throw new Error(b.error);
  if (!Array.isArray(b.images) || !b.images.length) throw new Error('the model returned no image');
  return b.images.map(i => new Uint8Array(Buffer.from(String(i), 'base64')));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}
