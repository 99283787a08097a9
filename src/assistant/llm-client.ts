/**
 * An OpenAI-compatible chat-completions client (POST {baseUrl}/chat/completions), plain
 * fetch: one JSON response, or a server-sent-event stream of `data: {choices:[{delta}]}`
 * lines ending with `data: [DONE]`. Every call has the configured timeout and honours the
 * caller's abort signal.
 */

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmCallOptions {
  signal?: AbortSignal;
  /** streaming: called with each piece of text as it arrives */
  onDelta?: (text: string) => void;
}

export interface LlmClient {
  readonly model: string;
  /** The model's whole reply; streamed when `onDelta` is given. Throws on HTTP errors, timeout or abort. */
  chat(messages: LlmMessage[], opts?: LlmCallOptions): Promise<string>;
}

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export class LlmError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'LlmError';
  }
}

interface CompletionJson {
  choices?: { message?: { content?: string | null }; delta?: { content?: string | null } }[];
}

/** Reads an SSE body and calls `onData` with each event's data (the `data:` lines joined). */
async function readSse(body: ReadableStream<Uint8Array>, onData: (data: string) => boolean | void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      for (let sep = buf.indexOf('\n\n'); sep >= 0; sep = buf.indexOf('\n\n')) {
        const event = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data && onData(data) === false) return;
      }
    }
    const rest = buf.trim();
    if (rest.startsWith('data:')) onData(rest.slice(5).trim());
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export function createLlmClient(config: LlmConfig): LlmClient {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    model: config.model,
    async chat(messages, opts = {}) {
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      const stream = opts.onDelta !== undefined;
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream' : 'application/json',
          ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: config.model, messages, stream, temperature: 0 }),
        signal,
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new LlmError(`chat completions answered HTTP ${res.status}`, res.status);
      }
      if (!stream) {
        const json = (await res.json()) as CompletionJson;
        const content = json.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw new LlmError('chat completions response without choices[0].message.content');
        return content;
      }
      if (!res.body) throw new LlmError('chat completions stream without a body');
      let text = '';
      await readSse(res.body, (data) => {
        if (data.trim() === '[DONE]') return false;
        const json = JSON.parse(data) as CompletionJson;
        const piece = json.choices?.[0]?.delta?.content;
        if (piece) {
          text += piece;
          opts.onDelta!(piece);
        }
      });
      return text;
    },
  };
}
