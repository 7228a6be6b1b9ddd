import { Catalog, compareVersions } from './catalog';
import { shipped } from '../../tests/support/shipped';

describe('compareVersions', () => {
  it('orders semantic versions numerically, pre-releases before their release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9', '1.2.0-beta'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.2.0-beta', '1.2.0-rc.1', '1.2.0', '1.10.0']);
  });
});

describe('Catalog', () => {
  const v1 = shipped('srasr-key-child@1.0.0');
  const v2 = { ...v1, version: '1.1.0' };

  it('finds id@version exactly and a bare id as the newest version not retired', () => {
    const catalog = new Catalog([v1, v2]);
    expect(catalog.find('srasr-key-child@1.0.0')).toBe(v1);
    expect(catalog.find('srasr-key-child')).toBe(v2);
    expect(catalog.newerThan(v1)).toBe(v2);
    expect(catalog.find('srasr-key-child@2.0.0')).toBeUndefined();
  });

  it('skips versions retired on this device for new administrations but still finds them exactly', () => {
    const catalog = new Catalog([v1, v2], { retired: new Set(['srasr-key-child@1.1.0']), imported: new Set(['srasr-key-child@1.1.0']) });
    expect(catalog.find('srasr-key-child')).toBe(v1);
    expect(catalog.find('srasr-key-child@1.1.0')).toBe(v2);
    expect(catalog.isRetired(v2)).toBe(true);
    expect(catalog.newerThan(v1)).toBeUndefined();
    expect(catalog.startable()).toEqual([v1]);
    expect(catalog.sourceOf(v2)).toBe('imported');
    expect(catalog.sourceOf(v1)).toBe('shipped');
  });
});
