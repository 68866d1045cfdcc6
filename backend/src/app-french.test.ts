/**
 * French labels and phrases on the tiny model: the catalogue's label_fr in
 * /v1/model and in every explanation, phrase_fr on every top entry (client
 * explanation, what-if, batch), the English fields unchanged, the fallback to
 * the English label for a catalogue without label_fr, and the OpenAPI contract.
 */
import { expect } from 'chai';
import { signedIn } from './testing/signed-in.js';
import { parseFeatures } from './store/artifact-schemas.js';
import { checkSchema } from './testing/schema-check.js';
import { createTinyApp, TINY_FEATURES, TINY_IDS, tinyVector, type TinyApp } from './testing/tiny-model.js';

type Json = Record<string, unknown>;
interface Top { feature: string; label: string; label_fr: string; shap: number; direction: string; phrase: string; phrase_fr: string }

const labelFr = new Map(TINY_FEATURES.map((f) => [f.name, f.label_fr]));
const labelEn = new Map(TINY_FEATURES.map((f) => [f.name, f.label]));

// Expected French numbers, written independently of the service: decimal comma, U+202F between thousands.
const decimals = (v: number, digits: number): string => v.toFixed(digits).replace('.', ',');
const upToTwo = (v: number): string => String(Number(v.toFixed(2))).replace('.', ',');
const grouped = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
const lowHigh = (v: number, median: number): string => (v < median ? 'basse' : 'élevée');

/** The French phrase a tiny client's feature must read (medians: 0.5, 40, 500000; none for the ratio). */
function expectedFrench(feature: string, v: number, shap: number): string {
  const tail = shap > 0 ? ', augmente le risque' : shap < 0 ? ', réduit le risque' : ', sans effet sur le risque';
  const label = labelFr.get(feature)!;
  if (Number.isNaN(v)) return `${label} : valeur manquante${tail}`;
  switch (feature) {
    case 'EXT_SOURCE_2': return `${label} : valeur ${lowHigh(v, 0.5)} (${upToTwo(v)})${tail}`;
    case 'AGE_YEARS': return `${label} : valeur ${lowHigh(v, 40)} (${decimals(v, 1)} ans)${tail}`;
    case 'AMT_CREDIT': return `${label} : valeur ${lowHigh(v, 500000)} (${grouped(v)})${tail}`;
    case 'NAME_CONTRACT_TYPE': return `${label} : ${v === 1 ? 'Crédit renouvelable' : 'Prêt personnel'}${tail}`;
    case 'FLAG_OWN_CAR': return `${label} (${v === 1 ? 'oui' : 'non'})${tail}`;
    default: return `${label} : ${decimals(v, 2)}${tail}`;
  }
}

describe('French labels and phrases (tiny model)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  let components: Record<string, Json>;

  before(async () => {
    tiny = createTinyApp();
    server = tiny.app.callback();
    const doc = (await signedIn(server).get('/openapi.json').expect(200)).body as Json;
    components = (doc['components'] as Json)['schemas'] as Record<string, Json>;
  });
  after(() => tiny.close());

  const conforms = (body: unknown, schema: string): void => {
    expect(checkSchema(body, { $ref: `#/components/schemas/${schema}` }, components), schema).to.deep.equal([]);
  };

  it('GET /v1/model gives every feature its French label from the catalogue', async () => {
    const res = await signedIn(server).get('/v1/model').expect(200);
    expect(res.body.features.map((f: Json) => [f['name'], f['label'], f['label_fr']]))
      .to.deep.equal(TINY_FEATURES.map((f) => [f.name, f.label, f.label_fr]));
    conforms(res.body, 'ModelSummary');
  });

  it('explains every feature type in French: low/high, category, oui/non, missing, thousands, and keeps the English phrase', async () => {
    // Clients 0..5 cover a missing score (0), both contract types and both car values.
    for (let i = 0; i < 6; i++) {
      const res = await signedIn(server).get(`/v1/clients/${TINY_IDS[i]}/explanation?top=6`).expect(200);
      conforms(res.body, 'Explanation');
      for (const c of res.body.contributions as Top[]) expect(c.label_fr).to.equal(labelFr.get(c.feature));
      const x = tinyVector(i);
      for (const t of res.body.top as Top[]) {
        const v = x[TINY_FEATURES.findIndex((f) => f.name === t.feature)]!;
        expect(t.phrase_fr, `client ${i} ${t.feature}`).to.equal(expectedFrench(t.feature, v, t.shap));
        expect(t.phrase.startsWith(labelEn.get(t.feature)!)).to.equal(true);
        expect(t.phrase).to.match(/: (raises|lowers|no effect on) the risk$/);
      }
    }
  });

  it('builds phrase_fr only for the top entries, like the English phrase', async () => {
    const res = await signedIn(server).get(`/v1/clients/${TINY_IDS[3]}/explanation?top=2`).expect(200);
    expect(res.body.top).to.have.length(2);
    for (const t of res.body.top as Top[]) expect(t).to.include.keys('phrase', 'phrase_fr', 'label_fr');
    for (const c of res.body.contributions as Json[]) expect(c).to.have.all.keys('feature', 'label', 'label_fr', 'value', 'shap');
  });

  it('batch explanations carry label_fr and phrase_fr on every top entry', async () => {
    const res = await signedIn(server).post('/v1/score')
      .send({ records: [{ AGE_YEARS: 30, AMT_CREDIT: 1234567 }], explain: true, top: 6 }).expect(200);
    conforms(res.body, 'ScoreResponse');
    const top = res.body.results[0].explanation.top as Top[];
    expect(top).to.have.length(6);
    const values: Record<string, number> = { AGE_YEARS: 30, AMT_CREDIT: Math.fround(1234567) };
    for (const t of top) {
      expect(t.label_fr).to.equal(labelFr.get(t.feature));
      expect(t.phrase_fr).to.equal(expectedFrench(t.feature, values[t.feature] ?? Number.NaN, t.shap));
    }
    expect(top.find((t) => t.feature === 'AMT_CREDIT')!.phrase_fr).to.match(/^Montant du crédit : valeur élevée \(1\u202f234\u202f567\), /);
  });

  describe('a catalogue without label_fr', () => {
    let old: TinyApp;
    let oldServer: ReturnType<TinyApp['app']['callback']>;

    before(() => {
      const withoutFr = TINY_FEATURES.map(({ label_fr: _dropped, ...rest }) => rest);
      old = createTinyApp({}, undefined, parseFeatures({ features: withoutFr }, 'features.json'));
      oldServer = old.app.callback();
    });
    after(() => old.close());

    it('serves the English label as label_fr, and French phrases around it', async () => {
      const model = await signedIn(oldServer).get('/v1/model').expect(200);
      for (const f of model.body.features as Json[]) expect(f['label_fr']).to.equal(f['label']);
      conforms(model.body, 'ModelSummary');
      const res = await signedIn(oldServer).get(`/v1/clients/${TINY_IDS[0]}/explanation?top=6`).expect(200);
      conforms(res.body, 'Explanation');
      for (const c of res.body.contributions as Top[]) expect(c.label_fr).to.equal(c.label);
      const score = (res.body.top as Top[]).find((t) => t.feature === 'EXT_SOURCE_2')!;
      expect(score.phrase_fr).to.match(/^External score 2 : valeur manquante, (augmente|réduit) le risque$/);
    });
  });
});
