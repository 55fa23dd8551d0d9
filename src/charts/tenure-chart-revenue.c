/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-revenue.h"
#include "tenure-chart-private.h"

#define N_MOVEMENTS 5
#define POINT_RADIUS 8.0

static const TenureChartRole movement_roles[N_MOVEMENTS] = {
  TENURE_CHART_ROLE_NEW, TENURE_CHART_ROLE_EXPANSION, TENURE_CHART_ROLE_REACTIVATION,
  TENURE_CHART_ROLE_CONTRACTION, TENURE_CHART_ROLE_CHURN,
};

static const char *
movement_name (guint m)
{
  switch (m)
    {
    case TENURE_CHART_QUICK_RATIO_NEW: return _("New");
    case TENURE_CHART_QUICK_RATIO_EXPANSION: return _("Expansion");
    case TENURE_CHART_QUICK_RATIO_REACTIVATION: return _("Reactivation");
    case TENURE_CHART_QUICK_RATIO_CONTRACTION: return _("Contraction");
    case TENURE_CHART_QUICK_RATIO_CHURN: return _("Churn");
    default: return _("Quick ratio");
    }
}

/* ------------------------------------------------------------------------ */
/* Quick ratio                                                              */

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;       /* money, left */
  TenureChartTicks ratio_ticks; /* ratio, right, above the zero line */
  TenureChartRect  plot;
  TenureChartRect  ratio_plot;
  double           slot;
  double           bar_width;
  double           label_y;
  gboolean         empty;
} QuickLayout;

/**
 * tenure_chart_quick_ratio_data_new:
 * @n_periods: number of periods
 *
 * Returns: (transfer full): chart data: movements zero, ratios NaN,
 *   benchmark 4
 */
TenureChartQuickRatioData *
tenure_chart_quick_ratio_data_new (guint n_periods)
{
  TenureChartQuickRatioData *data = g_new0 (TenureChartQuickRatioData, 1);

  data->n_periods = n_periods;
  data->period_labels = _tenure_chart_strv_new (n_periods);
  data->new_mrr = g_new0 (gint64, MAX (n_periods, 1));
  data->expansion_mrr = g_new0 (gint64, MAX (n_periods, 1));
  data->reactivation_mrr = g_new0 (gint64, MAX (n_periods, 1));
  data->contraction_mrr = g_new0 (gint64, MAX (n_periods, 1));
  data->churn_mrr = g_new0 (gint64, MAX (n_periods, 1));
  data->quick_ratio = g_new (double, MAX (n_periods, 1));
  for (guint i = 0; i < n_periods; i++)
    data->quick_ratio[i] = NAN;
  data->benchmark = 4;
  return data;
}

