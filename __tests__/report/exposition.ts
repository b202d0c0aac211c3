/**
 * A strict reader of the Prometheus text exposition format (0.0.4), written from the format's description
 * rather than borrowed from a client library, so it can catch what a lenient parser would let through:
 * unknown escapes, a family split in two, a HELP after its samples, a duplicate series, a missing final
 * newline, a value that is not a finite number.
 */

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  help?: string;
  type?: string;
  samples: ParsedSample[];
}

export interface Exposition {
  families: Map<string, ParsedFamily>;
  samples: ParsedSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** Series a histogram or summary family writes under derived names. */
const DERIVED_SUFFIXES = ['_bucket', '_sum', '_count'];

export function parseExposition(text: string, { finiteOnly = true } = {}): Exposition {
  if (text !== '' && !text.endsWith('\n')) throw new Error('the exposition does not end with a newline');
  const families = new Map<string, ParsedFamily>();
  const samples: ParsedSample[] = [];
  const closed = new Set<string>();
  const seriesSeen = new Set<string>();
  let current: string | undefined;

  const enter = (family: string, lineNumber: number): ParsedFamily => {
    if (family !== current) {
      if (closed.has(family)) throw new Error(`line ${lineNumber}: family ${family} continues after another family began`);
      if (current !== undefined) closed.add(current);
      current = family;
    }
    let entry = families.get(family);
    if (!entry) families.set(family, (entry = { samples: [] }));
    return entry;
  };

  const lines = text === '' ? [] : text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.startsWith('#')) {
      const descriptor = /^# (HELP|TYPE) ([^ ]+) ?(.*)$/.exec(line);
      if (!descriptor) {
        if (!line.startsWith('# ') && line !== '#') throw new Error(`line ${lineNumber}: malformed comment ${JSON.stringify(line)}`);
        return;
      }
      const [, keyword, name, rest] = descriptor;
      if (METRIC_NAME.exec(name)?.[0] !== name) throw new Error(`line ${lineNumber}: bad metric name ${name}`);
      const family = enter(name, lineNumber);
      if (family.samples.length > 0) throw new Error(`line ${lineNumber}: ${keyword} for ${name} after its samples`);
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new Error(`line ${lineNumber}: second HELP for ${name}`);
        family.help = unescape(rest, false, lineNumber);
      } else {
        if (family.type !== undefined) throw new Error(`line ${lineNumber}: second TYPE for ${name}`);
        if (!TYPES.has(rest)) throw new Error(`line ${lineNumber}: unknown type ${JSON.stringify(rest)}`);
        family.type = rest;
      }
      return;
    }
    if (line.trim() === '') throw new Error(`line ${lineNumber}: blank line`);
    const sample = parseSampleLine(line, lineNumber, finiteOnly);
    const family = enter(familyOf(sample.name, current, families), lineNumber);
    const seriesKey = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    if (seriesSeen.has(seriesKey)) throw new Error(`line ${lineNumber}: duplicate series ${line}`);
    seriesSeen.add(seriesKey);
    family.samples.push(sample);
    samples.push(sample);
  });
  return { families, samples };
}

function familyOf(name: string, current: string | undefined, families: Map<string, ParsedFamily>): string {
  if (current !== undefined && name !== current) {
    const type = families.get(current)?.type;
    if ((type === 'histogram' || type === 'summary') && DERIVED_SUFFIXES.some((suffix) => name === `${current}${suffix}`)) return current;
  }
  return name;
}

function parseSampleLine(line: string, lineNumber: number, finiteOnly: boolean): ParsedSample {
  const fail = (why: string): never => {
    throw new Error(`line ${lineNumber}: ${why}: ${JSON.stringify(line)}`);
  };
  const nameMatch = METRIC_NAME.exec(line) ?? fail('no metric name');
  const name = nameMatch[0];
  let position = name.length;
  const labels: Record<string, string> = {};
  if (line[position] === '{') {
    position++;
    while (line[position] !== '}') {
      const labelMatch = LABEL_NAME.exec(line.slice(position)) ?? fail(`bad label name at ${position}`);
      const labelName = labelMatch[0];
      if (labelName in labels) fail(`label ${labelName} twice`);
      position += labelName.length;
      if (line.slice(position, position + 2) !== '="') fail(`expected =" after ${labelName}`);
      position += 2;
      let raw = '';
      while (line[position] !== '"') {
        if (position >= line.length) fail('unterminated label value');
        if (line[position] === '\\') {
          raw += line.slice(position, position + 2);
          position += 2;
        } else {
          raw += line[position++];
        }
      }
      position++;
      labels[labelName] = unescape(raw, true, lineNumber);
      if (line[position] === ',') position++;
      else if (line[position] !== '}') fail(`expected , or } at ${position}`);
    }
    position++;
  }
  if (line[position] !== ' ') fail('expected a space before the value');
  const [valueText, timestamp, ...extra] = line.slice(position + 1).split(' ');
  if (extra.length > 0) fail('trailing fields');
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) fail('bad timestamp');
  const value = parseValue(valueText) ?? fail(`bad value ${JSON.stringify(valueText)}`);
  if (finiteOnly && !Number.isFinite(value)) fail('value is not finite');
  return { name, labels, value };
}

function parseValue(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Label values know `\\`, `\"` and `\n`; HELP text only `\\` and `\n`. Any other escape is an error. */
function unescape(raw: string, isLabelValue: boolean, lineNumber: number): string {
  return raw.replace(/\\(.?)/g, (_, escaped: string) => {
    if (escaped === '\\') return '\\';
    if (escaped === 'n') return '\n';
    if (escaped === '"' && isLabelValue) return '"';
    throw new Error(`line ${lineNumber}: unknown escape \\${escaped}`);
  });
}
