import { canonicalJson, contentHash } from './hash';

describe('contentHash', () => {
  it('is the SHA-256 of the canonical JSON', async () => {
    // The canonical JSON of the string abc is the five bytes "abc" (quotes included); its SHA-256
    // was computed independently with Node's crypto.createHash.
    expect(await contentHash('abc')).not.toBe(await contentHash('abd'));
    expect(canonicalJson('abc')).toBe('"abc"');
    expect(await contentHash(JSON.parse('"abc"'))).toBe('sha256:6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25');
  });

  it('does not depend on key order or undefined fields', async () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
    expect(await contentHash({ b: 1, a: 2 })).toBe(await contentHash({ a: 2, b: 1 }));
  });
});
