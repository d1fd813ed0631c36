// The stock y-websocket server (@y/websocket-server 0.1.1, documents in memory: YPERSISTENCE is
// cleared) on HOST:PORT, default 127.0.0.1:1234. The package's own bin reads the same variables,
// but defaults to "localhost" (which may resolve to ::1); this wrapper pins loopback IPv4.
// The package's exports map does not expose src/server.js, so it is loaded by path.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.HOST = process.env.HOST || '127.0.0.1'
delete process.env.YPERSISTENCE

const require = createRequire(import.meta.url)
const root = path.dirname(require.resolve('@y/websocket-server/package.json'))
await import(pathToFileURL(path.join(root, 'src', 'server.js')).href)
