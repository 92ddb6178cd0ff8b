import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import type { Exchange } from '../http/exchange';
import { EmulatorError } from '../errors';

export interface Credentials { accessKeyId: string; secretAccessKey: string }

/** Clock skew Bedrock tolerates before it calls a signature expired. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const authError = (type: string, message: string, status = 403): EmulatorError =>
  new EmulatorError(status, type, message, { type: status === 400 ? 'invalid_request_error' : 'authentication_error', code: type }, status === 400 ? 'invalid_request_error' : 'authentication_error');

interface ParsedAuthorization { accessKeyId: string; date: string; region: string; service: string; signedHeaders: string[]; signature: string }

function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(value.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] };
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

const compact = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Verifies an AWS4-HMAC-SHA256 `Authorization` header by recomputing the signature with the
 * SDK's own signer over exactly the headers the client says it signed. Throws the error AWS's
 * front door would return; resolves when the signature holds.
 */
export async function verifySigV4(ex: Exchange, creds: Credentials, service: string, region: string, now = Date.now()): Promise<void> {
  const header = ex.headers.authorization ?? '';
  const auth = parseAuthorization(header);
  if (!auth) {
    throw authError('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${header.split(' ')[0]}`);
  }
  if (auth.accessKeyId !== creds.accessKeyId) throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const amzDate = ex.headers['x-amz-date'];
  if (!amzDate) throw authError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw authError('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  if (auth.service !== service) throw authError('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'.`);
  if (auth.region !== region) throw authError('InvalidSignatureException', `Credential should be scoped to a valid region.`);
  if (signingDate.getTime() < now - MAX_SKEW_MS) {
    throw authError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${compact(new Date(now - MAX_SKEW_MS))} (${compact(new Date(now))} - 15 min.)`);
  }
  if (signingDate.getTime() > now + MAX_SKEW_MS) {
    throw authError('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${compact(new Date(now + MAX_SKEW_MS))} (${compact(new Date(now))} + 15 min.)`);
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = name.startsWith(':') ? ex.pseudoHeaders[name] ?? (name === ':authority' ? ex.headers.host : undefined) : ex.headers[name];
    if (value === undefined) throw authError('InvalidSignatureException', SIGNATURE_MISMATCH);
    headers[name] = value;
  }
  const declaredHash = ex.headers['x-amz-content-sha256'];
  if (declaredHash && /^[0-9a-f]{64}$/.test(declaredHash) && createHash('sha256').update(ex.body).digest('hex') !== declaredHash) {
    throw authError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of ex.query) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({ credentials: creds, region: auth.region, service: auth.service, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  const signed = await signer.sign({
    method: ex.method,
    protocol: 'http:',
    hostname: (ex.headers.host ?? '').split(':')[0],
    path: ex.rawPath,
    query,
    headers,
    body: ex.body.length ? ex.body : undefined,
  }, { signingDate, signableHeaders: new Set(auth.signedHeaders) });
  const expected = parseAuthorization(String(signed.headers.authorization ?? ''))?.signature ?? '';
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(auth.signature, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw authError('InvalidSignatureException', SIGNATURE_MISMATCH);
}
