import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { initBicepParser } from '../../../../src/analysis/bicep';
import { locateWasm } from '../../../../src/analysis/bicep/parser';
import { parse, span, variable } from './helpers';

describe('bicep parser start-up', () => {
  it('initialises once and reuses the parser', async () => {
    const a = initBicepParser();
    const b = initBicepParser();
    assert.equal(a, b);
    assert.equal(await a, await b);
  });

  it('finds the wasm files in an explicit folder first, then in the installed packages', () => {
    const dir = path.join(process.cwd(), 'node_modules', 'tree-sitter-bicep');
    assert.equal(
      locateWasm('tree-sitter-bicep.wasm', 'tree-sitter-bicep/tree-sitter-bicep.wasm', dir),
      path.join(dir, 'tree-sitter-bicep.wasm'),
    );
    const resolved = locateWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm', '/nonexistent');
    assert.match(resolved, /web-tree-sitter\.wasm$/);
  });

  it('reports offsets in UTF-16 code units, also after non-ASCII and astral characters', async () => {
    const text = "// é ü 😀\nvar a = 'é😀'\nvar b = 'x'\n";
    const model = await parse(text);
    const b = variable(model, 'b');
    assert.equal(text.slice(b.range.start.offset, b.range.end.offset), "'x'");
    assert.deepEqual(span(b), [2, 8, 2, 11]);
    const a = variable(model, 'a');
    assert.equal(text.slice(a.range.start.offset, a.range.end.offset), "'é😀'");
    assert.deepEqual(span(a), [1, 8, 1, 13]);
  });

  it('handles CRLF line ends', async () => {
    const model = await parse("var a = 1\r\nvar b = 'x'\r\n");
    assert.deepEqual(span(variable(model, 'b')), [1, 8, 1, 11]);
  });
});
