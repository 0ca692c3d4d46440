import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Feature } from 'geojson';
import type { FlightTrack } from '../../api/client.ts';
import { colourChoices, colourSegments } from './track-colour.ts';
import { trackBounds } from './track-geometry.ts';
import { inPolygon, zonesCrossed } from './zone-entry.ts';

const square = (x: number, y: number, d: number) => [
  [
    [x - d, y - d],
    [x + d, y - d],
    [x + d, y + d],
    [x - d, y + d],
    [x - d, y - d],
  ],
];
const zone = (coordinates: number[][][]): Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates },
});

test('a zone is crossed when a logged position lies in its area, holes excluded', () => {
  const ring = square(8.5, 47.4, 0.01);
  const withHole = [...ring, ...square(8.5, 47.4, 0.002)];
  assert.equal(inPolygon([8.5, 47.405], ring), true);
  assert.equal(inPolygon([8.52, 47.4], ring), false);
  assert.equal(inPolygon([8.5, 47.4], withHole), false, 'inside the hole');
  assert.equal(inPolygon([8.5, 47.405], withHole), true);

  const track = [
    [
      [8.45, 47.4],
      [8.47, 47.4],
      [8.506, 47.401],
    ],
  ];
  const crossed = zonesCrossed([zone(square(8.5, 47.4, 0.01)), zone(square(9, 47, 0.01))], track);
  assert.deepEqual(crossed, [true, false]);
  // A line passing over a zone between two fixes, with no fix inside, is not counted: positions only.
  assert.deepEqual(
    zonesCrossed(
      [zone(square(8.46, 47.4, 0.001))],
      [
        [
          [8.45, 47.4],
          [8.47, 47.4],
        ],
      ],
    ),
    [false],
  );
});

test('segments carry their height above the first fix, speed and battery at their time; ranges span them', () => {
  const lines = [
    [
      [8.5, 47.4, 500],
      [8.501, 47.4, 510],
      [8.502, 47.401, 530],
    ],
  ];
  const track = lineTrack(lines, [0, 2, 4]);
  const series = { step_s: 1, t_s: [0, 1, 2, 3, 4], channels: { h_speed_mps: [0, 4, 5, 6, 8] } };
  const { segments, ranges } = colourSegments(track, series);
  assert.deepEqual(
    segments.features.map((f) => [f.properties.alt, f.properties.speed, f.properties.battery]),
    [
      [5, 4, null],
      [20, 6, null],
    ],
  );
  assert.deepEqual(ranges, { alt: [5, 20], speed: [4, 6], battery: null, mode: null });
  assert.deepEqual(trackBounds(lines), [8.5, 47.4, 8.502, 47.401]);
  const flat = colourSegments(
    lineTrack(
      [
        [
          [8.5, 47.4],
          [8.6, 47.5],
        ],
      ],
      [null, null],
    ),
    series,
  );
  assert.equal(flat.ranges.alt, null, 'no altitude, no ramp');
  assert.equal(flat.ranges.speed, null, 'no time, no speed');
  assert.deepEqual(
    colourChoices(flat).map((c) => [c.key, c.absent === undefined]),
    [
      ['alt', false],
      ['speed', false],
      ['battery', false],
      ['mode', false],
    ],
  );
});

function lineTrack(lines: number[][][], times: (number | null)[]): FlightTrack {
  const properties = { kind: 'track' as const, format: 'ulog', start: null, duration_s: 4, times_s: times };
  const geometry = { type: 'LineString' as const, coordinates: lines[0] };
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties }] };
}
