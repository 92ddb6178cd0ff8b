import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import type { Message } from '@smithy/eventstream-codec';
import type { Credentials } from './sigv4';

/**
 * Verifies the per-event signatures of a SigV4-streamed request body (the bidirectional
 * stream): each envelope's `:chunk-signature` chains from the previous one, seeded by the
 * request's own signature, so a replayed, reordered or altered event breaks the chain.
 */
export class EventSignatureChain {
  private readonly signer: SignatureV4;
  private prior: string;

  constructor(seedSignature: string, credentials: Credentials, private readonly region: string, private readonly service: string) {
    this.prior = seedSignature;
    this.signer = new SignatureV4({ credentials, region, service, sha256: Hash.bind(null, 'sha256') });
  }

  /** True when this envelope carries the signature the chain expects. */
  async verify(envelope: Message): Promise<boolean> {
    const signature = envelope.headers[':chunk-signature'];
    const date = envelope.headers[':date'];
    if (signature?.type !== 'binary' || date?.type !== 'timestamp') return false;
    const expected = await this.signer.signMessage(
      { message: { headers: { ':date': date }, body: envelope.body }, priorSignature: this.prior },
      { signingDate: date.value, signingRegion: this.region, signingService: this.service },
    );
    const actual = Buffer.from(signature.value).toString('hex');
    this.prior = actual;
    return expected.signature === actual;
  }
}

/** The `Signature=` of an AWS4-HMAC-SHA256 Authorization header. */
export function requestSignature(authorization: string | undefined): string | undefined {
  return /Signature=([0-9a-f]{64})/.exec(authorization ?? '')?.[1];
}
