// The relay's frame format (docs/protocol.md): a binary message holding a one-line JSON header, "\n", then the
// payload. Payloads here are JSON text; the relay itself never reads them.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const LF = 10;

/** Encodes a frame. `header` is {t, s?, ts?, k?, r?}; `payload` a string (usually JSON). */
export function encodeFrame(header, payload = '') {
  const head = encoder.encode(JSON.stringify(header) + '\n');
  const body = encoder.encode(payload);
  const frame = new Uint8Array(head.length + body.length);
  frame.set(head, 0);
  frame.set(body, head.length);
  return frame;
}

/** Decodes a received frame (ArrayBuffer or Uint8Array) into {header, payload} with the payload as text. */
export function decodeFrame(data) {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const lf = bytes.indexOf(LF);
  if (lf < 0) throw new Error('frame without header line');
  const header = JSON.parse(decoder.decode(bytes.subarray(0, lf)));
  return { header, payload: decoder.decode(bytes.subarray(lf + 1)) };
}

/** Parses a frame's payload as JSON, or returns null for an empty payload. */
export function payloadJson(frame) {
  return frame.payload ? JSON.parse(frame.payload) : null;
}
