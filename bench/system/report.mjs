// Writes docs/performance.md from one bench/system/run.sh results folder:
//   node bench/system/report.mjs RESULTS_DIR OUTPUT_MD
// Reads RESULTS_DIR/<server>-<scenario>.json (one load-tool JSON line each), <server>-<scenario>.command
// and machine.env; every number in the output comes from those files.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const [resultsDir, outputFile] = process.argv.slice(2)
if (!resultsDir || !outputFile) {
  console.error('usage: node report.mjs RESULTS_DIR OUTPUT_MD')
  process.exit(2)
}
const benchDir = path.dirname(fileURLToPath(import.meta.url))

const SERVERS = [
  { key: 'skein', title: 'Skein' },
  { key: 'y-websocket', title: 'y-websocket' },
  { key: 'hocuspocus', title: 'Hocuspocus' }
]
const REFERENCES = SERVERS.slice(1)

const machine = Object.fromEntries(readFileSync(path.join(resultsDir, 'machine.env'), 'utf8')
  .split('\n').filter(line => line.includes('=')).map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))

function resultFile (file) {
  if (!existsSync(file)) return null
  const line = readFileSync(file, 'utf8').split('\n').find(l => l.startsWith('{'))
  return line ? JSON.parse(line) : null
}

// Each round of a repeated scenario: <server>-<scenario>.json, then <server>-<scenario>.round<k>.json.
function rounds (server, scenario) {
  const runs = []
  for (let k = 1; ; k++) {
    const run = resultFile(path.join(resultsDir, `${server}-${scenario}${k === 1 ? '' : `.round${k}`}.json`))
    if (!run) return runs
    runs.push(run)
  }
}

function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

// Counts of what went wrong are the worst round's, never a median that could hide one bad round.
const WORST_OF_ROUNDS = /lost|duplicat|not_delivered|closed|failed/

// The rounds of one scenario as one result: every number the median of its rounds (each figure on
// its own, so parts need not add up to a median total), every yes/no true only if true in every
// round, anything else the first round's; a round that could not run is the result.
function mergeRounds (runs, key = '') {
  const first = runs[0]
  if (typeof first === 'number') {
    const numbers = runs.filter(v => typeof v === 'number')
    return WORST_OF_ROUNDS.test(key) ? Math.max(...numbers) : median(numbers)
  }
  if (typeof first === 'boolean') return runs.every(v => v === true)
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first
  return Object.fromEntries(Object.keys(first).map(k => [k, mergeRounds(runs.map(r => (r == null ? undefined : r[k])), k)]))
}

const merged = new Map()
function result (server, scenario) {
  const key = `${server}/${scenario}`
  if (!merged.has(key)) {
    const runs = rounds(server, scenario)
    const failed = runs.find(r => r.error)
    const value = runs.length === 0 ? null : failed || (runs.length === 1 ? runs[0] : mergeRounds(runs))
    if (value) Object.defineProperty(value, 'rounds', { value: runs, enumerable: false })
    merged.set(key, value)
  }
  return merged.get(key)
}

// "a / b / c" of one field over a scenario's rounds, for the tables of repeated scenarios.
const perRound = field => r => (r.rounds.length > 1 ? r.rounds.map(run => fmt(get(run, field))).join(' / ') : undefined)

function command (server, scenario) {
  const file = path.join(resultsDir, `${server}-${scenario}.command`)
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

function packageVersion (name) {
  const file = path.join(benchDir, 'node_modules', ...name.split('/'), 'package.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'not installed'
}

const get = (object, dotted) => dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object)

function fmt (value, digits = 2) {
  if (value === undefined || value === null) return '–'
  if (typeof value === 'boolean') return value ? 'yes' : '**no**'
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) >= 100) return value.toLocaleString('en-US')
    const fixed = value.toFixed(digits)
    return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
  }
  return String(value).replace(/\|/g, '\\|')
}

function ratio (skein, reference) {
  // A ratio of a negative or zero reading (memory noise) would mean nothing.
  if (typeof skein !== 'number' || typeof reference !== 'number' || skein <= 0 || reference <= 0) return '–'
  return `${(skein / reference).toFixed(2)}×`
}

