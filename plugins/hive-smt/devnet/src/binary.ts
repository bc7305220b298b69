/**
 * A minimal little-endian writer with the subset of ByteBuffer's API that
 * dhive's serializers (`Types.*`) call, so the devnet can serialize with dhive's
 * own serializers without depending on dhive's internal ByteBuffer package.
 */
import { Types } from '@hiveio/dhive';

export class BinaryWriter {
  private chunks: Buffer[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }
  private push(b: Buffer): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }
  append(data: Buffer | Uint8Array | { buffer: Buffer }): this {
    const b = Buffer.isBuffer(data) ? data : data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(data.buffer);
    return this.push(Buffer.from(b));
  }
  writeByte(v: number): this {
    return this.writeUint8(v);
  }
  writeUint8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeUInt8(v & 0xff);
    return this.push(b);
  }
  writeInt8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    return this.push(b);
  }
  writeUint16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v & 0xffff);
    return this.push(b);
  }
  writeInt16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16LE(v);
    return this.push(b);
  }
  writeUint32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    return this.push(b);
  }
  writeInt32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v | 0);
    return this.push(b);
  }
  writeInt64(v: number | bigint | string | { toString(): string }): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(typeof v === 'number' ? Math.trunc(v) : v.toString()));
    return this.push(b);
  }
  writeUint64(v: number | bigint | string | { toString(): string }): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(typeof v === 'number' ? Math.trunc(v) : v.toString()));
    return this.push(b);
  }
  writeVarint32(v: number): this {
    let n = v >>> 0;
    const bytes: number[] = [];
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
    return this.push(Buffer.from(bytes));
  }
  writeVString(s: string): this {
    const b = Buffer.from(s, 'utf8');
    this.writeVarint32(b.length);
    return this.push(b);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

/** Serialize with one of dhive's serializers. */
export function serializeWith(serializer: (buffer: any, data: any) => void, data: unknown): Buffer {
  const w = new BinaryWriter();
  serializer(w, data);
  return w.toBuffer();
}

/** hived's binary form of an unsigned transaction (dhive Types.Transaction). */
export function serializeTransaction(tx: unknown): Buffer {
  return serializeWith(Types.Transaction, tx);
}