/**
 * tenure_chart_quick_ratio_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_quick_ratio_data_free (TenureChartQuickRatioData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->period_labels);
  g_free (data->new_mrr);
  g_free (data->expansion_mrr);
  g_free (data->reactivation_mrr);
  g_free (data->contraction_mrr);
  g_free (data->churn_mrr);
  g_free (data->quick_ratio);
  g_free (data->currency);
  g_free (data);
}

static double
movement (const TenureChartQuickRatioData *data,
          guint                            m,
          guint                            period)
{
  const gint64 *arrays[N_MOVEMENTS] = {
    data->new_mrr, data->expansion_mrr, data->reactivation_mrr, data->contraction_mrr, data->churn_mrr,
  };

  return (double) MAX (arrays[m][period], 0);
}

static guint
quick_legend (const TenureChartTheme *theme,
              TenureChartLegendItem  *items)
{
  guint n = 0;

  for (guint m = 0; m < N_MOVEMENTS; m++, n++)
    items[n] = (TenureChartLegendItem) { .label = movement_name (m),
                                         .color = theme ? theme->roles[movement_roles[m]] : (TenureChartRgba) { 0 } };
  items[n++] = (TenureChartLegendItem) { .label = _("Quick ratio (right axis)"), .line = TRUE,
                                         .color = theme ? theme->foreground : (TenureChartRgba) { 0 } };
  items[n++] = (TenureChartLegendItem) { .label = _("Benchmark"), .line = TRUE, .dashed = TRUE,
                                         .color = theme ? theme->roles[TENURE_CHART_ROLE_REFERENCE] : (TenureChartRgba) { 0 } };
  return n;
}

static void
quick_layout (const TenureChartQuickRatioData *data,
              double                           width,
              double                           height,
              QuickLayout                     *l)
{
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  guint n_items = quick_legend (NULL, items);
  double up = 0, down = 0, qmax = 0, left_w, right_w, zero;
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, items, n_items);
  for (guint p = 0; p < data->n_periods; p++)
    {
      double u = movement (data, 0, p) + movement (data, 1, p) + movement (data, 2, p);
      double d = movement (data, 3, p) + movement (data, 4, p);

      up = MAX (up, u);
      down = MAX (down, d);
      any = any || u > 0 || d > 0;
      if (isfinite (data->quick_ratio[p]))
        qmax = MAX (qmax, data->quick_ratio[p]);
    }
  l->empty = data->n_periods == 0 || !any;

  l->plot = l->frame.body;
  l->plot.height -= _tenure_chart_line_height (TENURE_CHART_FONT_SMALL) + 8;
  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_MONEY, -down, up,
                              CLAMP ((guint) (l->plot.height / 38), 3, 12));
  left_w = _tenure_chart_ticks_label_width (&l->ticks, data->currency) + 10;
  zero = tenure_chart_ticks_position (&l->ticks, 0, l->plot.y + l->plot.height, l->plot.y);

  /* The ratio lives above the zero line, where growth is. One early month
   * with a ratio of 40 would flatten every other point, so the axis stops at
   * 2.5 × the benchmark and higher points sit on its top edge. */
  qmax = MIN (qmax, 2.5 * data->benchmark);
  tenure_chart_ticks_compute (&l->ratio_ticks, TENURE_CHART_VALUE_RATIO, 0, MAX (qmax, data->benchmark * 1.25),
                              CLAMP ((guint) ((zero - l->plot.y) / 40), 2, 8));
  right_w = _tenure_chart_ticks_label_width (&l->ratio_ticks, NULL) + 10;

  l->plot.x += left_w;
  l->plot.width -= left_w + right_w;
  l->ratio_plot = l->plot;
  l->ratio_plot.height = zero - l->plot.y;
  l->slot = data->n_periods ? l->plot.width / data->n_periods : 0;
  l->bar_width = MAX (l->slot * 0.7, MIN (l->slot, 1.0));
  l->label_y = l->plot.y + l->plot.height + 6;
}

static double
money_y (const QuickLayout *l,
         double             v)
{
  return tenure_chart_ticks_position (&l->ticks, v, l->plot.y + l->plot.height, l->plot.y);
}

static double
ratio_y (const QuickLayout *l,
         double             v)
{
  return tenure_chart_ticks_position (&l->ratio_ticks, MIN (v, l->ratio_ticks.max),
                                      l->ratio_plot.y + l->ratio_plot.height, l->ratio_plot.y);
}

/* The rectangle of movement @m in period @p, stacked outward from zero. */
static void
movement_rect (const TenureChartQuickRatioData *data,
               const QuickLayout               *l,
               guint                            m,
               guint                            p,
               TenureChartRect                 *r)
{
  double below = 0, v = movement (data, m, p), sign = m < 3 ? 1 : -1;
  double y0, y1;

  for (guint k = m < 3 ? 0 : 3; k < m; k++)
    below += movement (data, k, p);
  y0 = money_y (l, sign * below);
  y1 = money_y (l, sign * (below + v));
  r->x = l->plot.x + p * l->slot + (l->slot - l->bar_width) / 2;
  r->width = l->bar_width;
  r->y = MIN (y0, y1);
  r->height = fabs (y1 - y0);
}

/**
 * tenure_chart_quick_ratio_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws new, expansion and reactivation MRR stacked above zero, contraction
 * and churn below, the quick ratio as a line on the right axis with gaps
 * where it is undefined, and the benchmark as a dashed line.
 */