// One table: a row per metric, a column per server, then Skein / reference ratios.
function table (scenario, rows) {
  const results = Object.fromEntries(SERVERS.map(s => [s.key, result(s.key, scenario)]))
  const present = SERVERS.filter(s => results[s.key])
  if (present.length === 0) return '_Not run._\n'
  const refs = REFERENCES.filter(s => results[s.key])
  const header = ['metric', ...present.map(s => s.title), ...(results.skein ? refs.map(s => `Skein / ${s.title}`) : [])]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const [label, field, options = {}] of rows) {
    const values = present.map(s => {
      const r = results[s.key]
      return r && r.error && field !== 'error' ? undefined : (typeof field === 'function' ? field(r) : get(r, field))
    })
    const cells = values.map(v => fmt(v, options.digits))
    const ratios = results.skein && options.ratio !== false
      ? refs.map(s => ratio(typeof field === 'function' ? field(results.skein) : get(results.skein, field),
        typeof field === 'function' ? field(results[s.key]) : get(results[s.key], field)))
      : results.skein ? refs.map(() => '–') : []
    lines.push(`| ${[label, ...cells, ...ratios].join(' | ')} |`)
  }
  const errors = present.filter(s => results[s.key].error)
    .map(s => `\n${s.title} could not run this scenario: \`${fmt(results[s.key].error)}\``)
  return lines.join('\n') + '\n' + errors.join('\n') + '\n'
}

// Targets from the issues, judged on Skein's numbers against the best reference in the same run.
function best (scenario, field, pick = Math.min) {
  const values = REFERENCES.map(s => get(result(s.key, scenario), field)).filter(v => typeof v === 'number' && v > 0)
  return values.length ? pick(...values) : undefined
}

