/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-retention.h"
#include "tenure-chart-private.h"

#define HIT_RADIUS 10.0

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;
  TenureChartTicks age_ticks;
  TenureChartRect  plot;
  double           label_y;
  gboolean         has_average;
  gboolean         has_fit;
  gboolean         has_km;
  gboolean         empty;
} Layout;

static double *
nan_array (gsize n)
{
  double *a = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    a[i] = NAN;
  return a;
}

/**
 * tenure_chart_retention_data_new:
 * @n_ages: number of ages
 * @n_curves: number of faint curves
 *
 * Returns: (transfer full): chart data, every value NaN
 */
TenureChartRetentionData *
tenure_chart_retention_data_new (guint n_ages,
                                 guint n_curves)
{
  TenureChartRetentionData *data = g_new0 (TenureChartRetentionData, 1);

  data->n_ages = n_ages;
  data->n_curves = n_curves;
  data->curve_labels = _tenure_chart_strv_new (n_curves);
  data->curves = nan_array ((gsize) n_ages * n_curves);
  data->average = nan_array (n_ages);
  data->fitted = nan_array (n_ages);
  data->kaplan_meier = nan_array (n_ages);
  return data;
}

/**
 * tenure_chart_retention_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_retention_data_free (TenureChartRetentionData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->curve_labels);
  g_free (data->curves);
  g_free (data->average);
  g_free (data->fitted);
  g_free (data->kaplan_meier);
  g_free (data);
}

static gboolean
any_finite (const double *v,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]))
      return TRUE;
  return FALSE;
}

static guint
make_legend (const TenureChartRetentionData *data,
             const Layout                   *l,
             const TenureChartTheme         *theme,
             TenureChartLegendItem          *items)
{
  guint n = 0;

  if (data->n_curves > 0)
    {
      items[n] = (TenureChartLegendItem) { .label = _("Cohorts"), .line = TRUE };
      if (theme)
        _tenure_chart_tint (theme, &theme->series[0], 0.4, &items[n].color);
      n++;
    }
  if (l->has_average)
    items[n++] = (TenureChartLegendItem) { .label = _("Weighted average"), .line = TRUE,
                                           .color = theme ? theme->roles[TENURE_CHART_ROLE_LINE] : (TenureChartRgba) { 0 } };
  if (l->has_fit)
    items[n++] = (TenureChartLegendItem) { .label = _("Fitted sBG model"), .line = TRUE, .dashed = TRUE,
                                           .color = theme ? theme->series[1] : (TenureChartRgba) { 0 } };
  if (l->has_km)
    items[n++] = (TenureChartLegendItem) { .label = _("Kaplan\xe2\x80\x93Meier"), .line = TRUE,
                                           .color = theme ? theme->series[2] : (TenureChartRgba) { 0 } };
  return n;
}

static void
compute_layout (const TenureChartRetentionData *data,
                double                          width,
                double                          height,
                Layout                         *l)
{
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  double top = 1, axis_w;
  guint n_items;

  l->has_average = any_finite (data->average, data->n_ages);
  l->has_fit = any_finite (data->fitted, data->n_ages);
  l->has_km = any_finite (data->kaplan_meier, data->n_ages);
  l->empty = data->n_ages == 0 ||
             !(l->has_average || l->has_fit || l->has_km ||
               any_finite (data->curves, (gsize) data->n_ages * data->n_curves));
  n_items = make_legend (data, l, NULL, items);
  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, items, n_items);

  for (gsize i = 0; i < (gsize) data->n_ages * data->n_curves; i++)
    if (isfinite (data->curves[i]))
      top = MAX (top, data->curves[i]);
  for (guint a = 0; a < data->n_ages; a++)
    if (isfinite (data->average[a]))
      top = MAX (top, data->average[a]);

  l->plot = l->frame.body;
  l->plot.height -= _tenure_chart_line_height (TENURE_CHART_FONT_SMALL) + 8;
  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_PERCENT, 0, MIN (top, 3),
                              CLAMP ((guint) (l->plot.height / 44), 2, 11));
  axis_w = _tenure_chart_ticks_label_width (&l->ticks, NULL) + 10;
  l->plot.x += axis_w;
  l->plot.width -= axis_w + 8;
  tenure_chart_ticks_compute (&l->age_ticks, TENURE_CHART_VALUE_COUNT, 0, MAX (data->n_ages, 2) - 1,
                              CLAMP ((guint) (l->plot.width / 56), 2, 25));
  l->label_y = l->plot.y + l->plot.height + 6;
}

static double
age_x (const Layout *l,
       const TenureChartRetentionData *data,
       double        age)
{
  return l->plot.x + age / MAX (data->n_ages - 1, 1) * l->plot.width;
}

static double
value_y (const Layout *l,
         double        v)
{
  return tenure_chart_ticks_position (&l->ticks, MIN (v, l->ticks.max), l->plot.y + l->plot.height, l->plot.y);
}

/* A polyline broken at NaN; @steps draws a step function (Kaplan–Meier). */
static void
trace (cairo_t                        *cr,
       const Layout                   *l,
       const TenureChartRetentionData *data,
       const double                   *values,
       gboolean                        steps)
{
  gboolean down = FALSE;

  for (guint a = 0; a < data->n_ages; a++)
    {
      double x = age_x (l, data, a), y;

      if (!isfinite (values[a]))
        {
          down = FALSE;
          continue;
        }
      y = value_y (l, values[a]);
      if (!down)
        cairo_move_to (cr, x, y);
      else if (steps)
        {
          double px, py;

          cairo_get_current_point (cr, &px, &py);
          cairo_line_to (cr, x, py);
          cairo_line_to (cr, x, y);
        }
      else
        cairo_line_to (cr, x, y);
      down = TRUE;
    }
}

