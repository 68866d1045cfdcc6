/**
 * The TypeScript evaluator (evaluator/) against DuckDB running the shipped SQL: both compute
 * the inputs of the same applications and must agree exactly (float32-equal, NaN where NaN).
 * At start-up a single difference stops the server, so a definition changed without its
 * mirror can never serve; the parity tests run the same comparison on every stored client.
 */
import type { RawApplication } from './application-body.js';
import { FeatureEngineError, type EngineOutput } from './engine-types.js';
import type { InputsEngine } from './engine-types.js';

/** What the check compares with: DuckDB on the shipped SQL, in this process or in the child (reference-child.ts). */
export type ReferenceEngine = Pick<InputsEngine, 'featureNames' | 'reference'>;

export const evaluatorCheckDefaults = {
  /** Applications per DuckDB run (bounds its tables). */
  chunk: 1000,
  /** Differences kept for the message. */
  examples: 5,
} as const;

export interface LabelledApplication {
  /** Names the application in a message: "stored client 100002", "random-003". */
  label: string;
  app: RawApplication;
}

export interface EvaluatorDifference {
  application: string;
  feature: string;
  duckdb: number;
  evaluator: number;
}

export interface EvaluatorCheckReport {
  applications: number;
  /** Inputs compared (applications x features). */
  inputs: number;
  /** Applications with at least one differing input. */
  differing: number;
  examples: EvaluatorDifference[];
}

/** Equal as the model sees them: the same double, or both missing. */
export function sameInput(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Compare evaluator and DuckDB on every application; never throws on a difference. */
export async function compareEvaluator(engine: ReferenceEngine, evaluate: (apps: RawApplication[]) => EngineOutput,
  applications: LabelledApplication[], chunk: number = evaluatorCheckDefaults.chunk): Promise<EvaluatorCheckReport> {
  const names = engine.featureNames;
  const f = names.length;
  const report: EvaluatorCheckReport = { applications: applications.length, inputs: 0, differing: 0, examples: [] };
  for (let start = 0; start < applications.length; start += chunk) {
    const part = applications.slice(start, start + chunk);
    const apps = part.map((a) => a.app);
    const expected = (await engine.reference(apps)).rows;
    const actual = evaluate(apps).rows;
    part.forEach((entry, k) => {
      let differs = false;
      for (let j = 0; j < f; j++) {
        const d = expected[k * f + j]!;
        const e = actual[k * f + j]!;
        report.inputs++;
        if (sameInput(d, e)) continue;
        differs = true;
        if (report.examples.length < evaluatorCheckDefaults.examples) report.examples.push({ application: entry.label, feature: names[j]!, duckdb: d, evaluator: e });
      }
      if (differs) report.differing++;
    });
  }
  return report;
}

/** One line per difference: feature, application, both values. */
export function describeDifference(d: EvaluatorDifference): string {
  const show = (x: number): string => (Number.isNaN(x) ? 'missing' : String(x));
  return `${d.feature} of ${d.application}: DuckDB (shipped SQL) ${show(d.duckdb)}, evaluator ${show(d.evaluator)}`;
}

/** Throws FeatureEngineError naming the first differences when the evaluator is not the SQL. */
export async function checkEvaluator(engine: ReferenceEngine, evaluate: (apps: RawApplication[]) => EngineOutput,
  applications: LabelledApplication[]): Promise<EvaluatorCheckReport> {
  if (applications.length === 0) throw new FeatureEngineError('the evaluator check has no application to compare on');
  const report = await compareEvaluator(engine, evaluate, applications);
  if (report.differing > 0) {
    throw new FeatureEngineError(`the TypeScript evaluator differs from the shipped SQL on ${report.differing} of ${report.applications} application(s) `
      + `(${report.examples.map(describeDifference).join('; ')}): the definitions changed without their mirror (backend/src/features/evaluator/)`);
  }
  return report;
}