void
tenure_chart_quick_ratio_draw (const TenureChartQuickRatioData *data,
                               cairo_t                         *cr,
                               double                           width,
                               double                           height,
                               const TenureChartTheme          *theme)
{
  static const double dash[] = { 6, 4 };
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree char *bench = NULL;
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  guint n_items;
  QuickLayout l;
  double by;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  quick_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  n_items = quick_legend (theme, items);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, _("MRR movements and quick ratio"),
                            data->reactivation_in_ratio
                              ? _("Quick ratio = (new + expansion + reactivation) / (churn + contraction); bars: MRR movements per period")
                              : _("Quick ratio = (new + expansion) / (churn + contraction); bars: MRR movements per period"),
                            items, l.empty ? 0 : n_items);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No subscriptions yet: import a subscriptions CSV to see MRR movements"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, data->currency, &l.plot, FALSE, TRUE);
  _tenure_chart_value_axis_draw (p, &l.ratio_ticks, NULL, &l.ratio_plot, TRUE, FALSE);
  _tenure_chart_period_axis_draw (p, data->period_labels, data->n_periods, &l.plot, l.label_y);

  for (guint m = 0; m < N_MOVEMENTS; m++)
    {
      for (guint per = 0; per < data->n_periods; per++)
        {
          TenureChartRect r;

          if (movement (data, m, per) <= 0)
            continue;
          movement_rect (data, &l, m, per, &r);
          /* A hairline of background between stacked movements; the
           * first segment on each side touches the zero line. */
          if ((m == 0 || m == 3) || r.height <= 3)
            cairo_rectangle (cr, r.x, r.y, r.width, r.height);
          else if (m < 3)
            cairo_rectangle (cr, r.x, r.y, r.width, r.height - 1);
          else
            cairo_rectangle (cr, r.x, r.y + 1, r.width, r.height - 1);
        }
      _tenure_chart_set_color (cr, &theme->roles[movement_roles[m]]);
      cairo_fill (cr);
    }

  /* Benchmark, then the ratio on top of everything. */
  by = round (ratio_y (&l, data->benchmark)) + 0.5;
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_REFERENCE]);
  cairo_move_to (cr, l.plot.x, by);
  cairo_line_to (cr, l.plot.x + l.plot.width, by);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  bench = tenure_chart_format_ratio (data->benchmark, data->benchmark == floor (data->benchmark) ? 0 : 1);
  {
    g_autofree char *text = g_strdup_printf (_("Benchmark %s"), bench);
    TenureChartRgba backdrop = theme->background;
    double tw, th;

    /* A backdrop keeps the label readable over the bars. */
    _tenure_chart_measure (TENURE_CHART_FONT_SMALL, text, &tw, &th);
    backdrop.alpha = 0.85;
    _tenure_chart_set_color (cr, &backdrop);
    cairo_rectangle (cr, l.plot.x + 2, by - 3 - th, tw + 6, th);
    cairo_fill (cr);
    _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, l.plot.x + 5, by - 3, 0, 1, &theme->foreground);
  }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5);
  _tenure_chart_set_color (cr, &theme->foreground);
  for (guint per = 0; per < data->n_periods; per++)
    {
      double q = data->quick_ratio[per];
      double x = l.plot.x + (per + 0.5) * l.slot;

      if (!isfinite (q))
        continue;
      if (per > 0 && isfinite (data->quick_ratio[per - 1]))
        cairo_line_to (cr, x, ratio_y (&l, q));
      else
        cairo_move_to (cr, x, ratio_y (&l, q));
    }
  cairo_stroke (cr);
  for (guint per = 0, label_end = 0; per < data->n_periods; per++)
    {
      double q = data->quick_ratio[per];
      double x = l.plot.x + (per + 0.5) * l.slot;

      if (isinf (q) && q > 0)
        _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, "\xe2\x88\x9e", x, l.ratio_plot.y, 0.5, 0,
                            &theme->muted);
      if (!isfinite (q))
        continue;
      if (q > l.ratio_ticks.max)
        {
          /* Off the scale: a triangle pointing up on the top edge. */
          double r = MIN (4.5, l.slot / 3), y = ratio_y (&l, q);

          cairo_move_to (cr, x, y - r);
          cairo_line_to (cr, x + r, y + r * 0.8);
          cairo_line_to (cr, x - r, y + r * 0.8);
          cairo_close_path (cr);
          _tenure_chart_set_color (cr, &theme->foreground);
          cairo_fill (cr);
        }
      else
        {
          cairo_arc (cr, x, ratio_y (&l, q), MIN (3.5, l.slot / 4), 0, 2 * G_PI);
          _tenure_chart_set_color (cr, &theme->background);
          cairo_fill_preserve (cr);
          _tenure_chart_set_color (cr, &theme->foreground);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      /* A lone off-scale ratio has its value beside it; a run of them
       * would be a row of numbers over the points, so they keep to the
       * tooltip. */
      if (q > l.ratio_ticks.max && x + 6 >= label_end &&
          (per == 0 || !(data->quick_ratio[per - 1] > l.ratio_ticks.max)) &&
          (per + 1 >= data->n_periods || !(data->quick_ratio[per + 1] > l.ratio_ticks.max)))
        {
          g_autofree char *text = tenure_chart_format_ratio (q, 0);
          double tw = 0, th = 0;

          _tenure_chart_measure (TENURE_CHART_FONT_SMALL, text, &tw, &th);
          if (x + 8 + tw <= l.plot.x + l.plot.width)
            {
              _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, x + 8, ratio_y (&l, q), 0, 0,
                                  &theme->muted);
              label_end = (guint) ceil (x + 8 + tw + 6);
            }
        }
    }
  cairo_restore (cr);
}

