import { expect } from 'chai';
import { ArtifactError, parseFeatures } from './artifact-schemas.js';

const entry = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'EXT_SOURCE_2', label: 'External score 2', description: 'Normalized score', type: 'numeric', unit: null, source: 'application', categories: null, ...extra,
});

describe('features.json parsing', () => {
  it('keeps the French label when the catalogue gives one', () => {
    const [feature] = parseFeatures({ features: [entry({ label_fr: 'Score externe 2' })] }, 'features.json');
    expect(feature).to.include({ label: 'External score 2', label_fr: 'Score externe 2' });
  });

  it('falls back to the English label when label_fr is absent (artifacts older than the French catalogue)', () => {
    const [feature] = parseFeatures({ features: [entry()] }, 'features.json');
    expect(feature!.label_fr).to.equal('External score 2');
    const [unnamed] = parseFeatures({ features: [entry({ label: '' })] }, 'features.json');
    expect(unnamed).to.include({ label: 'EXT_SOURCE_2', label_fr: 'EXT_SOURCE_2' });
  });

  it('refuses a label_fr that is not a non-empty string, naming the file, the entry and the field', () => {
    for (const bad of ['', '   ', null, 3, ['Score']]) {
      expect(() => parseFeatures({ features: [entry({ label_fr: bad })] }, '/a/features.json'))
        .to.throw(ArtifactError, /^\/a\/features\.json: features\[0\] \(EXT_SOURCE_2\)\.label_fr must be a non-empty string when present/);
    }
  });
});
