// Tiny `--name value` parser shared by the scripts: they are called by the Java tests, which
// always pass every option, so unknown or missing options are errors, not guesses.

/**
 * @param {string[]} argv process.argv.slice(2)
 * @param {Record<string, string | undefined>} defaults option name to default (undefined = required)
 * @returns {Record<string, string>}
 */
export function parseArgs (argv, defaults) {
  const options = { ...defaults }
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '')
    if (!argv[i].startsWith('--') || !(name in defaults) || i + 1 >= argv.length) {
      throw new Error(`bad argument ${argv[i]}; options: ${Object.keys(defaults).map((n) => '--' + n).join(' ')}`)
    }
    options[name] = argv[i + 1]
  }
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) {
      throw new Error(`--${name} is required`)
    }
  }
  return options
}
