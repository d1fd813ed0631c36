// Bundles the editor (src/main/js/main.js and its npm dependencies) into one ES module,
// editor.js, in the directory given as the first argument. Maven passes
// target/classes/META-INF/resources/demo, where index.html and style.css already are.
import { build } from 'esbuild'
import { resolve } from 'node:path'

const outdir = process.argv[2]
if (!outdir) {
  console.error('usage: node build.mjs OUTPUT_DIRECTORY')
  process.exit(2)
}

const result = await build({
  entryPoints: { editor: 'src/main/js/main.js' },
  outdir: resolve(outdir),
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  // The map points into node_modules by path; embedding every source would triple the jar.
  sourcesContent: false,
  // Reproducible output: no absolute paths of this machine in the source map.
  sourceRoot: '',
  metafile: true,
  logLevel: 'warning'
})

const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .reduce((sum, [, output]) => sum + output.bytes, 0)
console.log(`demo-web: bundled editor.js (${Math.round(bytes / 1024)} KiB) into ${outdir}`)