function targets () {
  const rows = []
  const add = (name, measured, ok, miss) => rows.push(`| ${name} | ${measured} | ${ok === null ? 'not measured' : ok ? 'met' : `**missed** — ${miss}`} |`)
  const over = (value, limit) => `${fmt(value)} against ${fmt(limit)} (${fmt(value / limit)}× the limit)`
  // r ran but what it is judged against did not (a partial run: --scenarios without fanout)
  const missing = (name, r) => (r && !r.error
    ? add(name, 'not judged: the row it is compared with was not run', null)
    : add(name, r ? `error: ${fmt(r.error)}` : 'not run', r ? false : null, 'the scenario failed to run'))

  const fan = result('skein', 'fanout')
  const refP50 = best('fanout', 'latency.p50_ms')
  const refP99 = best('fanout', 'latency.p99_ms')
  if (fan && !fan.error && refP50 !== undefined) {
    add('fanout, readers on the writer\'s gateway: p50 ≤ the best reference\'s', `p50 ${fmt(fan.latency.p50_ms)} ms, best reference ${fmt(refP50)} ms`,
      fan.latency.p50_ms <= refP50, over(fan.latency.p50_ms, refP50))
    add('fanout, same gateway: p99 ≤ 1.5× the best reference\'s', `p99 ${fmt(fan.latency.p99_ms)} ms, limit ${fmt(1.5 * refP99)} ms`,
      fan.latency.p99_ms <= 1.5 * refP99, over(fan.latency.p99_ms, 1.5 * refP99))
    add('fanout: nothing lost, every reader converged', `lost ${fan.lost}, duplicated ${fan.duplicates}, converged ${fan.converged}`,
      fan.lost === 0 && fan.duplicates === 0 && fan.converged, 'updates lost or readers diverged')
  } else {
    missing('fanout, same gateway', fan)
  }
  const fanX = result('skein', 'fanout-x')
  if (fanX && !fanX.error && refP99 !== undefined) {
    add('fanout, readers on the other gateway: p99 ≤ 3× the best reference\'s', `p99 ${fmt(fanX.latency.p99_ms)} ms, limit ${fmt(3 * refP99)} ms`,
      fanX.latency.p99_ms <= 3 * refP99 && fanX.lost === 0, over(fanX.latency.p99_ms, 3 * refP99))
  } else {
    missing('fanout, readers on the other gateway', fanX)
  }
  const burst = result('skein', 'fanout-burst')
  if (burst && !burst.error && fan && !fan.error) {
    add('fanout with one client bursting on the same gateway: p99 ≤ 2× without', `p99 ${fmt(burst.latency.p99_ms)} ms (without: ${fmt(fan.latency.p99_ms)} ms; ${fmt(get(burst, 'burst.per_s'), 0)} of the burster's keystrokes/s got through)`,
      burst.latency.p99_ms <= 2 * fan.latency.p99_ms && burst.lost === 0 && get(burst, 'burst.still_open') === true,
      over(burst.latency.p99_ms, 2 * fan.latency.p99_ms))
  } else {
    missing('fanout with a burst', burst)
  }
  const tp = result('skein', 'throughput')
  const refTp = best('throughput', 'latency.p99_ms')
  if (tp && !tp.error && refTp !== undefined) {
    const allDelivered = tp.lost === 0 && tp.converged
    add('throughput 100 docs × 100/s: everything delivered, p99 ≤ the best reference\'s', `lost ${tp.lost}, p99 ${fmt(tp.latency.p99_ms)} ms, best reference ${fmt(refTp)} ms`,
      allDelivered && tp.latency.p99_ms <= refTp, allDelivered ? over(tp.latency.p99_ms, refTp) : `${tp.lost} updates lost`)
  } else {
    missing('throughput', tp)
  }
  const big = result('skein', 'bigdoc')
  const refJoin = best('bigdoc', 'join.p50_ms')
  if (big && !big.error && refJoin !== undefined) {
    add('bigdoc (B4): join p50 ≤ the best reference\'s', `p50 ${fmt(big.join.p50_ms)} ms, best reference ${fmt(refJoin)} ms`,
      big.join.p50_ms <= refJoin && big.all_full, over(big.join.p50_ms, refJoin))
    const wire = get(big, 'bytes.on_the_wire_per_join')
    add('bigdoc: ≤ 110,000 bytes on the wire per join', `${fmt(wire)} bytes`, typeof wire === 'number' && wire <= 110000, over(wire, 110000))
  } else {
    missing('bigdoc', big)
  }
  const idle = result('skein', 'idle')
  if (idle && !idle.error && idle.servers.length) {
    const gateway = idle.servers[0]
    const heap = gateway.heap_kib_per_connection
    const rss = gateway.kib_per_connection
    add('idle, compressed connections: ≤ 12 KiB per connection in the gateway (RSS growth and live heap)',
      `${fmt(rss, 1)} KiB RSS, ${fmt(heap, 1)} KiB live heap`, rss <= 12 && heap <= 12, `RSS ${over(rss, 12)}, heap ${over(heap, 12)}`)
  } else {
    missing('idle', idle)
  }
  const cold = result('skein', 'coldstart')
  if (cold && !cold.error && fan && !fan.error) {
    // one start's worst window; with several starts the median start's
    const starts = cold.rounds.map(worstLateWindow).filter(v => typeof v === 'number')
    const worst = median(starts)
    const which = starts.length > 1
      ? `median of ${starts.length} starts, each start's worst: ${starts.map(v => fmt(v)).join(' / ')}`
      : `windows from ${fmt(lateWindows(cold)[0]?.from_s_after_ready)} s after ready`
    add('coldstart: from 10 s after the ready line, every 10 s window\'s p99 ≤ 3× the warm p99',
      `worst window p99 ${fmt(worst)} ms (${which}), warm p99 ${fmt(fan.latency.p99_ms)} ms`,
      worst <= 3 * fan.latency.p99_ms, over(worst, 3 * fan.latency.p99_ms))
  } else {
    missing('coldstart', cold)
  }
  const yws = result('y-websocket', 'fanout')
  const ywsCpu = get(yws, 'server_cpu_s_per_100k_deliveries.total')
  if (fan && !fan.error && typeof ywsCpu === 'number') {
    const gw = get(fan, 'server_cpu_s_per_100k_deliveries.gateway')
    const all = get(fan, 'server_cpu_s_per_100k_deliveries.total')
    add('CPU per 100,000 fanout deliveries: gateway ≤ all of @y/websocket-server', `gateway ${fmt(gw)} s, y-websocket ${fmt(ywsCpu)} s`, gw <= ywsCpu, over(gw, ywsCpu))
    add('CPU per 100,000 fanout deliveries: all Skein processes ≤ 3× @y/websocket-server', `${fmt(all)} s, limit ${fmt(3 * ywsCpu)} s`, all <= 3 * ywsCpu, over(all, 3 * ywsCpu))
  } else {
    missing('CPU per delivery', fan)
  }
  const rs = result('skein', 'restart')
  if (rs && !rs.error) {
    add('restart: nothing acknowledged lost', `${rs.lost_acknowledged} of ${rs.acknowledged} lost`, rs.ok,
      `${rs.lost_acknowledged} acknowledged updates lost (${rs.lost_acknowledged_at_first_sync} at the first sync after the restart), post-restart delivery ${rs.post_restart_delivered}`)
  } else {
    missing('restart', rs)
  }
  return ['| target (from the issues) | Skein measured | verdict |', '|---|---|---|', ...rows].join('\n') + '\n'
}

