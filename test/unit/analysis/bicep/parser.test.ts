import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { initBicepParser } from '../../../../src/analysis/bicep';
import { inPackage, inRepository, locateWasm } from '../../../../src/analysis/bicep/parser';
import { parse, span, variable } from './helpers';

describe('bicep parser start-up', () => {
  it('initialises once and reuses the parser', async () => {
    const a = initBicepParser();
    const b = initBicepParser();
    assert.equal(a, b);
    assert.equal(await a, await b);
  });

  it('finds the wasm files in an explicit folder first, then in the package or the repository', () => {
    const grammarDir = path.join(process.cwd(), 'grammar', 'tree-sitter-bicep');
    const fromRepository = inRepository(path.join('grammar', 'tree-sitter-bicep', 'tree-sitter-bicep.wasm'));
    assert.equal(
      locateWasm('tree-sitter-bicep.wasm', () => undefined, grammarDir),
      path.join(grammarDir, 'tree-sitter-bicep.wasm'),
    );
    assert.equal(
      locateWasm('tree-sitter-bicep.wasm', fromRepository, '/nonexistent'),
      path.join(grammarDir, 'tree-sitter-bicep.wasm'),
    );
    const runtime = locateWasm(
      'web-tree-sitter.wasm',
      inPackage('web-tree-sitter/web-tree-sitter.wasm'),
      '/nonexistent',
    );
    assert.equal(runtime, path.join(process.cwd(), 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'));
    assert.equal(inPackage('no-such-package/x.wasm')(), undefined);
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
