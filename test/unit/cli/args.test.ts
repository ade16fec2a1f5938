import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../src/cli/args';

describe('ade-lint arguments', () => {
  it('reads inputs and options, in both --flag value and --flag=value forms', () => {
    const o = parseArgs([
      'a.bicep',
      '--format',
      'sarif',
      '--config=c.json',
      '-p',
      'x.parameters.json',
      'dir',
      '--no-color',
    ]);
    assert.deepEqual(o.inputs, ['a.bicep', 'dir']);
    assert.equal(o.format, 'sarif');
    assert.equal(o.config, 'c.json');
    assert.equal(o.params, 'x.parameters.json');
    assert.equal(o.color, false);
  });

  it('colours only on a terminal without NO_COLOR', () => {
    assert.equal(parseArgs([], {}, true).color, true);
    assert.equal(parseArgs([], { NO_COLOR: '1' }, true).color, false);
    assert.equal(parseArgs([], {}, false).color, false);
  });

  it('rejects unknown flags, bad formats and missing values', () => {
    assert.throws(() => parseArgs(['--frobnicate']), UsageError);
    assert.throws(() => parseArgs(['--format', 'xml']), /unknown format "xml"/);
    assert.throws(() => parseArgs(['--config']), /--config needs a value/);
    assert.throws(() => parseArgs(['--jobs', 'many']), /whole number/);
  });

  it('reads --only as a comma list (repeatable) and --min-severity as a level', () => {
    const o = parseArgs(['--only', 'ade, kv-firewall', '--only=kv-soft-delete', '--min-severity', 'Warning']);
    assert.deepEqual(o.only, ['ade', 'kv-firewall', 'kv-soft-delete']);
    assert.equal(o.minSeverity, 'warning');
    assert.equal(parseArgs([]).only, undefined);
    assert.throws(() => parseArgs(['--only', ',']), /--only needs a rule id/);
    assert.throws(() => parseArgs(['--min-severity', 'fatal']), /unknown severity "fatal"/);
  });

  it('treats everything after -- as files', () => {
    assert.deepEqual(parseArgs(['--', '--weird-name.json']).inputs, ['--weird-name.json']);
  });
});