// The 10 s windows of a coldstart run that begin 10 s or more after the ready line.
function lateWindows (run) {
  return (run.windows || []).filter(w => (w.from_s_after_ready ?? 0) >= 10 - 0.5)
}

// The highest p99 of those windows: what the coldstart target judges, per start.
function worstLateWindow (run) {
  const late = lateWindows(run)
  return late.length ? Math.max(...late.map(w => w.latency.p99_ms)) : undefined
}

function coldstartTable () {
  const present = SERVERS.filter(s => result(s.key, 'coldstart') && !result(s.key, 'coldstart').error)
  if (present.length === 0) return '_Not run._\n'
  const windows = Math.max(...present.map(s => result(s.key, 'coldstart').windows.length))
  const header = ['window', ...present.map(s => `${s.title}: from (s after ready) — p50 / p99 (ms)`)]
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (let i = 0; i < windows; i++) {
    const cells = present.map(s => {
      const w = result(s.key, 'coldstart').windows[i]
      return w ? `${fmt(w.from_s_after_ready, 0)} s — ${fmt(w.latency.p50_ms)} / ${fmt(w.latency.p99_ms)}` : '–'
    })
    lines.push(`| ${i + 1} | ${cells.join(' | ')} |`)
  }
  if (present.some(s => result(s.key, 'coldstart').rounds.length > 1)) {
    const cells = present.map(s => result(s.key, 'coldstart').rounds.map(run => fmt(worstLateWindow(run))).join(' / '))
    lines.push(`| worst p99 from 10 s after ready, start by start | ${cells.join(' | ')} |`)
  }
  return lines.join('\n') + '\n'
}

const cpuRows = [
  ['server CPU per 100,000 deliveries (s), all processes', 'server_cpu_s_per_100k_deliveries.total'],
  ['… of which the gateway (Skein)', 'server_cpu_s_per_100k_deliveries.gateway', { ratio: false }],
  ['… of which the Kafka broker (Skein)', 'server_cpu_s_per_100k_deliveries.kafka', { ratio: false }],
  ['… of which doc-service (Skein)', 'server_cpu_s_per_100k_deliveries.doc', { ratio: false }],
  ['… of which persistence-service (Skein)', 'server_cpu_s_per_100k_deliveries.persistence', { ratio: false }],
  ['… of which the other processes (Skein)', r => {
    const other = run => {
      const all = get(run, 'server_cpu_s_per_100k_deliveries')
      if (!all || !('gateway' in all)) return undefined
      return all.total - ['gateway', 'kafka', 'doc', 'persistence'].reduce((sum, k) => sum + Math.max(0, all[k] || 0), 0)
    }
    // per round, then the median: medians of the parts need not add up to the median total
    const values = (r && r.rounds && r.rounds.length > 1 ? r.rounds : [r]).map(other).filter(v => typeof v === 'number')
    return values.length ? median(values) : undefined
  }, { ratio: false }]
]

