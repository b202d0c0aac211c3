/** Types of scripts/make-prediction-logs.js, for the test that runs driftgate on its output. */

/** The current row from which the labels follow a rule the model never learnt. */
export declare const CHANGE_ROW: number;
/** The current row from which no label has arrived yet. */
export declare const UNLABELLED_FROM_ROW: number;

/** The example files by name (`baseline.jsonl`, `current.jsonl`), as the script writes them. */
export declare function predictionLogs(): Record<string, string>;
