// Who this tab is to the others: a name and a colour, shown on this user's remote caret in
// every other editor (y-codemirror.next reads awareness field `user`).

const ADJECTIVES = ['Amber', 'Brisk', 'Calm', 'Deft', 'Eager', 'Frank', 'Gentle', 'Hardy', 'Keen', 'Lively',
  'Merry', 'Nimble', 'Quiet', 'Rapid', 'Steady', 'Witty']
const ANIMALS = ['Badger', 'Crane', 'Dolphin', 'Falcon', 'Gecko', 'Heron', 'Ibex', 'Jaguar', 'Koala', 'Lynx',
  'Marten', 'Otter', 'Puffin', 'Raven', 'Swift', 'Walrus']

// Dark enough for white caret labels, far enough apart to tell two people apart.
const COLOURS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#6a4c93', '#2a9d8f', '#e76f51', '#3d5a80']

/**
 * @param {URLSearchParams} params `name` and `color` override the random choice
 * @param {() => number} random a source of numbers in [0, 1)
 * @returns {{name: string, color: string, colorLight: string}}
 */
export function chooseIdentity (params, random = Math.random) {
  const pick = (list) => list[Math.floor(random() * list.length)]
  const name = (params.get('name') || `${pick(ADJECTIVES)} ${pick(ANIMALS)}`).slice(0, 40)
  const requested = params.get('color')
  const color = requested && /^#[0-9a-fA-F]{6}$/.test(requested) ? requested : pick(COLOURS)
  // A translucent tint of the same colour marks this user's selection without hiding the text.
  return { name, color, colorLight: color + '33' }
}
