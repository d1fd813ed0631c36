// Summarises async-profiler's collapsed stacks (one file per process): per process its CPU
// samples, where they go by kind of thread (the JIT compilers, GC, Netty's event loops, Kafka's
// producer, broker and consumer threads), the hottest frames by self time, and the hottest Skein
// methods including what they call.
//   node bench/system/profile-summary.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
// the first pattern a stack matches names its kind of thread
const KINDS = [
  ['JIT compiler', /CompileBroker/],
  ['GC', /G1|GCTaskThread|ConcurrentGCThread|WorkerThread::run/],
  ['VM thread', /VMThread/],
  ['Netty event loop', /io\/netty\/channel\/nio\/NioEventLoop|io\/netty\/util\/concurrent\/SingleThreadEventExecutor/],
  ['Kafka producer sender', /kafka\/clients\/producer\/internals\/Sender/],
  ['Skein consumer loop', /dev\/skein\/messaging\/ConsumerLoop/],
  ['broker network', /kafka\/network\/(Processor|Acceptor)/],
  ['broker request handler', /KafkaRequestHandler/],
  ['worker threads', /EnhancedQueueExecutor|ThreadPoolExecutor/],
];
const kindOf = (stack) => (KINDS.find(([, pattern]) => pattern.test(stack)) ?? ['other'])[0];
const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1).padStart(5)} %`;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.collapsed')).sort()) {
  const threads = new Map();
  const self = new Map();
  const skein = new Map();
  let total = 0;
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    const cut = line.lastIndexOf(' ');
    if (cut < 0) continue;
    const samples = Number(line.slice(cut + 1));
    const stack = line.slice(0, cut);
    const frames = stack.split(';');
    total += samples;
    const kind = kindOf(stack);
    threads.set(kind, (threads.get(kind) ?? 0) + samples);
    const leaf = frames[frames.length - 1] ?? '?';
    self.set(leaf, (self.get(leaf) ?? 0) + samples);
    for (const method of new Set(frames.filter((f) => f.startsWith('dev/skein/')))) {
      skein.set(method, (skein.get(method) ?? 0) + samples);
    }
  }
  console.log(`\n== ${file.replace(".collapsed", "")}: ${total} CPU samples`);
  console.log('  by kind of thread:');
  for (const [name, n] of top(threads, 10)) console.log(`    ${pct(n, total)}  ${name}`);
  console.log('  hottest frames (self):');
  for (const [name, n] of top(self, 15)) console.log(`    ${pct(n, total)}  ${name}`);
  if (skein.size) {
    console.log('  Skein methods (including callees):');
    for (const [name, n] of top(skein, 20)) console.log(`    ${pct(n, total)}  ${name}`);
  }
}