function idleRows () {
  const rows = []
  const server = (r, i) => (r && r.servers && r.servers[i]) || undefined
  rows.push(['connections / documents', r => r && `${r.connections} / ${r.documents}`, { ratio: false }])
  rows.push(['KiB per connection (gateway for Skein)', r => get(server(r, 0), 'kib_per_connection'), { digits: 1 }])
  rows.push(['KiB per document (gateway for Skein)', r => get(server(r, 0), 'kib_per_document'), { digits: 1 }])
  rows.push(['live heap KiB per connection (gateway, Skein only)', r => get(server(r, 0), 'heap_kib_per_connection'), { digits: 1, ratio: false }])
  rows.push(['live heap KiB per document (doc-service, Skein only)', r => get(server(r, 1), 'heap_kib_per_document'), { digits: 1, ratio: false }])
  rows.push(['live heap KiB per connection (doc-service, Skein only)', r => get(server(r, 1), 'heap_kib_per_connection'), { digits: 1, ratio: false }])
  rows.push(['KiB per document (doc-service, Skein only)', r => get(server(r, 1), 'kib_per_document'), { digits: 1, ratio: false }])
  rows.push(['KiB per connection (doc-service, Skein only)', r => get(server(r, 1), 'kib_per_connection'), { digits: 1, ratio: false }])
  rows.push(['KiB per connection, everything together', r => r && r.servers && r.servers.reduce((sum, s) => sum + s.kib_per_connection_all_in, 0), { digits: 1 }])
  rows.push(['RSS before → after (MiB, all processes)', r => r && r.servers && `${fmt(r.servers.reduce((s, x) => s + x.rss_before_kib, 0) / 1024, 0)} → ${fmt(r.servers.reduce((s, x) => s + x.rss_after_connections_kib, 0) / 1024, 0)}`, { ratio: false }])
  rows.push(['every second client got the edit', r => r && r.readers_with_the_edit === r.documents, { ratio: false }])
  return rows
}

const latencyRows = prefix => [
  ['latency p50 (ms)', `${prefix}latency.p50_ms`],
  ['latency p95 (ms)', `${prefix}latency.p95_ms`],
  ['latency p99 (ms)', `${prefix}latency.p99_ms`],
  ['latency max (ms)', `${prefix}latency.max_ms`]
]
const generatorRows = [
  ['load generator CPU (% of one core)', 'generator.cpu_pct_of_one_core', { digits: 0, ratio: false }],
  ['load generator pacing lag p99 (ms)', 'generator.pacing_lag.p99_ms', { ratio: false }]
]

// Rows with each round's value of a repeated scenario, so that the spread behind a median shows.
const ROUNDS = Number(machine.rounds || 1)
// How many times the servers were started cold and measured (coldstart runs after each start).
const COLD_STARTS = Math.max(1, ...SERVERS.map(s => (result(s.key, 'coldstart') || { rounds: [] }).rounds.length))
const roundRows = rows => (ROUNDS > 1 ? rows.map(([label, field]) => [`${label}, round by round`, perRound(field), { ratio: false }]) : [])

// Durable storage is Skein's alone (the reference servers keep documents in memory): no ratios.
function storageSection () {
  const st = result('skein', 'storage')
  if (!st) return ''
  if (st.error) return `## storage: durable writes under load (Skein only)\n\nerror: ${fmt(st.error)}\n`
  const b = st.bytes
  return `## storage: durable writes under load (Skein only)

The ${st.trace} trace sent through the gateway as ${st.keystroke_updates.toLocaleString('en')} single-keystroke
updates at ${st.rate} updates/s into one document; persistence-service (default settings: batches of
up to 500 updates or 2 s, a snapshot every 16 batches, 2 snapshots kept) writes them to the S3 API
server of the local run. Figures from persistence-service's metrics and admin API.

| measure | value |
|---|---|
| bytes of the updates as sent | ${b.updates_sent.toLocaleString('en')} |
| bytes of batch objects written (storage without compaction) | ${b.batch_objects_written.toLocaleString('en')} |
| bytes stored before the final compaction | ${b.stored_before_final_compaction.toLocaleString('en')} |
| bytes stored after compaction (all objects kept) | ${b.stored_after_compaction.toLocaleString('en')} |
| newest snapshot | ${b.newest_snapshot.toLocaleString('en')} (ycrdt's compacted update: ${b.reference_compacted_update.toLocaleString('en')}) |
| arrival in the log to durable write, p50 / p99 | ${fmt(st.arrival_to_durable_ms.p50)} / ${fmt(st.arrival_to_durable_ms.p99)} ms |
| batch objects written | ${st.batch_objects} (${fmt(st.batch_objects_per_s)} objects/s over ${fmt(st.until_stored_s)} s) |
| stored state equals the trace's text | ${st.stored_state_intact ? 'yes' : '**no**'} |
`
}

