import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../random.ts';
import { type Circle, minimumEnclosingCircle } from './minimum-enclosing-circle.ts';

type P = [number, number];

function encloses(c: Circle, points: readonly P[]): boolean {
  return points.every(([x, y]) => Math.hypot(x - c.x, y - c.y) <= c.r * (1 + 1e-9) + 1e-9);
}

/** O(n^4) reference: the smallest valid circle through 2 or 3 of the points. */
function bruteForce(points: readonly P[]): Circle {
  let best: Circle = {
    x: points[0][0],
    y: points[0][1],
    r: points.length > 1 ? Number.POSITIVE_INFINITY : 0,
  };
  const consider = (c: Circle) => {
    if (c.r < best.r && encloses(c, points)) best = c;
  };
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[j];
      consider({ x: (ax + bx) / 2, y: (ay + by) / 2, r: Math.hypot(ax - bx, ay - by) / 2 });
      for (let k = j + 1; k < points.length; k++) {
        const [cx, cy] = points[k];
        const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
        if (Math.abs(d) < 1e-12) continue;
        const ux =
          ((ax * ax + ay * ay) * (by - cy) +
            (bx * bx + by * by) * (cy - ay) +
            (cx * cx + cy * cy) * (ay - by)) /
          d;
        const uy =
          ((ax * ax + ay * ay) * (cx - bx) +
            (bx * bx + by * by) * (ax - cx) +
            (cx * cx + cy * cy) * (bx - ax)) /
          d;
        consider({ x: ux, y: uy, r: Math.hypot(ax - ux, ay - uy) });
      }
    }
  }
  return best;
}

test('matches a brute-force reference on 500 random small sets', () => {
  const random = seededRandom(8);
  for (let t = 0; t < 500; t++) {
    const n = 1 + Math.floor(random() * 12);
    const points: P[] = Array.from({ length: n }, () => [random() * 100 - 50, random() * 100 - 50]);
    const got = minimumEnclosingCircle(points);
    const want = bruteForce(points);
    assert.ok(encloses(got, points), `set ${t} not enclosed`);
    assert.ok(Math.abs(got.r - want.r) < 1e-9 * Math.max(1, want.r), `set ${t}: r ${got.r} vs ${want.r}`);
  }
});

test('degenerate inputs: empty, one point, duplicates, collinear', () => {
  assert.deepEqual(minimumEnclosingCircle([]), { x: 0, y: 0, r: 0 });
  assert.deepEqual(minimumEnclosingCircle([[3, 4]]), { x: 3, y: 4, r: 0 });
  assert.deepEqual(minimumEnclosingCircle(Array.from({ length: 50 }, () => [1, 1] as P)), {
    x: 1,
    y: 1,
    r: 0,
  });
  const line = minimumEnclosingCircle([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
  ]);
  assert.ok(Math.abs(line.x - 1.5) < 1e-12 && Math.abs(line.y) < 1e-12 && Math.abs(line.r - 1.5) < 1e-12);
});

test('recovers the centre of a uniformly filled disc from 10,000 points to about a metre', () => {
  const random = seededRandom(9);
  const points: P[] = Array.from({ length: 10_000 }, () => {
    const r = 10_000 * Math.sqrt(random());
    const a = 2 * Math.PI * random();
    return [300 + r * Math.cos(a), -200 + r * Math.sin(a)];
  });
  const c = minimumEnclosingCircle(points);
  assert.ok(encloses(c, points));
  assert.ok(Math.hypot(c.x - 300, c.y + 200) < 20, `centre off by ${Math.hypot(c.x - 300, c.y + 200)} m`);
});
