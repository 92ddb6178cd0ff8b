import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Exchange, type Family } from './http/exchange';

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface Listener { port: number; close(): Promise<void> }

/**
 * A loopback listener that speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge) on one port:
 * it peeks at the first bytes of each connection and hands the socket to the matching server.
 * The AWS SDK's default NodeHttp2Handler connects with the h2 preface; fetch-based SDKs use
 * HTTP/1.1.
 */
export async function listen(family: Family, port: number, onExchange: (ex: Exchange) => void): Promise<Listener> {
  const handle = (req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): void => {
    onExchange(new Exchange(family, req, res));
  };
  const h1 = http.createServer({ keepAliveTimeout: 5000 }, handle);
  const h2 = http2.createServer({ settings: { initialWindowSize: 4 * 1024 * 1024 } }, handle);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', s => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
  const front = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', first => {
      socket.pause();
      socket.unshift(first);
      const isH2 = first.length >= 3 && first.subarray(0, Math.min(first.length, H2_PREFACE.length)).equals(H2_PREFACE.subarray(0, Math.min(first.length, H2_PREFACE.length)));
      (isH2 ? h2 : h1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, '127.0.0.1', () => { front.off('error', reject); resolve(); });
  });
  return {
    port: (front.address() as AddressInfo).port,
    close: () => new Promise<void>(resolve => {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      h1.closeAllConnections();
      front.close(() => resolve());
    }),
  };
}
