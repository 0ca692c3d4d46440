import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ImportError } from '../result.ts';
import { parseJsonText } from './parse-json.ts';

it('names the line of a JSON syntax error, also when V8 gives only an excerpt ("Unexpected token")', () => {
  const text = '{\n"a": 1,\n"b": [1, 2, 3, 4, 5, 6],\n "c": $ 7, 8, 9, 10, 11, 12]}';
  for (const [body, line] of [
    [text, 4],
    ['{\n"a": x}', 2],
    ['{"a" 1}', 1],
  ] as const) {
    assert.throws(
      () => parseJsonText(body),
      (e) =>
        e instanceof ImportError &&
        e.issue.line === line &&
        /^line \d+: invalid JSON at position/.test(e.message),
    );
  }
});
