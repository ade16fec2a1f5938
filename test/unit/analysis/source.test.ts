import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/analysis/model';

describe('LineIndex', () => {
  it('maps offsets to 0-based lines and characters across LF and CRLF', () => {
    const idx = new LineIndex('ab\r\ncd\nef');
    assert.deepEqual(idx.position(0), { offset: 0, line: 0, character: 0 });
    assert.deepEqual(idx.position(4), { offset: 4, line: 1, character: 0 });
    assert.deepEqual(idx.position(8), { offset: 8, line: 2, character: 1 });
    assert.equal(idx.offsetAt(2, 1), 8);
  });
});
