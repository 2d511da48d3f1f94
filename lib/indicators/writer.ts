import { processSingleton } from "../process-singleton";
import {
  batchDeleteIndicators,
  createDefenderClient,
  deleteIndicator,
  importIndicators,
  submitIndicator,
  type DefenderClient,
  type Indicator,
  type IndicatorImportResult,
  type IndicatorInput,
} from "../defender";

// The indicators domain's only door to Defender; integration tests point it at their own simulated tenant.

export interface IndicatorWriter {
  submit(input: IndicatorInput): Promise<Indicator>;
  /** One import call: at most 500 rows. */
  importBatch(rows: IndicatorInput[]): Promise<IndicatorImportResult[]>;
  delete(id: string): Promise<void>;
  /** At most 500 ids per call. */
  batchDelete(ids: string[]): Promise<void>;
}

export function defenderIndicatorWriter(client: DefenderClient): IndicatorWriter {
  return {
    submit: (input) => submitIndicator(client, input),
    importBatch: (rows) => importIndicators(client, rows),
    delete: (id) => deleteIndicator(client, id),
    batchDelete: (ids) => batchDeleteIndicators(client, ids),
  };
}

export const indicatorWriter = processSingleton("indicatorWriter", (): IndicatorWriter =>
  defenderIndicatorWriter(createDefenderClient()),
);
