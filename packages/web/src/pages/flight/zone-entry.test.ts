import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Feature } from 'geojson';
import { altitudeSegments, trackBounds } from './track-geometry.ts';
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

test('segments carry their height above the first fix, and the range spans them', () => {
  const lines = [
    [
      [8.5, 47.4, 500],
      [8.501, 47.4, 510],
      [8.502, 47.401, 530],
    ],
  ];
  const { segments, range } = altitudeSegments(lines);
  assert.deepEqual(
    segments.features.map((f) => f.properties.alt),
    [5, 20],
  );
  assert.deepEqual(range, [5, 20]);
  assert.deepEqual(trackBounds(lines), [8.5, 47.4, 8.502, 47.401]);
  assert.equal(
    altitudeSegments([
      [
        [8.5, 47.4],
        [8.6, 47.5],
      ],
    ]).range,
    null,
    'no altitude, no ramp',
  );
});