/**
 * tenure_chart_retention_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws one faint line per cohort, the weighted average bold, and the fitted
 * sBG curve (dashed) beside the Kaplan–Meier steps so the fit can be judged.
 */
void
tenure_chart_retention_draw (const TenureChartRetentionData *data,
                             cairo_t                        *cr,
                             double                          width,
                             double                          height,
                             const TenureChartTheme         *theme)
{
  static const double dash[] = { 7, 4 };
  g_autoptr(TenureChartPainter) p = NULL;
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  TenureChartRgba faint;
  guint n_items;
  Layout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  compute_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  n_items = make_legend (data, &l, theme, items);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame,
                            data->revenue ? _("Revenue retention curves") : _("Logo retention curves"),
                            data->revenue
                              ? _("Share of each cohort's month-0 MRR retained k months after origination")
                              : _("Share of each cohort's accounts still active k months after origination"),
                            items, l.empty ? 0 : n_items);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No cohorts yet: import a subscriptions CSV to see how long accounts stay"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, NULL, &l.plot, FALSE, TRUE);
  for (guint i = 0; i < l.age_ticks.n_ticks; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%.0f", l.age_ticks.ticks[i]);
      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, age_x (&l, data, l.age_ticks.ticks[i]),
                          l.label_y, 0.5, 0, &theme->muted);
    }
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("Months since origination"),
                      l.plot.x + l.plot.width, l.plot.y + l.plot.height - 4, 1, 1, &theme->muted);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* One stroke per faint line: one path of sixty crossing curves makes
   * cairo resolve every intersection and is twice as slow. Miter joins and
   * butt caps keep the stroker's polygons small. */
  _tenure_chart_tint (theme, &theme->series[0], data->n_curves > 24 ? 0.3 : 0.4, &faint);
  _tenure_chart_set_color (cr, &faint);
  cairo_set_line_width (cr, 1.2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint c = 0; c < data->n_curves; c++)
    {
      trace (cr, &l, data, data->curves + (gsize) c * data->n_ages, FALSE);
      cairo_stroke (cr);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (l.has_km)
    {
      trace (cr, &l, data, data->kaplan_meier, TRUE);
      _tenure_chart_set_color (cr, &theme->series[2]);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  if (l.has_fit)
    {
      trace (cr, &l, data, data->fitted, FALSE);
      _tenure_chart_set_color (cr, &theme->series[1]);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dash, 2, 0);
      /* Round caps on every dash would be a hundred arcs. */
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if (l.has_average)
    {
      trace (cr, &l, data, data->average, FALSE);
      _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_LINE]);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/**
 * tenure_chart_retention_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the nearest point
 *
 * The bold lines win over faint ones at equal distance: they are what the
 * user is most likely pointing at.
 *
 * Returns: %TRUE if a point lies within 10 pixels of the pointer
 */
gboolean
tenure_chart_retention_lookup (const TenureChartRetentionData *data,
                               double                          width,
                               double                          height,
                               double                          x,
                               double                          y,
                               TenureChartHit                 *hit)
{
  Layout l;
  double best = HIT_RADIUS * HIT_RADIUS;
  int best_series = -1, best_age = -1;
  guint n_series;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  compute_layout (data, width, height, &l);
  if (l.empty)
    return FALSE;

  n_series = data->n_curves + 3;
  /* Average, fit and Kaplan–Meier first, then the cohorts. */
  for (guint k = 0; k < n_series; k++)
    {
      guint s = (k + data->n_curves) % n_series;
      const double *values = s < data->n_curves ? data->curves + (gsize) s * data->n_ages
                           : s == data->n_curves ? data->average
                           : s == data->n_curves + 1 ? data->fitted : data->kaplan_meier;

      for (guint a = 0; a < data->n_ages; a++)
        {
          double dx, dy;

          if (!isfinite (values[a]))
            continue;
          dx = age_x (&l, data, a) - x;
          dy = value_y (&l, values[a]) - y;
          if (dx * dx + dy * dy < best)
            {
              best = dx * dx + dy * dy;
              best_series = s;
              best_age = a;
            }
        }
    }
  if (best_series < 0)
    return FALSE;

  hit->kind = TENURE_CHART_HIT_POINT;
  hit->series = best_series;
  hit->period = best_age;
  hit->column = best_age;
  hit->value_kind = TENURE_CHART_VALUE_PERCENT;
  if ((guint) best_series < data->n_curves)
    {
      hit->value = data->curves[(gsize) best_series * data->n_ages + best_age];
      hit->series_name = data->curve_labels[best_series];
    }
  else if ((guint) best_series == data->n_curves)
    {
      hit->value = data->average[best_age];
      hit->series_name = _("Weighted average");
    }
  else if ((guint) best_series == data->n_curves + 1)
    {
      hit->value = data->fitted[best_age];
      hit->series_name = _("Fitted sBG model");
    }
  else
    {
      hit->value = data->kaplan_meier[best_age];
      hit->series_name = _("Kaplan\xe2\x80\x93Meier");
    }
  hit->area = (TenureChartRect) { age_x (&l, data, best_age) - 4, value_y (&l, hit->value) - 4, 8, 8 };
  return TRUE;
}
