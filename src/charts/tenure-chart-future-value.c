/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-future-value.h"
#include "tenure-chart-private.h"

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;
  TenureChartRect  plot;
  double           slot;
  double           label_y;
  gboolean         empty;
} Layout;

/**
 * tenure_chart_future_value_data_new:
 * @n_periods: number of periods
 *
 * Returns: (transfer full): chart data, values NaN
 */
TenureChartFutureValueData *
tenure_chart_future_value_data_new (guint n_periods)
{
  TenureChartFutureValueData *data = g_new0 (TenureChartFutureValueData, 1);

  data->n_periods = n_periods;
  data->period_labels = _tenure_chart_strv_new (n_periods);
  data->value = g_new (double, MAX (n_periods, 1));
  for (guint i = 0; i < n_periods; i++)
    data->value[i] = NAN;
  return data;
}

/**
 * tenure_chart_future_value_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_future_value_data_free (TenureChartFutureValueData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->period_labels);
  g_free (data->value);
  g_free (data->currency);
  g_free (data->model);
  g_free (data);
}

static void
compute_layout (const TenureChartFutureValueData *data,
                double                            width,
                double                            height,
                Layout                           *l)
{
  double lo = 0, hi = 0, axis_w;
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, NULL, 0);
  for (guint i = 0; i < data->n_periods; i++)
    if (isfinite (data->value[i]))
      {
        any = TRUE;
        lo = MIN (lo, data->value[i]);
        hi = MAX (hi, data->value[i]);
      }
  l->empty = !any;

  /* Headroom for the label of the latest value. */
  l->plot = l->frame.body;
  l->plot.y += _tenure_chart_line_height (TENURE_CHART_FONT_LABEL);
  l->plot.height -= _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) +
                    _tenure_chart_line_height (TENURE_CHART_FONT_SMALL) + 8;
  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_MONEY, lo, hi,
                              CLAMP ((guint) (l->plot.height / 44), 2, 10));
  axis_w = _tenure_chart_ticks_label_width (&l->ticks, data->currency) + 10;
  l->plot.x += axis_w;
  l->plot.width -= axis_w;
  l->slot = data->n_periods ? l->plot.width / data->n_periods : 0;
  l->label_y = l->plot.y + l->plot.height + 6;
}

static double
point_x (const Layout *l,
         guint         i)
{
  return l->plot.x + (i + 0.5) * l->slot;
}

static double
point_y (const Layout *l,
         double        v)
{
  return tenure_chart_ticks_position (&l->ticks, v, l->plot.y + l->plot.height, l->plot.y);
}

/**
 * tenure_chart_future_value_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws future account value over time as a line over a light area, the
 * latest value labelled. Gaps mark periods without an estimate.
 */
