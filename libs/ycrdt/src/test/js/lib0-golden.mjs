// Produces lib0's bytes for boundary values, used by the Java lib0 tests (see Lib0GoldenTest).
// Run: node lib0-golden.mjs > ../resources/lib0/golden.json
import * as encoding from 'lib0/encoding'
const hex = f => { const e = encoding.createEncoder(); f(e); return Buffer.from(encoding.toUint8Array(e)).toString('hex') }
const uints = [0, 1, 63, 64, 127, 128, 255, 256, 16383, 16384, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1]
const ints = [0, -0, 1, -1, 63, -63, 64, -64, 127, 128, -128, 8191, 8192, -8192, 2 ** 31 - 1, -(2 ** 31 - 1), 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)]
const strings = ['', 'a', 'héllo', '日本語', '😀', 'a\uD800b', '\uDC00', '\uFEFFbom', 'x'.repeat(200)]
const anys = [
  ['undefined', undefined], ['null', null], ['int0', 0], ['negzero', -0], ['int', 42], ['negint', -42], ['int31', 2 ** 31 - 1],
  ['int31p1', 2 ** 31], ['f32', 1.5], ['f64', 0.1], ['big', 2 ** 53], ['nan', NaN], ['inf', Infinity], ['bigint', 123n], ['negbigint', -5n],
  ['true', true], ['false', false], ['str', 'x😀'], ['arr', [1, 'a', null]], ['obj', { b: 1, a: [true], 2: 'two', 1: 'one' }],
  ['bytes', new Uint8Array([0, 1, 255])], ['nested', { a: { b: { c: [[], {}] } } }]
]
const numbers = [0.1, 1.5, -2.25, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 0.000001, 1 / 3, 100, 1e20, 2 ** 53, -0.0000015]
console.log(JSON.stringify({
  varUint: uints.map(v => [v, hex(e => encoding.writeVarUint(e, v))]),
  varInt: ints.map(v => [Object.is(v, -0) ? '-0' : v, hex(e => encoding.writeVarInt(e, v))]),
  varString: strings.map(s => [Buffer.from(s, 'utf16le').toString('hex'), hex(e => encoding.writeVarString(e, s))]),
  any: anys.map(([name, v]) => [name, hex(e => encoding.writeAny(e, v))]),
  numberToString: numbers.map(n => [hex(e => encoding.writeFloat64(e, n)), String(n)]),
  jsonStringify: [['"a\\u0001\\n\\ud800"', JSON.stringify('a\u0001\n\ud800')], ['obj', JSON.stringify({ b: 1, 10: 2, 2: [null, 0.5] })]]
}, null, 0))
