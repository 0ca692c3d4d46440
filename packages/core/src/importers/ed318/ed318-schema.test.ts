import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ImportError } from '../result.ts';
import { ed318SchemaViolations } from './ed318-schema.ts';
import { parseEd318 } from './index.ts';

const DIR = fileURLToPath(new URL('../../../../../../shared/data/airspace/ed318/examples', import.meta.url));
const skip = !existsSync(DIR) && `samples not found in ${DIR}`;
const example = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');
const EXAMPLES = ['Example_Collection.json', 'Example_GeoZone_2_Layers.json', 'Example_GeoZone_Circle.json'];

/** The published circle example, broken three ways the importer alone would let through. */
function invalidDocument(): string {
  const doc = JSON.parse(example('Example_GeoZone_Circle.json'));
  const props = doc.features[0].properties;
  props.type = 'FORBIDDEN';
  props.restriction = 'PROHIBITED';
  props.country = 'France';
  doc.metadata.issued = 'yesterday';
  return JSON.stringify(doc);
}

test('the published examples satisfy the schema and import in strict mode', { skip }, () => {
  for (const name of EXAMPLES) {
    assert.deepEqual(ed318SchemaViolations(JSON.parse(example(name))), [], name);
    assert.ok(parseEd318(example(name), { dataset: 'x', strict: true }).zones.length > 0, name);
  }
});

// Issue 11: --strict accepted a deliberately invalid ED-318 document.
test('strict refuses an invalid document, naming each violation by its JSON pointer', { skip }, () => {
  assert.throws(
    () => parseEd318(invalidDocument(), { dataset: 'x', strict: true }),
    (e: unknown) => {
      assert.ok(e instanceof ImportError);
      assert.match(e.message, /not valid ED-318 \(\d+ schema violations\)/);
      assert.match(e.message, /\/features\/0\/properties\/type must be equal to one of the allowed values/);
      assert.match(
        e.message,
        /\/features\/0\/properties must NOT have additional properties \("restriction"\)/,
      );
      assert.doesNotMatch(e.message, /must be null|exactly one schema/);
      assert.match(e.message, /\/features\/0\/properties\/country /);
      assert.match(e.message, /\/metadata\/issued must match format "date-time"/);
      return true;
    },
  );
});

test('violations are listed once each, with pointers', { skip }, () => {
  const lines = ed318SchemaViolations(JSON.parse(invalidDocument())).map((v) => `${v.pointer} ${v.message}`);
  assert.ok(
    lines.some((l) => l.startsWith('/features/0/properties/type ')),
    lines.join('; '),
  );
  assert.equal(new Set(lines).size, lines.length);
});
