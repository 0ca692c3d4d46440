/**
 * Smallest circle enclosing a set of planar points — the attacker's best estimator against an offset
 * of bounded support: reports near the disc's rim pin its centre, so the error falls like R/n.
 */
import type { RandomSource } from '../random.ts';
import { seededRandom } from '../random.ts';

export interface Circle {
  x: number;
  y: number;
  r: number;
}

// Relative slack for "inside": without it, rounding makes the algorithm rebuild circles forever-ish
// (still correct, but quadratic) on points that lie exactly on the boundary.
const INSIDE_SLACK = 1e-12;

function contains(c: Circle, x: number, y: number): boolean {
  return Math.hypot(x - c.x, y - c.y) <= c.r * (1 + INSIDE_SLACK) + 1e-9;
}

function fromTwo(ax: number, ay: number, bx: number, by: number): Circle {
  return { x: (ax + bx) / 2, y: (ay + by) / 2, r: Math.hypot(ax - bx, ay - by) / 2 };
}

function fromThree(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Circle {
  // Circumcircle relative to A (better conditioned); nearly collinear points fall back to the widest pair.
  const bxr = bx - ax;
  const byr = by - ay;
  const cxr = cx - ax;
  const cyr = cy - ay;
  const d = 2 * (bxr * cyr - byr * cxr);
  if (Math.abs(d) < 1e-12 * (bxr * bxr + byr * byr + cxr * cxr + cyr * cyr)) {
    const pairs = [fromTwo(ax, ay, bx, by), fromTwo(ax, ay, cx, cy), fromTwo(bx, by, cx, cy)];
    return pairs.reduce((best, c) => (c.r > best.r ? c : best));
  }
  const b2 = bxr * bxr + byr * byr;
  const c2 = cxr * cxr + cyr * cyr;
  const ux = (cyr * b2 - byr * c2) / d;
  const uy = (bxr * c2 - cxr * b2) / d;
  return { x: ax + ux, y: ay + uy, r: Math.hypot(ux, uy) };
}

/**
 * Welzl's randomised algorithm in its iterative form: expected O(n) after a
 * shuffle. `points` is not modified. An empty input gives a circle of radius 0 at the origin.
 *
 * @example
 * minimumEnclosingCircle([[0, 0], [2, 0], [1, 1]]); // { x: 1, y: 0, r: 1 }
 */
export function minimumEnclosingCircle(
  points: readonly (readonly [number, number])[],
  random: RandomSource = seededRandom(0x5eed),
): Circle {
  const p = points.map(([x, y]) => [x, y] as [number, number]);
  for (let i = p.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  if (p.length === 0) return { x: 0, y: 0, r: 0 };
  let c: Circle = { x: p[0][0], y: p[0][1], r: 0 };
  for (let i = 1; i < p.length; i++) {
    const [ix, iy] = p[i];
    if (contains(c, ix, iy)) continue;
    c = { x: ix, y: iy, r: 0 };
    for (let j = 0; j < i; j++) {
      const [jx, jy] = p[j];
      if (contains(c, jx, jy)) continue;
      c = fromTwo(ix, iy, jx, jy);
      for (let k = 0; k < j; k++) {
        const [kx, ky] = p[k];
        if (!contains(c, kx, ky)) c = fromThree(ix, iy, jx, jy, kx, ky);
      }
    }
  }
  return c;
}