void
tenure_chart_future_value_draw (const TenureChartFutureValueData *data,
                                cairo_t                          *cr,
                                double                            width,
                                double                            height,
                                const TenureChartTheme           *theme)
{
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree char *subtitle = NULL;
  TenureChartRgba area;
  double zero;
  int last = -1;
  Layout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  compute_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  subtitle = data->model
    ? g_strdup_printf (_("Expected remaining value of the active accounts at each period end (%s)"), data->model)
    : g_strdup (_("Expected remaining value of the active accounts at each period end"));
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, _("Future account value"), subtitle, NULL, 0);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No forecast yet: the model needs at least 30 accounts and 6 months of history; import more subscriptions or deals"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, data->currency, &l.plot, FALSE, TRUE);
  _tenure_chart_period_axis_draw (p, data->period_labels, data->n_periods, &l.plot, l.label_y);

  /* Each unbroken run gets its own area, so a gap stays a gap. */
  zero = point_y (&l, 0);
  _tenure_chart_tint (theme, &theme->roles[TENURE_CHART_ROLE_LINE], 0.16, &area);
  for (guint i = 0; i < data->n_periods; i++)
    {
      guint j = i;

      if (!isfinite (data->value[i]))
        continue;
      cairo_move_to (cr, point_x (&l, i), zero);
      for (; j < data->n_periods && isfinite (data->value[j]); j++)
        cairo_line_to (cr, point_x (&l, j), point_y (&l, data->value[j]));
      cairo_line_to (cr, point_x (&l, j - 1), zero);
      cairo_close_path (cr);
      i = j - 1;
    }
  _tenure_chart_set_color (cr, &area);
  cairo_fill (cr);

  /* Say why the first periods are blank: the model had too little history. */
  {
    guint lead = 0;

    while (lead < data->n_periods && !isfinite (data->value[lead]))
      lead++;
    if (lead * l.slot >= 120)
      _tenure_chart_text_fit (p, TENURE_CHART_FONT_SMALL, _("No estimate: too little history"),
                              l.plot.x + lead * l.slot / 2, l.plot.y + l.plot.height / 2, 0.5, 0.5,
                              lead * l.slot - 8, &theme->muted);
  }

  for (guint i = 0; i < data->n_periods; i++)
    {
      gboolean prev = i > 0 && isfinite (data->value[i - 1]);

      if (!isfinite (data->value[i]))
        continue;
      if (prev)
        cairo_line_to (cr, point_x (&l, i), point_y (&l, data->value[i]));
      else
        cairo_move_to (cr, point_x (&l, i), point_y (&l, data->value[i]));
      last = i;
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5);
  _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_LINE]);
  cairo_stroke (cr);

  if (last >= 0)
    {
      g_autofree char *text = tenure_chart_format_money_value (data->value[last], data->currency,
                                                               TENURE_CHART_MONEY_COMPACT);
      double x = point_x (&l, last), y = point_y (&l, data->value[last]);

      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      _tenure_chart_text (p, TENURE_CHART_FONT_LABEL, text, x, y - 8, x > l.plot.x + l.plot.width - 40 ? 1 : 0.5, 1,
                          &theme->foreground);
    }
  cairo_restore (cr);
}

/**
 * tenure_chart_future_value_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the period under the pointer
 *
 * Returns: %TRUE if the pointer is over a period that has a value
 */
gboolean
tenure_chart_future_value_lookup (const TenureChartFutureValueData *data,
                                  double                            width,
                                  double                            height,
                                  double                            x,
                                  double                            y,
                                  TenureChartHit                   *hit)
{
  Layout l;
  guint i;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  compute_layout (data, width, height, &l);
  if (l.empty || !tenure_chart_rect_contains (&l.plot, x, y))
    return FALSE;
  i = MIN ((guint) ((x - l.plot.x) / l.slot), data->n_periods - 1);
  if (!isfinite (data->value[i]))
    return FALSE;
  hit->kind = TENURE_CHART_HIT_POINT;
  hit->period = i;
  hit->series = 0;
  hit->value = data->value[i];
  hit->value_kind = TENURE_CHART_VALUE_MONEY;
  hit->label = data->period_labels[i];
  hit->series_name = _("Future account value");
  hit->area = (TenureChartRect) { l.plot.x + i * l.slot, point_y (&l, data->value[i]) - 4, l.slot, 8 };
  return TRUE;
}

/**
 * tenure_chart_sparkline_data_new:
 * @n_values: number of values
 *
 * Returns: (transfer full): sparkline data, values NaN
 */
TenureChartSparklineData *
tenure_chart_sparkline_data_new (guint n_values)
{
  TenureChartSparklineData *data = g_new0 (TenureChartSparklineData, 1);

  data->n_values = n_values;
  data->values = g_new (double, MAX (n_values, 1));
  for (guint i = 0; i < n_values; i++)
    data->values[i] = NAN;
  return data;
}

/**
 * tenure_chart_sparkline_data_free:
 * @data: (nullable): sparkline data
 */
void
tenure_chart_sparkline_data_free (TenureChartSparklineData *data)
{
  if (data == NULL)
    return;
  g_free (data->values);
  g_free (data);
}

