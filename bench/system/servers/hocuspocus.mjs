// Hocuspocus 4 with no extensions (documents in memory only), on HOST:PORT (default 127.0.0.1:1234).
// Started by bench/system/run.sh and by the load-tool tests; prints one line once it listens.
import { Server } from '@hocuspocus/server'

const host = process.env.HOST || '127.0.0.1'
const port = Number.parseInt(process.env.PORT || '1234', 10)

const server = new Server({ address: host, port, quiet: true })
await server.listen()
console.log(`hocuspocus listening on ${host}:${port}`)

// Stop cleanly on SIGTERM/SIGINT; the restart scenario uses SIGKILL, which nothing can catch.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.destroy().finally(() => process.exit(0)))
}