/**
 * tenure_chart_quick_ratio_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the datum under the pointer
 *
 * A ratio point within 8 pixels wins over the bar beneath it.
 *
 * Returns: %TRUE if a ratio point or a movement bar is under the pointer
 */
gboolean
tenure_chart_quick_ratio_lookup (const TenureChartQuickRatioData *data,
                                 double                           width,
                                 double                           height,
                                 double                           x,
                                 double                           y,
                                 TenureChartHit                  *hit)
{
  QuickLayout l;
  guint per;
  double q, cx;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  quick_layout (data, width, height, &l);
  if (l.empty || !tenure_chart_rect_contains (&l.plot, x, y))
    return FALSE;
  per = MIN ((guint) ((x - l.plot.x) / l.slot), data->n_periods - 1);
  hit->period = per;
  hit->label = data->period_labels[per];

  q = data->quick_ratio[per];
  cx = l.plot.x + (per + 0.5) * l.slot;
  if (isfinite (q) && hypot (x - cx, y - ratio_y (&l, q)) <= POINT_RADIUS)
    {
      hit->kind = TENURE_CHART_HIT_POINT;
      hit->series = TENURE_CHART_QUICK_RATIO_RATIO;
      hit->series_name = movement_name (TENURE_CHART_QUICK_RATIO_RATIO);
      hit->value = q;
      hit->value_kind = TENURE_CHART_VALUE_RATIO;
      hit->area = (TenureChartRect) { cx - 4, ratio_y (&l, q) - 4, 8, 8 };
      return TRUE;
    }

  for (guint m = 0; m < N_MOVEMENTS; m++)
    {
      TenureChartRect r;

      if (movement (data, m, per) <= 0)
        continue;
      movement_rect (data, &l, m, per, &r);
      /* Bars are hit over their whole slot width. */
      if (y >= r.y && y < r.y + MAX (r.height, 1))
        {
          hit->kind = TENURE_CHART_HIT_BAR;
          hit->series = m;
          hit->series_name = movement_name (m);
          hit->value = movement (data, m, per);
          hit->value_kind = TENURE_CHART_VALUE_MONEY;
          hit->area = r;
          return TRUE;
        }
    }
  tenure_chart_hit_init (hit);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* MRR bridge                                                               */

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;
  TenureChartRect  plot;
  double           slot;
  double           bar_width;
  double           label_y;
  gboolean         empty;
} BridgeLayout;

/**
 * tenure_chart_bridge_data_new:
 *
 * Returns: (transfer full): zeroed bridge data
 */
TenureChartBridgeData *
tenure_chart_bridge_data_new (void)
{
  return g_new0 (TenureChartBridgeData, 1);
}

/**
 * tenure_chart_bridge_data_free:
 * @data: (nullable): bridge data
 */
void
tenure_chart_bridge_data_free (TenureChartBridgeData *data)
{
  if (data == NULL)
    return;
  g_free (data->period_label);
  g_free (data->currency);
  g_free (data);
}

