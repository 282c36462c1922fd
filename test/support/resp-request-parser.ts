const CRLF = Buffer.from("\r\n");

/** `*`, the first byte of a RESP array; anything else is read as an inline command. */
const ARRAY_MARKER = 0x2a;

/** One parsed request, and how many bytes of the buffer it used. */
interface Parsed {
  words: string[];
  used: number;
}

/** Reads the line starting at `from`, without its CRLF; undefined until the CRLF has arrived. */
function lineAt(buffer: Buffer, from: number): { text: string; next: number } | undefined {
  const end = buffer.indexOf(CRLF, from);
  if (end === -1) return undefined;

  return { text: buffer.toString("latin1", from, end), next: end + CRLF.length };
}

/** An array of bulk strings, the form every client library sends. */
function parseArray(buffer: Buffer): Parsed | undefined {
  const header = lineAt(buffer, 0);
  if (!header) return undefined;

  const count = Number(header.text.slice(1));
  const words: string[] = [];
  let offset = header.next;

  for (let i = 0; i < count; i += 1) {
    const length = lineAt(buffer, offset);
    if (!length) return undefined;

    const size = Number(length.text.slice(1));
    const end = length.next + size;
    if (buffer.length < end + CRLF.length) return undefined;

    words.push(buffer.toString("utf8", length.next, end));
    offset = end + CRLF.length;
  }
  return { words, used: offset };
}

/** An inline command such as the bare `PING\r\n` a person types into telnet. */
function parseInline(buffer: Buffer): Parsed | undefined {
  const line = lineAt(buffer, 0);
  if (!line) return undefined;

  return { words: line.text.trim().split(/\s+/).filter(Boolean), used: line.next };
}

/**
 * Splits the bytes a client sends into commands, however they are cut into chunks. Bytes that
 * never end a line (a TLS ClientHello on a plain port, say) just wait, as they do on a real
 * Redis, which is what keeps such a port silent.
 */
export class RespRequestParser {
  #pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onCommand: (words: string[]) => void) {}

  feed(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);

    for (;;) {
      const parsed =
        this.#pending[0] === ARRAY_MARKER ? parseArray(this.#pending) : parseInline(this.#pending);
      if (!parsed) return;

      this.#pending = this.#pending.subarray(parsed.used);
      if (parsed.words.length > 0) this.onCommand(parsed.words);
    }
  }
}