typedef struct
{
  double   x0, step, y0, y1;
  double   lo, hi;
  gboolean empty;
} SparkLayout;

static void
spark_layout (const TenureChartSparklineData *data,
              double                          width,
              double                          height,
              SparkLayout                    *l)
{
  /* Insets leave room for the end dot and the line width. */
  double inset = MIN (4.0, MIN (width, height) / 4);

  l->lo = INFINITY;
  l->hi = -INFINITY;
  for (guint i = 0; i < data->n_values; i++)
    if (isfinite (data->values[i]))
      {
        l->lo = MIN (l->lo, data->values[i]);
        l->hi = MAX (l->hi, data->values[i]);
      }
  l->empty = !isfinite (l->lo);
  if (l->empty || l->hi == l->lo)
    {
      l->lo -= 1;
      l->hi += 1;
    }
  l->x0 = inset;
  l->step = data->n_values > 1 ? (width - 2 * inset) / (data->n_values - 1) : 0;
  l->y0 = height - inset;
  l->y1 = inset;
}

static double
spark_y (const SparkLayout *l,
         double             v)
{
  return l->y0 + (v - l->lo) / (l->hi - l->lo) * (l->y1 - l->y0);
}

/**
 * tenure_chart_sparkline_draw:
 * @data: sparkline data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws a tiny line without axes or background, the latest value marked
 * with a dot, scaled to its own minimum and maximum. With no value it shows
 * "No data".
 */
void
tenure_chart_sparkline_draw (const TenureChartSparklineData *data,
                             cairo_t                        *cr,
                             double                          width,
                             double                          height,
                             const TenureChartTheme         *theme)
{
  SparkLayout l;
  int last = -1;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  spark_layout (data, width, height, &l);
  cairo_save (cr);
  if (l.empty)
    {
      g_autoptr(TenureChartPainter) p = _tenure_chart_painter_new (cr, theme);

      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("No data"), width / 2, height / 2, 0.5, 0.5,
                          &theme->muted);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < data->n_values; i++)
    {
      double x = l.x0 + i * l.step;

      if (!isfinite (data->values[i]))
        continue;
      if (i > 0 && isfinite (data->values[i - 1]))
        cairo_line_to (cr, x, spark_y (&l, data->values[i]));
      else
        cairo_move_to (cr, x, spark_y (&l, data->values[i]));
      last = i;
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, MAX (1.0, MIN (2.0, height / 16)));
  _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_LINE]);
  cairo_stroke (cr);
  cairo_arc (cr, l.x0 + last * l.step, spark_y (&l, data->values[last]), MIN (3.0, height / 8), 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * tenure_chart_sparkline_lookup:
 * @data: sparkline data
 * @width: width the sparkline was drawn at
 * @height: height the sparkline was drawn at
 * @x: pointer x
 * @y: pointer y (unused: the whole height belongs to the nearest point)
 * @hit: (out caller-allocates): the nearest value
 *
 * Returns: %TRUE if the nearest index has a value
 */
gboolean
tenure_chart_sparkline_lookup (const TenureChartSparklineData *data,
                               double                          width,
                               double                          height,
                               double                          x,
                               double                          y,
                               TenureChartHit                 *hit)
{
  SparkLayout l;
  guint i;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  spark_layout (data, width, height, &l);
  if (l.empty || x < 0 || x >= width || y < 0 || y >= height)
    return FALSE;
  i = l.step > 0 ? (guint) CLAMP (round ((x - l.x0) / l.step), 0, data->n_values - 1) : 0;
  if (!isfinite (data->values[i]))
    return FALSE;
  hit->kind = TENURE_CHART_HIT_POINT;
  hit->period = i;
  hit->series = 0;
  hit->value = data->values[i];
  hit->value_kind = TENURE_CHART_VALUE_NUMBER;
  hit->area = (TenureChartRect) { l.x0 + i * l.step - 3, spark_y (&l, data->values[i]) - 3, 6, 6 };
  return TRUE;
}
