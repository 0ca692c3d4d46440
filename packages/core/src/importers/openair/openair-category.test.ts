import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoryFor } from './openair-category.ts';

test('v1 classes map to categories', () => {
  const cases: [string, string][] = [
    ['P', 'restricted'],
    ['R', 'restricted'],
    ['GP', 'restricted'],
    ['CTR', 'authorization'],
    ['A', 'authorization'],
    ['D', 'authorization'],
    ['Q', 'enhanced_warning'],
    ['E', 'warning'],
    ['G', 'warning'],
    ['TMZ', 'warning'],
    ['RMZ', 'warning'],
    ['W', 'warning'],
    ['GSEC', 'warning'],
  ];
  for (const [ac, category] of cases) {
    assert.deepEqual(categoryFor(ac, undefined), { category, reasons: ['AIR_TRAFFIC'] }, ac);
  }
});

test('v2 class + type: the more restrictive wins, and unclassified defers to the other', () => {
  assert.equal(categoryFor('D', 'TMA').category, 'authorization');
  assert.equal(categoryFor('G', 'ATZ').category, 'authorization');
  assert.equal(categoryFor('E', 'RMZ').category, 'warning');
  assert.equal(categoryFor('UNC', 'R').category, 'restricted');
  assert.equal(categoryFor('UNC', 'Q').category, 'enhanced_warning');
  assert.equal(categoryFor('G', 'TFR').category, 'temporary');
  assert.equal(categoryFor('c', 'tma').category, 'authorization');
});

test('unknown or unclassified airspace is a warning with reason OTHER', () => {
  assert.deepEqual(categoryFor('UKN', undefined), { category: 'warning', reasons: ['OTHER'] });
  assert.deepEqual(categoryFor('ZZZ', 'NONE'), { category: 'warning', reasons: ['OTHER'] });
  assert.deepEqual(categoryFor(undefined, undefined), { category: 'warning', reasons: ['OTHER'] });
  assert.deepEqual(categoryFor('D', 'ZZZ'), { category: 'authorization', reasons: ['AIR_TRAFFIC'] });
});
