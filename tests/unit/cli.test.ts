/** The two command-line tools, run as a user runs them (npm run score / instrument:check). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'polku-cli-'));

function run(script: string, args: string[]) {
  const result = spawnSync(tsx, [join(root, 'src/cli', script), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('npm run score', () => {
  it('scores child, mother and father and combines parents first (examples/srasr-child-and-parents.json)', () => {
    const { status, stdout, stderr } = run('score.ts', ['--answers', 'examples/srasr-child-and-parents.json']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.administrations.map((a: any) => [a.instrument, a.informant])).toEqual([
      ['srasr-key-child@1.0.0', 'child'],
      ['srasr-key-parent@1.0.0', 'mother'],
      ['srasr-key-parent@1.0.0', 'father'],
    ]);
    const child = out.administrations[0];
    // Child avoidance: items 1,5,9,13,17,21 = 6,5,6,4,5,6 -> 32/6.
    expect(child.scales[0]).toMatchObject({ id: 'avoidance', answered: 6, items: 6, prorated: false });
    expect(child.scales[0].score).toBeCloseTo(32 / 6, 12);
    // Child tangible: items 4,8,12,16,20 = 0,1,0,1,0 and 24 unanswered -> 2/5, prorated.
    expect(child.scales[3]).toMatchObject({ id: 'tangible', score: 0.4, answered: 5, items: 6, prorated: true, missing: ['24'] });
    expect(child.complete).toBe(false);
    // Avoidance: mother 28/6, father 22/6 -> parents 25/6; with the child 32/6 -> (32/6 + 25/6) / 2 = 4.75.
    // Escape: child 24/6 = 4; mother 28/6, father 20/6 -> parents 4; combined 4.
    const combined = Object.fromEntries(out.combined.scales.map((s: any) => [s.id, s.score]));
    expect(combined.avoidance).toBeCloseTo(4.75, 12);
    expect(combined.escape).toBeCloseTo(4, 12);
    expect(out.combined.primary).toEqual(['avoidance']);
  });

  it('names no primary for an all-zero SRAS-R child key, with the reason', () => {
    const zero = { instrument: 'srasr-key-child@1.0.0', informant: 'child', answers: Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), 0])) };
    const { status, stdout, stderr } = run('score.ts', ['--answers', file('zero.json', zero)]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    const report = out.administrations[0];
    expect(report.scales.map((s: any) => s.score)).toEqual([0, 0, 0, 0]);
    expect(report.primary).toEqual([]);
    expect(report.noPrimary).toBe('below-floor');
    expect(report.ranking).toMatchObject({ floor: 1, primary: [], noPrimary: 'below-floor' });
    expect(out.combined).toMatchObject({ primary: [], noPrimary: 'below-floor' });
  });

  it('marks a primary provisional when a function could not be scored, in the report and the combined profile', () => {
    // Items 1..24 rotate through the functions; every tangible item (4, 8, …, 24) unanswered.
    const answers = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i % 4 === 3 ? null : i % 4 === 0 ? 4 : 1]));
    const { status, stdout } = run('score.ts', ['--answers', file('provisional.json', { instrument: 'srasr-key-child@1.0.0', answers })]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.administrations[0].primary).toEqual(['avoidance']);
    expect(out.administrations[0].provisional).toEqual([{ kind: 'unscorable', scales: ['tangible'] }]);
    expect(out.combined.provisional).toEqual([
      { kind: 'unscorable', scales: ['tangible'] },
      { kind: 'one-informant', scales: ['avoidance', 'escape', 'attention'] },
    ]);
  });

  it.each([
    ['malformed JSON', '{"instrument": ', /not valid JSON/],
    ['an unknown instrument', { instrument: 'nope@1.0.0', answers: {} }, /unknown instrument "nope@1.0.0" \(known: .*srasr-key-child@1.0.0/],
    ['an out-of-range value', { instrument: 'srasr-key-child', answers: { '3': 7 } }, /Item "3": 7 is not an allowed answer \(0–6\)/],
    ['a text instead of a number', { instrument: 'srasr-key-child', answers: { '2': 'often' } }, /Item "2": "often" is not a number/],
    ['an unknown item', { instrument: 'srasr-key-child', answers: { '25': 1 } }, /There is no item "25"/],
    ['a missing instrument field', [{ answers: {} }], /\$\[0\]\.instrument: required/],
  ])('refuses %s with a message and no stack trace', (_name, content, message) => {
    const { status, stdout, stderr } = run('score.ts', ['--answers', file('bad.json', content)]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a missing file and an unknown option', () => {
    expect(run('score.ts', ['--answers', join(dir, 'absent.json')]).stderr).toMatch(/absent.json: no such file/);
    const unknown = run('score.ts', ['--answers', 'x', '--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --colour/);
  });

  it('scores against an instrument pack given with --instrument', () => {
    const pack = JSON.parse(readFileSync(join(root, 'instruments/srasr-key-child/1.0.0.json'), 'utf8'));
    pack.id = 'local-key';
    pack.version = '0.1.0';
    const answers = { instrument: 'local-key@0.1.0', answers: Object.fromEntries(Array.from({ length: 24 }, (_, i) => [String(i + 1), i % 4 === 1 ? 3 : 0])) };
    const { status, stdout } = run('score.ts', ['--answers', file('local.json', answers), '--instrument', file('pack.json', pack)]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout).administrations[0];
    expect(report.scales.map((s: any) => s.score)).toEqual([0, 3, 0, 0]);
    expect(report.primary).toEqual(['escape']);
  });
});

describe('npm run instrument:check', () => {
  it('passes every shipped instrument', () => {
    const { status, stdout } = run('check.ts', []);
    expect(stdout).toMatch(/^14 valid, 0 invalid$/m);
    expect(status).toBe(0);
  });

  it('prints every problem of a broken pack with its JSON path and exits non-zero', () => {
    const pack = JSON.parse(readFileSync(join(root, 'instruments/srasr-key-child/1.0.0.json'), 'utf8'));
    pack.scales[0].items[2] = '99';
    delete pack.title.sv;
    const shape = { ...pack, profile: { ...pack.profile, tieMargin: -1 } };
    const files = [file('broken.json', pack), file('shape.json', shape), file('garbage.json', 'nope')];
    const { status, stdout } = run('check.ts', ['--strict', ...files]);
    expect(status).toBe(1);
    // Meaning is checked once the shape is right, and every problem is listed.
    expect(stdout).toContain('FAILED ' + files[0] + '  (2 problems)\n  $.scales[0].items[2]: There is no item "99".\n  $.title.sv: The sv translation is missing.\n');
    expect(stdout).toContain('$.profile.tieMargin: Too small: at least 0');
    expect(stdout).toMatch(/garbage.json.*\n.*not valid JSON/);
    expect(stdout).toMatch(/^0 valid, 3 invalid$/m);
  });
});
