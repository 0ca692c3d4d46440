import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '../result.ts';
import { parseOpenAir } from './index.ts';

const SQUARE = ['DP 45:00:00 N 010:00:00 E', 'DP 45:01:00 N 010:00:00 E', 'DP 45:01:00 N 010:01:00 E'];
const CENTRE = 'V X=45:00:00 N 010:00:00 E';

// Each record after the first breaks one rule; the comment gives the line the issue must name.
const BAD = [
  '* one problem per record', // 1
  'AC R', // 2
  'AN Good One',
  'AL SFC',
  'AH 500ft AGL',
  ...SQUARE, // 6-8
  'AC R', // 9: no AN
  'AL SFC',
  'AH 500ft AGL',
  ...SQUARE, // 12-14
  'AC Q', // 15: no AL
  'AN No Floor',
  'AH 500ft AGL',
  ...SQUARE, // 18-20
  'AC R', // 21
  'AN Furlongs',
  'AL SFC',
  'AH 500 furlongs', // 24
  ...SQUARE, // 25-27
  'AC R', // 28
  'AN One Point',
  'AL SFC',
  'AH 500ft AGL',
  'DP 45:00:00 N 010:00:00 E', // 32
  'DP 45:00:00 N 010:00:00 E',
  'DP 45:00:00 N 010:00:00 E',
  'AC R', // 35
  'AN Bad Minutes',
  'AL SFC',
  'AH 500ft AGL',
  'DP 45:00:00 N 010:00:00 E',
  'DP 45:75:00 N 010:00:00 E', // 40
  'DP 45:01:00 N 010:01:00 E',
  'AC R', // 42
  'AN Unknown Command',
  'AL SFC',
  'AH 500ft AGL',
  'XY 12', // 46
  ...SQUARE, // 47-49
  'AC R', // 50
  'AN Airway',
  'AL SFC',
  'AH FL100',
  'V W=5',
  'DY 45:00:00 N 010:00:00 E', // 55
  'DY 45:10:00 N 010:00:00 E',
  'AC R', // 57
  'AN No Centre',
  'AL SFC',
  'AH FL100',
  'DC 2', // 61
  'AC R', // 62
  'AN Bad Window',
  'AL SFC',
  'AH FL100',
  'AA 2025-13-01T00:00Z/NONE', // 66
  CENTRE,
  'DC 2',
  'AC R', // 69
  'AN Twice Floor',
  'AL SFC',
  'AL 100ft AGL', // 72
  'AH FL100',
  CENTRE,
  'DC 2',
  'AC R', // 76
  'AN Upside Down',
  'AL 1000ft AGL',
  'AH 500ft AGL', // 79
  CENTRE,
  'DC 2',
  'AC R', // 82
  'AN Bad Direction',
  'AL SFC',
  'AH FL100',
  'V D=x', // 86
  'AC R', // 87
  'AN No Shape',
  'AL SFC',
  'AH FL100',
  'AC R', // 91
  'AN Circle And Points',
  'AL SFC',
  'AH FL100',
  CENTRE,
  'DC 2', // 96
  ...SQUARE,
  'AC P', // 100
  'AN Good Two',
  'AL SFC',
  'AH FL100',
  CENTRE,
  'DC 1',
].join('\n');

test('bad records are skipped with their line, name and the bad value; good ones around them survive', () => {
  const { zones, issues } = parseOpenAir(BAD, { dataset: 'bad' });
  // Ids count every record, skipped ones too, so fixing one record does not renumber the rest.
  assert.deepEqual(
    zones.map((z) => [z.id, z.name]),
    [
      ['bad:1', 'Good One'],
      ['bad:16', 'Good Two'],
    ],
  );
  const expected: [number, string | undefined, RegExp][] = [
    [9, undefined, /^AN missing \(the airspace name\)$/],
    [15, 'No Floor', /^AL missing \(the lower limit\)$/],
    [24, 'Furlongs', /^AH "500 furlongs" is not an altitude/],
    [32, 'One Point', /^the outline has 1 distinct point\(s\); a polygon needs at least 3$/],
    [40, 'Bad Minutes', /^DP "45:75:00 N" has 75 minutes \(must be at most 60\)$/],
    [46, 'Unknown Command', /^unknown command "XY"$/],
    [55, 'Airway', /^DY airway segments are not supported \("DY 45:00:00 N 010:00:00 E"\)$/],
    [61, 'No Centre', /^DC has no centre: no V X= before it in this record$/],
    [66, 'Bad Window', /^AA "2025-13-01T00:00Z" is not an ISO 8601 date-time/],
    [72, 'Twice Floor', /^AL given twice \(lines 71 and 72\)$/],
    [79, 'Upside Down', /^AH "500ft AGL" is below AL "1000ft AGL"$/],
    [86, 'Bad Direction', /^V D="x" is not \+ \(clockwise\) or - \(counter-clockwise\)$/],
    [87, 'No Shape', /^no geometry \(DP, DA, DB or DC\)$/],
    [96, 'Circle And Points', /^DC circle mixed with other DC, DP, DA or DB commands/],
  ];
  assert.equal(issues.length, expected.length, JSON.stringify(issues, null, 1));
  expected.forEach(([line, record, reason], i) => {
    assert.equal(issues[i].line, line, JSON.stringify(issues[i]));
    assert.equal(issues[i].record, record, JSON.stringify(issues[i]));
    assert.match(issues[i].reason, reason);
  });
});

test('strict mode throws ImportError naming the first bad line and record', () => {
  assert.throws(
    () => parseOpenAir(BAD, { dataset: 'bad', strict: true }),
    (error: unknown) =>
      error instanceof ImportError &&
      error.issue.line === 9 &&
      error.message === 'line 9: AN missing (the airspace name)',
  );
  const coordinate = ['AC R', 'AN Broken', 'AL SFC', 'AH 500ft AGL', 'DP nonsense'].join('\n');
  assert.throws(
    () => parseOpenAir(coordinate, { dataset: 'x', strict: true }),
    (error: unknown) =>
      error instanceof ImportError &&
      error.message ===
        'line 5 (Broken): DP "nonsense" is not a coordinate like 45:40:30 N 010:50:00 E or 45:40.5 N 010:50.0 E',
  );
});

test('lines before the first AC give one issue, not one per line', () => {
  const text = [
    '{',
    '  "type": "FeatureCollection"',
    '}',
    'AC R',
    'AN Fine',
    'AL SFC',
    'AH FL50',
    ...SQUARE,
  ].join('\n');
  const { zones, issues } = parseOpenAir(text, { dataset: 'x' });
  assert.equal(zones.length, 1);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].line, 1);
  assert.match(
    issues[0].reason,
    /^"\{" comes before any AC: every OpenAir record starts with an AC line; 3 such lines ignored, up to line 3$/,
  );
  const json = parseOpenAir('{"features": []}', { dataset: 'x' });
  assert.equal(json.zones.length, 0);
  assert.equal(json.issues.length, 1);
  assert.throws(() => parseOpenAir('{"features": []}', { dataset: 'x', strict: true }), ImportError);
});

test('empty and comment-only files give nothing, without issues', () => {
  for (const text of ['', '\n\n', '* only a comment\r\n*\r\n']) {
    const { zones, issues } = parseOpenAir(text, { dataset: 'x' });
    assert.deepEqual([zones, issues], [[], []]);
  }
});
