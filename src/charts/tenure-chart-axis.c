/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <math.h>

#include "tenure-chart-axis.h"
#include "tenure-chart-format.h"

static double
scale10 (double value,
         int    e)
{
  return e < 0 ? value / pow (10, -e) : value * pow (10, e);
}

/**
 * tenure_chart_ticks_compute:
 * @ticks: (out caller-allocates): the result
 * @kind: what the axis measures
 * @data_min: smallest value to show (include 0 for bars)
 * @data_max: largest value to show
 * @max_ticks: at most this many ticks (2–%TENURE_CHART_MAX_TICKS)
 *
 * "Nice" ticks: the smallest step of 1, 2, 2.5 or 5 × 10ⁿ that covers the data
 * in at most @max_ticks ticks. Counts never get fractional steps. Non-finite
 * input counts as 0; an empty range is widened so an axis is still drawn.
 */
void
tenure_chart_ticks_compute (TenureChartTicks     *ticks,
                            TenureChartValueKind  kind,
                            double                data_min,
                            double                data_max,
                            guint                 max_ticks)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  double range;
  double step = 1, mant = 1;
  double k_lo, k_hi;
  int e;

  g_return_if_fail (ticks != NULL);

  max_ticks = CLAMP (max_ticks, 2, TENURE_CHART_MAX_TICKS);
  if (!isfinite (data_min))
    data_min = 0;
  if (!isfinite (data_max))
    data_max = 0;
  if (data_min > data_max)
    {
      double t = data_min;
      data_min = data_max;
      data_max = t;
    }
  if (data_max == data_min)
    {
      if (data_max == 0)
        data_max = kind == TENURE_CHART_VALUE_MONEY ? 100 : 1;
      else if (data_max > 0)
        data_min = 0;
      else
        data_max = 0;
    }

  /* A range across zero needs a tick below, at and above zero: with fewer
   * allowed, no step would ever fit. */
  if (data_min < 0 && data_max > 0)
    max_ticks = MAX (max_ticks, 3);

  range = data_max - data_min;
  e = (int) floor (log10 (range / max_ticks)) - 1;
  for (gboolean found = FALSE; !found; e++)
    {
      for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
        {
          double n;

          mant = mantissas[m];
          step = scale10 (mant, e);
          if (kind == TENURE_CHART_VALUE_COUNT && (step < 1 || step != floor (step)))
            continue;
          /* The small epsilon keeps 0.3 / 0.1 from rounding up to 4 steps. */
          n = ceil (data_max / step - 1e-9) - floor (data_min / step + 1e-9) + 1;
          if (n <= max_ticks)
            {
              found = TRUE;
              break;
            }
        }
    }
  e--;

  /* Ticks are k × mantissa × 10^e computed as (k × mantissa) / 10^−e: a
   * division by an exact power of ten gives the double nearest 0.3, where
   * 3 × 0.1 gives 0.30000000000000004. */
  k_lo = floor (data_min / step + 1e-9);
  k_hi = ceil (data_max / step - 1e-9);

  ticks->kind = kind;
  ticks->step = step;
  ticks->min = scale10 (k_lo * mant, e);
  ticks->max = scale10 (k_hi * mant, e);
  ticks->n_ticks = 0;
  for (double k = k_lo; k <= k_hi && ticks->n_ticks < TENURE_CHART_MAX_TICKS; k++)
    {
      double v = scale10 (k * mant, e);

      ticks->ticks[ticks->n_ticks++] = v == 0 ? 0 : v; /* no −0 */
    }
}

static int
decimals_for_step (double step)
{
  int d = 0;

  while (d < 6 && fabs (step * pow (10, d) - round (step * pow (10, d))) > 1e-6)
    d++;
  return d;
}

/**
 * tenure_chart_ticks_format:
 * @ticks: computed ticks
 * @value: a tick value
 * @currency: (nullable): currency code, for money axes
 *
 * Formats a tick label with just enough precision for the step: compact
 * numbers and money ("$12.5k"), whole percentages unless the step needs a
 * decimal, ratios with "×".
 *
 * Returns: (transfer full): the label
 */
char *
tenure_chart_ticks_format (const TenureChartTicks *ticks,
                           double                  value,
                           const char             *currency)
{
  g_return_val_if_fail (ticks != NULL, NULL);

  switch (ticks->kind)
    {
    case TENURE_CHART_VALUE_MONEY:
      {
        double unit = pow (10, tenure_chart_currency_digits (currency));
        double top = MAX (fabs (ticks->min), fabs (ticks->max)) / unit;

        if (top >= 1000)
          return tenure_chart_format_money_value (value, currency, TENURE_CHART_MONEY_COMPACT);
        if (ticks->step >= unit)
          return tenure_chart_format_money_value (value, currency, TENURE_CHART_MONEY_WHOLE);
        return tenure_chart_format_money_value (value, currency, TENURE_CHART_MONEY_FULL);
      }
    case TENURE_CHART_VALUE_PERCENT:
      return tenure_chart_format_percent (value, decimals_for_step (ticks->step * 100));
    case TENURE_CHART_VALUE_RATIO:
      return tenure_chart_format_ratio (value, decimals_for_step (ticks->step));
    case TENURE_CHART_VALUE_COUNT:
    case TENURE_CHART_VALUE_NUMBER:
    default:
      if (MAX (fabs (ticks->min), fabs (ticks->max)) >= 10000)
        return tenure_chart_format_compact (value);
      return tenure_chart_format_number (value, decimals_for_step (ticks->step));
    }
}

/**
 * tenure_chart_ticks_position:
 * @ticks: computed ticks
 * @value: a value
 * @start: coordinate of @ticks->min (the bottom of a vertical axis)
 * @end: coordinate of @ticks->max
 *
 * Returns: the coordinate of @value, linearly between @start and @end
 */
double
tenure_chart_ticks_position (const TenureChartTicks *ticks,
                             double                  value,
                             double                  start,
                             double                  end)
{
  g_return_val_if_fail (ticks != NULL, start);

  if (ticks->max <= ticks->min)
    return start;
  return start + (value - ticks->min) / (ticks->max - ticks->min) * (end - start);
}

/**
 * tenure_chart_period_stride:
 * @n_periods: number of periods on the axis
 * @slot_width: width given to each period
 * @label_width: width of the widest label, spacing included
 *
 * Period labels are thinned to every 1st, 2nd, 3rd, 4th, 6th, 12th… period:
 * strides that divide a year, so months in view line up with quarters and
 * years.
 *
 * Returns: the stride, at least 1
 */
guint
tenure_chart_period_stride (guint  n_periods,
                            double slot_width,
                            double label_width)
{
  static const guint strides[] = { 1, 2, 3, 4, 6, 12, 24, 36, 60, 120 };

  if (slot_width <= 0)
    return MAX (n_periods, 1);
  for (guint i = 0; i < G_N_ELEMENTS (strides); i++)
    if (strides[i] * slot_width >= label_width)
      return strides[i];
  return MAX ((guint) ceil (label_width / slot_width), 1);
}

/**
 * tenure_chart_period_labelled:
 * @index: a period index
 * @n_periods: number of periods
 * @stride: from tenure_chart_period_stride()
 *
 * Counting from the latest period: the current period is the one the user
 * looks for, so it always keeps its label.
 *
 * Returns: whether period @index shows its label
 */
gboolean
tenure_chart_period_labelled (guint index,
                              guint n_periods,
                              guint stride)
{
  if (index >= n_periods || stride == 0)
    return FALSE;
  return (n_periods - 1 - index) % stride == 0;
}