const commands = []
for (const s of SERVERS) {
  for (const scenario of ['coldstart', 'fanout', 'fanout-plain', 'fanout-burst', 'fanout-x', 'throughput', 'throughput-x', 'bigdoc', 'idle', 'storage', 'restart']) {
    const c = command(s.key, scenario)
    if (c) commands.push(`${s.title} ${scenario}: load-tool/${c}`)
  }
}

const doc = `# Performance

Skein against the two reference Yjs servers, every scenario of \`load-tool\` against each, all in one
run of \`bench/system/run.sh\` on one machine. **This file is generated**: run the command below to
measure again (it overwrites this file); nothing here was edited by hand.

- Skein: the local run (\`./run-local.sh --no-auth\`: one KRaft Kafka broker, an S3 server
  (s3proxy), Redis, doc-service, persistence-service, presence-service and two gateways, each a
  JVM, all on this machine). Clients connect to the first gateway.
- y-websocket: \`@y/websocket-server\` ${packageVersion('@y/websocket-server')} (in memory, no persistence).
  Not 0.1.5, which needs an unpublished Yjs 14.
- Hocuspocus: \`@hocuspocus/server\` ${packageVersion('@hocuspocus/server')}, no extensions (in memory).
  Clients use Hocuspocus's framing (document name before every message, an auth message first).
- Yjs ${packageVersion('yjs')} on the Node side; Skein's own pure-Java Yjs core on the JVM side.

Every client behaves as a browser does on the wire: it offers \`permessage-deflate\` in its
handshake (Chromium's offer, plus \`client_no_context_takeover\`, see load-tool/README.md),
compresses what it sends and inflates what arrives compressed once a server agrees. Each server is
first measured cold (coldstart, right after it started); then it gets the same unmeasured warm-up
of about a minute (throughput, then fanout, at the scenarios' rates) before the other scenarios,
so that steady state is compared as well (for Skein the minute is split between the path through
one gateway and the path across both, since both are measured). Each fanout run (each load-tool
process is a new JVM) first writes for a 2 s lead-in that is neither timed nor counted, so that the
tool's own readers are compiled before they time anything; a burster starts after it (load-tool/README.md).
${ROUNDS > 1 ? `The scenarios that the targets judge on one figure each (fanout, fanout across the gateways,
throughput, bigdoc) run ${ROUNDS} times per server (throughput's saturation search in the first
round only), round by round (every server's first round, then every server's second, ...): one
run of each moved by as much as the targets' margins from run to run.
Their tables give the median of the rounds for every figure on its own (so parts of a CPU total
need not add up to it) and the worst round for anything lost; the rows "round by round" show the
spread. ` : ''}The CPU figures are the user and system time of every
server process (for Skein every process of the local run: gateways, doc-, persistence- and
presence-service, the Kafka broker, the S3 server, Redis, the launcher) while the measured updates
were delivered, from \`/proc/<pid>/stat\`.

Ratios are Skein / reference: below 1× Skein took less (time, memory) or, for rates, delivered less.

## Machine and run

| | |
|---|---|
| command | \`${machine.command}\`${machine.quick === '1' ? ' (quick: shorter runs and fewer connections than the issue asks)' : ''} |
| date (UTC) | ${machine.date} |
| CPU | ${machine.cores} cores, ${machine.cpu} |
| memory | ${machine.memory} |
| kernel | ${machine.kernel} |
| Java | ${machine.java} |
| Node | ${machine.node} |
| Skein commit | ${machine.commit} |
| load average at the end | ${machine.load} |

The load generator, the servers and (for Skein) Kafka share the machine's cores; the generator's own
CPU use is in every table. Other builds may have been running on the machine at the same time: the
load average above tells.

## Targets

${targets()}
## coldstart: the first minute after a start, no warm-up

Fanout (50 readers, one writer at 200 updates/s) from the moment the server reported ready — for
Skein the local run's ready line, for the references their listening socket — without any
warm-up, latency per 10 s window (by arrival). This is what the first users get after a restart or
a scale-out. The load tool's own 50 connections and syncs take the first seconds of the first window.
${COLD_STARTS > 1 ? `The windows are those of each server's first start (Skein on an empty data folder); after
the other scenarios every server was stopped and started again ${COLD_STARTS - 1} more time${COLD_STARTS > 2 ? 's' : ''} (Skein's services as a
deployment's rollout restarts them, on the broker, S3 server and Redis that run on: the local run's
SIGHUP; the references empty) and measured the same way: the last row gives each start's worst
window from 10 s after the ready line (Skein's first: the whole local run from nothing, broker
included), and the target takes their median.
` : ''}
${coldstartTable()}
## fanout: one document, 50 readers, one writer at 200 updates/s

Per-update delivery latency at every reader (from the writer's send to each reader's receipt,
same clock), lost and duplicated updates, whether every reader ended with the writer's text, and
the CPU time every server process used while the updates were delivered. Clients offer
permessage-deflate as browsers do.

${table('fanout', [
  ['updates sent', 'updates_sent', { ratio: false }],
  ['deliveries / expected', r => r && `${fmt(r.deliveries)} / ${fmt(r.deliveries_expected)}`, { ratio: false }],
  ['connections with permessage-deflate agreed', r => r && r.client && `${r.client.connections_with_permessage_deflate} of ${r.client.connections}`, { ratio: false }],
  ...latencyRows(''),
  ...roundRows([['latency p50 (ms)', 'latency.p50_ms'], ['latency p99 (ms)', 'latency.p99_ms'],
    ['server CPU per 100,000 deliveries (s), all processes', 'server_cpu_s_per_100k_deliveries.total'],
    ['… of which the gateway (Skein)', 'server_cpu_s_per_100k_deliveries.gateway']]),
  ['lost', 'lost', { ratio: false }],
  ['duplicated', 'duplicates', { ratio: false }],
  ['all readers converged', 'converged', { ratio: false }],
  ...cpuRows,
  ...generatorRows
])}
### the same with clients that offer no compression

${table('fanout-plain', [
  ['connections with permessage-deflate agreed', r => r && r.client && `${r.client.connections_with_permessage_deflate} of ${r.client.connections}`, { ratio: false }],
  ...latencyRows(''),
  ['lost', 'lost', { ratio: false }],
  ...cpuRows.slice(0, 2),
  ...generatorRows
])}
### the same while another client of the same server bursts

One more client writes into a document of its own as fast as the server reads it (one keystroke
per transaction, as a paste split into transactions or a program writing does). Skein paces it at
\`skein.gateway.messages-per-second\` (500/s) by not reading its socket; the references read as fast
as it sends.

${table('fanout-burst', [
  ['burster: its keystrokes/s that reached its document\'s reader (by clock; merged messages count each keystroke)', 'burst.per_s', { digits: 0 }],
  ['burster still connected at the end', 'burst.still_open', { ratio: false }],
  ...latencyRows(''),
  ['lost', 'lost', { ratio: false }],
  ...cpuRows.slice(0, 2),
  ...generatorRows
])}
### Skein with the readers on the other gateway (the path through Kafka)

The writer on the first gateway, the 50 readers on the second: every update crosses the broker.
The references are one process each; their column is their ordinary fanout above.

${table('fanout-x', [
  ['deliveries / expected', r => r && `${fmt(r.deliveries)} / ${fmt(r.deliveries_expected)}`, { ratio: false }],
  ...latencyRows(''),
  ...roundRows([['latency p99 (ms)', 'latency.p99_ms']]),
  ['lost', 'lost', { ratio: false }],
  ...cpuRows,
  ...generatorRows
])}
## throughput: 100 documents × (1 writer + 1 reader), 100 updates/s each

${table('throughput', [
  ['offered (updates/s)', 'offered_per_s', { ratio: false }],
  ['delivered (updates/s)', 'delivered_per_s', { digits: 0 }],
  ...latencyRows(''),
  ['lost', 'lost', { ratio: false }],
  ['converged', 'converged', { ratio: false }],
  ...roundRows([['latency p50 (ms)', 'latency.p50_ms'], ['latency p99 (ms)', 'latency.p99_ms']]),
  ['saturation: highest rate kept up (updates/s)', 'saturation.sustained_updates_per_s', { digits: 0 }],
  ['saturation: stopped because', 'saturation.stopped_because', { ratio: false }],
  ...cpuRows,
  ...generatorRows
])}
With \`--saturate\` the rate per document rises by 1.5× a step, on fresh documents, until delivery
falls behind: an update lost after the drain time, a connection closed by the server, p99 above 1 s,
or less than 90% of the offered rate delivered. A document's rate is spread over writers of at most
150 updates/s each.

### Skein with the readers on the other gateway

${table('throughput-x', [
  ['delivered (updates/s)', 'delivered_per_s', { digits: 0 }],
  ...latencyRows(''),
  ['lost', 'lost', { ratio: false }],
  ['saturation: highest rate kept up (updates/s)', 'saturation.sustained_updates_per_s', { digits: 0 }],
  ...cpuRows.slice(0, 1),
  ...generatorRows
])}
## bigdoc: joining a large document (B4 trace)

The B4 trace (260,000 keystrokes writing a LaTeX paper; Martin Kleppmann / automerge-perf,
CC BY 4.0) replayed as per-keystroke Yjs updates, merged and compacted into one update and sent
by one client; then new clients join one after the other. A join is timed from the start of the
connection to the arrival of the whole document (its sync step 2, checked character by character
against the trace's final text). Before that, each load-tool run (a new JVM) joins a document of
its own holding the same update ${fmt(get(result('y-websocket', 'bigdoc') || result('skein', 'bigdoc'), 'warmup_joins'))} times, unmeasured, so that the joins time
the server and not the tool's interpreted inflate and decode paths (browsers run native code there).
Those joins also run each server's own path for a large join before the measured ones, alike for
every server (the minute of warm-up has no large document); the measured document is new to the
server all the same, and its first join is the row "first join after the preload".

${table('bigdoc', [
  ['document update sent (bytes)', 'document_update_bytes', { ratio: false }],
  ['join p50 (ms)', 'join.p50_ms'],
  ...roundRows([['join p50 (ms)', 'join.p50_ms']]),
  ['join p95 (ms)', 'join.p95_ms'],
  ['join max (ms)', 'join.max_ms'],
  ['first join after the preload (ms)', 'first_join_ms'],
  ['bytes received per join (inflated)', 'bytes.received_per_join'],
  ['bytes on the wire per join', 'bytes.on_the_wire_per_join'],
  ['every join got the full document', 'all_full', { ratio: false }]
])}
## idle: 1,000 connections over 500 documents, one edit each

Resident memory (VmRSS) of the server processes, read before and after: first one connection per
document that makes the document's edit, then a second connection per document that only syncs.
The second step's growth per connection is the cost of a connection; the first step's growth less
that, per document, the cost of a document. JVMs and Node grow their heaps in steps, so small or
negative values are within the noise of this method. A JVM's RSS hardly moves while its already
committed heap fills, so for Skein's services the live heap after a full GC (\`jcmd GC.run\`, then
\`GC.heap_info\`) is read at the same steps; the target is judged on that figure.

${table('idle', idleRows())}
## restart: SIGKILL mid-stream, restart, check nothing acknowledged was lost

A writer edits at 50 updates/s while a second client watches; an update counts as acknowledged once
the server delivered it to the watcher. The server process is killed with SIGKILL mid-stream and
restarted; then a fresh client checks that every acknowledged update is still there (and a second
fresh client after more edits). For Skein the killed process is doc-service; the local-run launcher
then stops the whole run, and the restart starts it again on the same data folder. The reference
servers keep documents in memory only, so they are expected to lose everything.

${table('restart', [
  ['killed', 'killed', { ratio: false }],
  ['updates sent', 'updates_sent', { ratio: false }],
  ['acknowledged before the kill', 'acknowledged', { ratio: false }],
  ['acknowledged but lost', 'lost_acknowledged', { ratio: false }],
  ['unacknowledged but kept', 'unacknowledged_recovered', { ratio: false }],
  ['restart command (s)', 'restart_command_s', { ratio: false }],
  ['fresh client synced after (s)', 'reconnect_s', { ratio: false }],
  ['edits after the restart delivered', 'post_restart_delivered', { ratio: false }]
])}
${storageSection()}
## Commands of each scenario

Run from the repository root (\`load-tool/load-tool.sh --help\` lists every option):

\`\`\`
${commands.join('\n')}
\`\`\`
`
writeFileSync(outputFile, doc)