static const char *
step_name (guint step)
{
  switch (step)
    {
    case TENURE_CHART_BRIDGE_OPENING: return _("Opening MRR");
    case TENURE_CHART_BRIDGE_NEW: return _("New");
    case TENURE_CHART_BRIDGE_EXPANSION: return _("Expansion");
    case TENURE_CHART_BRIDGE_REACTIVATION: return _("Reactivation");
    case TENURE_CHART_BRIDGE_CONTRACTION: return _("Contraction");
    case TENURE_CHART_BRIDGE_CHURN: return _("Churn");
    case TENURE_CHART_BRIDGE_CLOSING:
    default: return _("Closing MRR");
    }
}

/* The step's start and end on the value axis, and its signed change. */
static void
step_span (const TenureChartBridgeData *data,
           guint                        step,
           double                      *from,
           double                      *to,
           double                      *change)
{
  double run = (double) data->amounts[TENURE_CHART_BRIDGE_OPENING];

  if (step == TENURE_CHART_BRIDGE_OPENING || step == TENURE_CHART_BRIDGE_CLOSING)
    {
      *from = 0;
      *to = *change = (double) data->amounts[step];
      return;
    }
  for (guint s = TENURE_CHART_BRIDGE_NEW; s < step; s++)
    run += (s >= TENURE_CHART_BRIDGE_CONTRACTION ? -1.0 : 1.0) * MAX (data->amounts[s], 0);
  *change = (step >= TENURE_CHART_BRIDGE_CONTRACTION ? -1.0 : 1.0) * MAX (data->amounts[step], 0);
  *from = run;
  *to = run + *change;
}

static void
bridge_layout (const TenureChartBridgeData *data,
               double                       width,
               double                       height,
               BridgeLayout                *l)
{
  double lo = 0, hi = 0, axis_w, lh = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL);
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, NULL, 0);
  for (guint s = 0; s < TENURE_CHART_BRIDGE_N_STEPS; s++)
    {
      double from, to, change;

      step_span (data, s, &from, &to, &change);
      lo = MIN (lo, MIN (from, to));
      hi = MAX (hi, MAX (from, to));
      any = any || data->amounts[s] != 0;
    }
  l->empty = !any;

  /* Room for the value labels over the bars and two lines of step names. */
  l->plot = l->frame.body;
  l->plot.y += lh + 4;
  l->plot.height -= lh + 4 + 2 * _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 10;
  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_MONEY, lo, hi,
                              CLAMP ((guint) (l->plot.height / 44), 2, 10));
  axis_w = _tenure_chart_ticks_label_width (&l->ticks, data->currency) + 10;
  l->plot.x += axis_w;
  l->plot.width -= axis_w;
  l->slot = l->plot.width / TENURE_CHART_BRIDGE_N_STEPS;
  l->bar_width = MIN (l->slot * 0.62, 140);
  l->label_y = l->plot.y + l->plot.height + 8;
}

static void
step_rect (const TenureChartBridgeData *data,
           const BridgeLayout          *l,
           guint                        step,
           TenureChartRect             *r)
{
  double from, to, change, y0, y1;

  step_span (data, step, &from, &to, &change);
  y0 = tenure_chart_ticks_position (&l->ticks, from, l->plot.y + l->plot.height, l->plot.y);
  y1 = tenure_chart_ticks_position (&l->ticks, to, l->plot.y + l->plot.height, l->plot.y);
  r->x = l->plot.x + step * l->slot + (l->slot - l->bar_width) / 2;
  r->width = l->bar_width;
  r->y = MIN (y0, y1);
  r->height = MAX (fabs (y1 - y0), 1);
}

/**
 * tenure_chart_bridge_draw:
 * @data: bridge data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws the waterfall from opening MRR through new, expansion, reactivation,
 * contraction and churn to closing MRR, each step labelled with its amount.
 */
