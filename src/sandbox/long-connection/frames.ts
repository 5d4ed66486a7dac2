import protobuf from 'protobufjs';

/**
 * The long connection's wire format: protobuf `pbbp2.Frame`, declared as the SDKs declare it
 * (proto2; the numbered fields below, SeqID/LogID/service/method and both header fields
 * required — LARK.md §6 and §6.1). Encoded here with protobufjs, the library the SDK uses.
 */
export interface FrameHeader {
  key: string;
  value: string;
}

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  /** 0 control (ping/pong), 1 data (events, card callbacks and their acks). */
  method: number;
  headers: FrameHeader[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

export const FRAME_CONTROL = 0;
export const FRAME_DATA = 1;

const Header = new protobuf.Type('Header').add(new protobuf.Field('key', 1, 'string', 'required')).add(new protobuf.Field('value', 2, 'string', 'required'));
const FrameType = new protobuf.Type('Frame')
  .add(new protobuf.Field('SeqID', 1, 'uint64', 'required'))
  .add(new protobuf.Field('LogID', 2, 'uint64', 'required'))
  .add(new protobuf.Field('service', 3, 'int32', 'required'))
  .add(new protobuf.Field('method', 4, 'int32', 'required'))
  .add(new protobuf.Field('headers', 5, 'Header', 'repeated'))
  .add(new protobuf.Field('payloadEncoding', 6, 'string', 'optional'))
  .add(new protobuf.Field('payloadType', 7, 'string', 'optional'))
  .add(new protobuf.Field('payload', 8, 'bytes', 'optional'))
  .add(new protobuf.Field('LogIDNew', 9, 'string', 'optional'));
new protobuf.Root().define('pbbp2').add(Header).add(FrameType);

export function encodeFrame(frame: Frame): Buffer {
  return Buffer.from(FrameType.encode(FrameType.fromObject(frame)).finish());
}

const REQUIRED = ['SeqID', 'LogID', 'service', 'method'] as const;

/** Throws on a frame that misses a required field, as the SDK's generated decoder does. */
export function decodeFrame(bytes: Uint8Array): Frame {
  const plain = FrameType.toObject(FrameType.decode(bytes), { longs: Number, defaults: false }) as Partial<Frame>;
  const missing = REQUIRED.filter((field) => plain[field] === undefined);
  if (missing.length) throw new Error(`frame misses required ${missing.join(', ')}`);
  const headers = plain.headers ?? [];
  if (headers.some((h) => h.key === undefined || h.value === undefined)) throw new Error('frame header misses key or value');
  return { ...(plain as Frame), headers };
}

export function headerOf(frame: Frame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}
