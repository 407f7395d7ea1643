// A loopback HTTP proxy in front of the real team server that misbehaves on cue: refuses a
// connection, answers 500 or 503 with Retry-After itself, holds the server's answer past the
// client's timeout, or sends one request to the server five times. It records every request
// body it was sent and every answer the server gave, so a test can tell what actually reached the
// database.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  'pass' | 'down' | 'timeout' | 'repeat5' | { status: number; retryAfter?: string; error?: string };

export interface ServerAnswer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/** A request as it arrived: its JSON body parsed (null when it had none). */
export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
}

export async function startFaultProxy(target: string, holdMs: number) {
  const faults: Fault[] = [];
  const answers: ServerAnswer[] = [];
  const received: ReceivedRequest[] = [];
  let requests = 0;

  async function forward(req: IncomingMessage, body: string) {
    const res = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method,
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
      },
      body: body || undefined,
    });
    const text = await res.text();
    const answer = {
      method: req.method ?? '',
      path: req.url ?? '',
      status: res.status,
      body: text ? JSON.parse(text) : null,
    };
    answers.push(answer);
    return { status: res.status, text };
  }

  const server = createServer(async (req, res) => {
    requests += 1;
    const fault = faults.shift() ?? 'pass';
    const body = await bodyOf(req);
    received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      body: body ? JSON.parse(body) : null,
    });
    if (fault === 'down') {
      req.socket.destroy();
      return;
    }
    if (typeof fault === 'object') {
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
      });
      res.end(JSON.stringify({ error: fault.error ?? 'Injected failure.' }));
      return;
    }
    let answer = await forward(req, body);
    if (fault === 'repeat5') for (let i = 1; i < 5; i++) answer = await forward(req, body);
    if (fault === 'timeout') await new Promise((resolve) => setTimeout(resolve, holdMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    answers,
    received,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
