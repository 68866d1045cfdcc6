-- Helpers shared by every definition (reads no table). Run first.
--
-- Numbers enter the definitions as DOUBLE and leave them as FLOAT. The model was trained on inputs
-- stored as float32, and raw columns were float32 once loaded, so a raw value is first rounded to
-- float32 (as_loaded) and then computed with in DOUBLE; a per-row value the features keep (a ratio,
-- a duration) is rounded the same way before it is aggregated. One rounding of an exact DOUBLE
-- operation on float32 operands equals the float32 operation, so this reproduces the stored inputs.
-- Sums and means of amounts and ratios use sum_f32 / mean_f32 below, for the same reason.

-- x as float32, or NULL when x is missing, not a number, infinite or beyond float32's range
-- (a cast would fail there; the model sees such a value as missing, as it always did).
CREATE OR REPLACE TEMP MACRO f32(x) AS
    CASE WHEN isfinite(CAST(x AS DOUBLE)) AND abs(CAST(x AS DOUBLE)) <= 3.4028234663852886e38
         THEN CAST(CAST(x AS DOUBLE) AS FLOAT) END;

-- x rounded to float32 but kept in DOUBLE, for further arithmetic.
CREATE OR REPLACE TEMP MACRO as_loaded(x) AS CAST(f32(x) AS DOUBLE);

-- num / den, missing (never infinite) when den is 0 or missing.
CREATE OR REPLACE TEMP MACRO safe_ratio(num, den) AS CAST(num AS DOUBLE) / NULLIF(CAST(den AS DOUBLE), 0);

-- A duration written in days before the application (negative) as years (positive).
CREATE OR REPLACE TEMP MACRO years_before(days) AS -CAST(days AS DOUBLE) / 365.25;

-- Kaggle writes a missing category as XNA (not available) or XAP (not applicable).
CREATE OR REPLACE TEMP MACRO category(text) AS CASE WHEN text IN ('XNA', 'XAP', '') THEN NULL ELSE text END;

-- Sum and mean of a client's values, as the model's training data had them: float32 compensated
-- (Kahan) summation in the rows' order (row_order = rowid: file order, or the order an API request
-- lists them); mean = that sum / the count of values present, in float32. Missing values are
-- skipped; when every value is missing (or there is no row) the result is NULL, never 0.
-- Used inside a GROUP BY like sum() and avg().
CREATE OR REPLACE TEMP MACRO kahan_sum_f32(xs) AS
    CASE WHEN len(xs) > 0 THEN
        list_reduce(
            list_transform(xs, lambda x: {'s': CAST(x AS FLOAT), 'c': CAST(0 AS FLOAT)}),
            lambda acc, e: {'s': acc.s + (e.s - acc.c), 'c': ((acc.s + (e.s - acc.c)) - acc.s) - (e.s - acc.c)},
            {'s': CAST(0 AS FLOAT), 'c': CAST(0 AS FLOAT)}).s
    END;
CREATE OR REPLACE TEMP MACRO sum_f32(x, row_order) AS
    CAST(kahan_sum_f32(list(x ORDER BY row_order) FILTER (WHERE x IS NOT NULL)) AS DOUBLE);
CREATE OR REPLACE TEMP MACRO mean_f32(x, row_order) AS
    CAST(CAST(kahan_sum_f32(list(x ORDER BY row_order) FILTER (WHERE x IS NOT NULL))
              / CAST(count(x) AS FLOAT) AS FLOAT) AS DOUBLE);
