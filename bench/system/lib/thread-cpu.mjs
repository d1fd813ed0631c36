// CPU time per process, split into the JIT compiler threads, the GC threads and the rest, from
// /proc/<pid>/task/<tid>/stat (utime + stime of every thread): where a cold JVM's first minute goes.
//
//   node thread-cpu.mjs snap FILE NAME=PID,NAME=PID,...   writes every thread's ticks to FILE
//   node thread-cpu.mjs diff BEFORE AFTER                 prints seconds per process between them
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

// Linux's USER_HZ: /proc reports thread times in these ticks on every architecture we run on.
const TICKS_PER_SECOND = 100;

function threadTicks(pid) {
  const threads = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // the thread name may hold spaces and parentheses: it ends at the last ')'
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads[tid] = { name, ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      // the thread ended while the folder was read
    }
  }
  return threads;
}

function kindOf(threadName) {
  if (/^C[12] CompilerThre/.test(threadName)) return 'jit';
  if (/^(GC Thread|G1 |VM Thread)/.test(threadName)) return 'gc';
  return 'other';
}

const [command, ...args] = process.argv.slice(2);
if (command === 'snap') {
  const processes = {};
  for (const entry of args[1].split(',').filter(Boolean)) {
    const [name, pid] = entry.split('=');
    try {
      processes[`${name}=${pid}`] = threadTicks(pid);
    } catch {
      processes[`${name}=${pid}`] = {};
    }
  }
  writeFileSync(args[0], JSON.stringify(processes));
} else if (command === 'diff') {
  const before = JSON.parse(readFileSync(args[0], 'utf8'));
  const after = JSON.parse(readFileSync(args[1], 'utf8'));
  const rows = [];
  for (const [key, threads] of Object.entries(after)) {
    const earlier = before[key] ?? {};
    const sums = { total: 0, jit: 0, gc: 0 };
    for (const [tid, { name, ticks }] of Object.entries(threads)) {
      const used = ticks - (earlier[tid]?.ticks ?? 0);
      sums.total += used;
      if (kindOf(name) !== 'other') sums[kindOf(name)] += used;
    }
    rows.push({ name: key.split('=')[0], ...sums });
  }
  rows.sort((a, b) => b.total - a.total);
  const seconds = (ticks) => (ticks / TICKS_PER_SECOND).toFixed(2).padStart(6);
  for (const row of rows) {
    console.log(`${row.name.padEnd(12)} total ${seconds(row.total)} s   jit ${seconds(row.jit)} s   gc ${seconds(row.gc)} s`);
  }
} else {
  console.error('usage: thread-cpu.mjs snap FILE NAME=PID,... | diff BEFORE AFTER');
  process.exit(2);
}