void
tenure_chart_bridge_draw (const TenureChartBridgeData *data,
                          cairo_t                     *cr,
                          double                       width,
                          double                       height,
                          const TenureChartTheme      *theme)
{
  static const TenureChartRole roles[TENURE_CHART_BRIDGE_N_STEPS] = {
    TENURE_CHART_ROLE_TOTAL, TENURE_CHART_ROLE_NEW, TENURE_CHART_ROLE_EXPANSION,
    TENURE_CHART_ROLE_REACTIVATION, TENURE_CHART_ROLE_CONTRACTION, TENURE_CHART_ROLE_CHURN,
    TENURE_CHART_ROLE_TOTAL,
  };
  static const double dash[] = { 3, 3 };
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree char *title = NULL;
  BridgeLayout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  bridge_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  title = data->period_label
    ? g_strdup_printf (_("MRR bridge, %s"), data->period_label)
    : g_strdup (_("MRR bridge"));
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, title,
                            _("Opening MRR + new + expansion + reactivation \xe2\x88\x92 contraction \xe2\x88\x92 churn = closing MRR"),
                            NULL, 0);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No subscriptions yet: import a subscriptions CSV to see MRR movements"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, data->currency, &l.plot, FALSE, TRUE);

  for (guint s = 0; s < TENURE_CHART_BRIDGE_N_STEPS; s++)
    {
      TenureChartRect r;
      double from, to, change;
      g_autofree char *amount = NULL;
      g_autofree char *text = NULL;
      gboolean total = s == TENURE_CHART_BRIDGE_OPENING || s == TENURE_CHART_BRIDGE_CLOSING;

      step_span (data, s, &from, &to, &change);
      step_rect (data, &l, s, &r);
      _tenure_chart_set_color (cr, &theme->roles[roles[s]]);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      /* A dotted connector carries the running total to the next step. */
      if (s + 1 < TENURE_CHART_BRIDGE_N_STEPS)
        {
          double cy = round (tenure_chart_ticks_position (&l.ticks, to, l.plot.y + l.plot.height, l.plot.y)) + 0.5;

          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          _tenure_chart_set_color (cr, &theme->axis);
          cairo_move_to (cr, r.x + r.width, cy);
          cairo_line_to (cr, r.x + l.slot, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      amount = tenure_chart_format_money_value (fabs (change), data->currency, TENURE_CHART_MONEY_COMPACT);
      text = total ? g_strdup (amount)
                   : g_strdup_printf ("%s%s", change < 0 ? TENURE_CHART_MINUS : "+", amount);
      if (change < 0)
        _tenure_chart_text (p, TENURE_CHART_FONT_LABEL, text, r.x + r.width / 2, r.y + r.height + 3, 0.5, 0,
                            &theme->foreground);
      else
        _tenure_chart_text (p, TENURE_CHART_FONT_LABEL, text, r.x + r.width / 2, r.y - 3, 0.5, 1,
                            &theme->foreground);
      _tenure_chart_text_box (p, TENURE_CHART_FONT_LABEL, step_name (s), l.plot.x + s * l.slot + 2,
                              l.label_y, l.slot - 4, 2, PANGO_ALIGN_CENTER,
                              total ? &theme->foreground : &theme->muted);
    }
  cairo_restore (cr);
}

/**
 * tenure_chart_bridge_lookup:
 * @data: bridge data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the step under the pointer
 *
 * The whole column of a step answers, not just its bar: thin steps are
 * otherwise impossible to point at.
 *
 * Returns: %TRUE if a step is under the pointer
 */
gboolean
tenure_chart_bridge_lookup (const TenureChartBridgeData *data,
                            double                       width,
                            double                       height,
                            double                       x,
                            double                       y,
                            TenureChartHit              *hit)
{
  BridgeLayout l;
  TenureChartRect r;
  double from, to, change;
  guint s;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  bridge_layout (data, width, height, &l);
  if (l.empty || !tenure_chart_rect_contains (&l.plot, x, y))
    return FALSE;
  s = MIN ((guint) ((x - l.plot.x) / l.slot), TENURE_CHART_BRIDGE_N_STEPS - 1);
  step_span (data, s, &from, &to, &change);
  step_rect (data, &l, s, &r);
  hit->kind = TENURE_CHART_HIT_STEP;
  hit->series = s;
  hit->series_name = step_name (s);
  hit->label = data->period_label;
  hit->value = change;
  hit->value_kind = TENURE_CHART_VALUE_MONEY;
  hit->area = r;
  return TRUE;
}
