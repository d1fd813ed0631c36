// "Length-prefixed binary" files shared by the B4 scripts and the Java tests/benchmarks:
// gzip of a sequence of records, each a uint32 big-endian byte length followed by the bytes.
// Java reads them with GZIPInputStream + DataInputStream.readInt, no extra dependency needed.

import { gzipSync, gunzipSync } from 'node:zlib'
import { readFileSync, writeFileSync } from 'node:fs'

/** @param {string} file @param {Array<Uint8Array>} records */
export const writeLpb = (file, records) => {
  let total = 0
  for (const r of records) total += 4 + r.length
  const buf = Buffer.allocUnsafe(total)
  let pos = 0
  for (const r of records) {
    buf.writeUInt32BE(r.length, pos)
    buf.set(r, pos + 4)
    pos += 4 + r.length
  }
  writeFileSync(file, gzipSync(buf, { level: 6 }))
}

/** @param {string} file @return {Array<Uint8Array>} each record in its own buffer */
export const readLpb = (file) => {
  const buf = gunzipSync(readFileSync(file))
  const out = []
  let pos = 0
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos)
    // a standalone copy: lib0 reads views into `arr.buffer`, which must end where the record ends
    out.push(new Uint8Array(buf.subarray(pos + 4, pos + 4 + len)))
    pos += 4 + len
  }
  return out
}
