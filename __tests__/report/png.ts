/**
 * Just enough PNG decoding to inspect Chromium's screenshots (8-bit RGB or RGBA, not interlaced), so the
 * browser test needs no image library.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** Four bytes a pixel, row by row. */
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The dimensions from the IHDR chunk, which the format requires to come first. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!SIGNATURE.every((byte, index) => bytes[index] === byte)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const { width, height } = pngSize(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bitDepth = bytes[24];
  const colourType = bytes[25];
  const interlaced = bytes[28] !== 0;
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlaced) {
    throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlaced ${interlaced}`);
  }
  const channels = colourType === 6 ? 4 : 3;
  const compressed: Uint8Array[] = [];
  for (let offset = 8; offset < bytes.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === 'IDAT') compressed.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  const raw = unfilter(filtered, height, stride, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    rgba[pixel * 4] = raw[pixel * channels];
    rgba[pixel * 4 + 1] = raw[pixel * channels + 1];
    rgba[pixel * 4 + 2] = raw[pixel * channels + 2];
    rgba[pixel * 4 + 3] = channels === 4 ? raw[pixel * channels + 3] : 255;
  }
  return { width, height, rgba };
}

/** Reverses the per-row prediction filters (PNG specification, section 9). */
function unfilter(filtered: Uint8Array, height: number, stride: number, bytesPerPixel: number): Uint8Array {
  const raw = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = filtered[row * (stride + 1)];
    const input = filtered.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const start = row * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= bytesPerPixel ? raw[start + i - bytesPerPixel] : 0;
      const up = row > 0 ? raw[start - stride + i] : 0;
      const upLeft = row > 0 && i >= bytesPerPixel ? raw[start - stride + i - bytesPerPixel] : 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : filter === 4
                  ? paeth(left, up, upLeft)
                  : NaN;
      if (Number.isNaN(predicted)) throw new Error(`unknown PNG filter ${filter} in row ${row}`);
      raw[start + i] = (input[i] + predicted) & 0xff;
    }
  }
  return raw;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}
