/**
 * The bit field of the suspend data and its text: bits written most significant first, six
 * to a base64url character (RFC 4648 §5, no padding), so the text stays within SCORM 1.2's
 * CMIString4096 (RTE 3.4.4) and needs no escaping anywhere. Shared: no Node or DOM APIs.
 */
import { type BitReader, type BitWriter, bitsFor } from '../questions/types.js'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Bits a `writeCount` of `max` takes at most: a 5-bit width, then the value in that width. */
export const countBits = (max: number): number => 5 + bitsFor(max)

export class BitOutput implements BitWriter {
  readonly bits: number[] = []

  write(value: number, count: number): void {
    for (let j = count - 1; j >= 0; j--) this.bits.push(Math.floor(value / 2 ** j) % 2)
  }

  /** A count whose range the reader does not know (a page count, a record's length): its width first. */
  writeCount(value: number): void {
    const width = bitsFor(value)
    this.write(width, 5)
    this.write(value, width)
  }

  get length(): number {
    return this.bits.length
  }

  /** Append what another output wrote. */
  append(other: BitOutput): void {
    for (const bit of other.bits) this.bits.push(bit)
  }

  text(): string {
    let text = ''
    for (let i = 0; i < this.bits.length; i += 6) {
      let value = 0
      for (let j = 0; j < 6; j++) value = (value << 1) | (this.bits[i + j] ?? 0)
      text += alphabet[value]
    }
    return text
  }
}

export class BitInput implements BitReader {
  private readonly bits: number[] = []
  at = 0
  /** A read went past the end: the text was cut or is not what it claims to be. */
  overrun = false

  /** Undefined when the text has a character outside base64url. */
  static of(text: string): BitInput | undefined {
    const input = new BitInput()
    for (const char of text) {
      const value = alphabet.indexOf(char)
      if (value < 0) return undefined
      for (let j = 5; j >= 0; j--) input.bits.push((value >> j) & 1)
    }
    return input
  }

  read(count: number): number {
    let value = 0
    for (let j = 0; j < count; j++) {
      if (this.at >= this.bits.length) this.overrun = true
      value = value * 2 + (this.bits[this.at++] ?? 0)
    }
    return value
  }

  readCount(): number {
    return this.read(this.read(5))
  }

  /** The next `count` bits as their own input (a record read by another layout), or undefined past the end. */
  take(count: number): BitInput | undefined {
    if (this.at + count > this.bits.length) {
      this.overrun = true
      return undefined
    }
    const part = new BitInput()
    for (let i = 0; i < count; i++) part.bits.push(this.bits[this.at + i] ?? 0)
    this.at += count
    return part
  }

  /** Some bit not yet read is 1 (a record with any attempt in it: a record of none is its zero counter). */
  anySet(): boolean {
    return this.bits.slice(this.at).some((bit) => bit === 1)
  }

  /** Every bit was read and nothing but the last character's padding is left. */
  get exhausted(): boolean {
    return !this.overrun && Math.ceil(this.at / 6) === this.bits.length / 6 && this.bits.slice(this.at).every((bit) => bit === 0)
  }

  /** Every bit of a part was read, exactly. */
  get consumed(): boolean {
    return !this.overrun && this.at === this.bits.length
  }
}
