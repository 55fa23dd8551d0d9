/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-lifecycle.h"
#include "tenure-chart-private.h"

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;
  TenureChartTicks flow_ticks;
  TenureChartRect  plot;
  TenureChartRect  flows;
  double           slot;
  double           bar_width;
  double           label_y;
  gboolean         empty;
} Layout;

/**
 * tenure_chart_lifecycle_data_new:
 * @n_periods: number of periods
 * @n_stages: number of journey stages
 *
 * Returns: (transfer full): zeroed chart data with every array allocated
 */
TenureChartLifecycleData *
tenure_chart_lifecycle_data_new (guint n_periods,
                                 guint n_stages)
{
  TenureChartLifecycleData *data = g_new0 (TenureChartLifecycleData, 1);

  data->n_periods = n_periods;
  data->n_stages = n_stages;
  data->period_labels = g_new0 (char *, n_periods + 1);
  data->stage_names = g_new0 (char *, n_stages + 1);
  data->counts = g_new0 (double, (gsize) n_periods * n_stages);
  data->new_accounts = g_new0 (double, n_periods);
  data->churned_accounts = g_new0 (double, n_periods);
  return data;
}

/**
 * tenure_chart_lifecycle_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_lifecycle_data_free (TenureChartLifecycleData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->period_labels);
  g_strfreev (data->stage_names);
  g_free (data->counts);
  g_free (data->new_accounts);
  g_free (data->churned_accounts);
  g_free (data);
}

static guint
make_legend (const TenureChartLifecycleData *data,
             const TenureChartTheme         *theme,
             TenureChartLegendItem          *items)
{
  guint n = 0;

  for (guint s = 0; s < data->n_stages && n < TENURE_CHART_MAX_LEGEND - 2; s++, n++)
    {
      items[n] = (TenureChartLegendItem) { .label = data->stage_names[s] };
      if (theme)
        tenure_chart_theme_sequence (theme, s, data->n_stages, &items[n].color);
    }
  items[n++] = (TenureChartLegendItem) { .label = _("New"), .color = theme ? theme->roles[TENURE_CHART_ROLE_NEW] : (TenureChartRgba) { 0 } };
  items[n++] = (TenureChartLegendItem) { .label = _("Churned"), .color = theme ? theme->roles[TENURE_CHART_ROLE_CHURN] : (TenureChartRgba) { 0 } };
  return n;
}

static void
compute_layout (const TenureChartLifecycleData *data,
                double                          width,
                double                          height,
                Layout                         *l)
{
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  guint n_items = make_legend (data, NULL, items);
  double top = 0, flow_max = 0, axis_w, label_h, gap = 14;
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, items, n_items);
  for (guint p = 0; p < data->n_periods; p++)
    {
      double total = 0;

      for (guint s = 0; s < data->n_stages; s++)
        total += MAX (data->counts[s * data->n_periods + p], 0);
      top = MAX (top, total);
      flow_max = MAX (flow_max, MAX (data->new_accounts[p], data->churned_accounts[p]));
      any = any || total > 0 || data->new_accounts[p] > 0 || data->churned_accounts[p] > 0;
    }
  l->empty = data->n_periods == 0 || !any;

  label_h = _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
  l->plot = l->frame.body;
  l->plot.height -= label_h + 6;
  l->flows = l->plot;
  l->flows.height = floor ((l->plot.height - gap) * 0.22);
  l->plot.height -= l->flows.height + gap;
  l->flows.y = l->plot.y + l->plot.height + gap;

  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_COUNT, 0, top,
                              CLAMP ((guint) (l->plot.height / 44), 2, 10));
  tenure_chart_ticks_compute (&l->flow_ticks, TENURE_CHART_VALUE_COUNT, -flow_max, flow_max,
                              CLAMP ((guint) (l->flows.height / 22), 2, 5));
  axis_w = MAX (_tenure_chart_ticks_label_width (&l->ticks, NULL),
                _tenure_chart_ticks_label_width (&l->flow_ticks, NULL)) + 10;
  l->plot.x += axis_w;
  l->plot.width -= axis_w;
  l->flows.x = l->plot.x;
  l->flows.width = l->plot.width;
  l->label_y = l->flows.y + l->flows.height + 6;

  l->slot = data->n_periods ? l->plot.width / data->n_periods : 0;
  l->bar_width = MAX (l->slot * 0.72, MIN (l->slot, 1.0));
}

static void
bar_rect (const Layout *l,
          guint         period,
          double        y0,
          double        y1,
          cairo_rectangle_t *r)
{
  r->x = l->plot.x + period * l->slot + (l->slot - l->bar_width) / 2;
  r->width = l->bar_width;
  r->y = MIN (y0, y1);
  r->height = fabs (y1 - y0);
}

/**
 * tenure_chart_lifecycle_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws active accounts per journey stage as stacked bars, with new and
 * churned accounts per period as bars above and below a zero line beneath.
 */
void
tenure_chart_lifecycle_draw (const TenureChartLifecycleData *data,
                             cairo_t                        *cr,
                             double                          width,
                             double                          height,
                             const TenureChartTheme         *theme)
{
  g_autoptr(TenureChartPainter) p = NULL;
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  guint n_items;
  Layout l;
  double zero;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  compute_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  n_items = make_legend (data, theme, items);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, _("Lifecycle progression"),
                            _("Active accounts per journey stage at each period end; new and churned accounts per period below"),
                            items, l.empty ? 0 : n_items);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No accounts yet: import a subscriptions or deals CSV to see how accounts move through the journey stages"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, NULL, &l.plot, FALSE, TRUE);
  _tenure_chart_value_axis_draw (p, &l.flow_ticks, NULL, &l.flows, FALSE, TRUE);

  /* One path per stage: a single fill per colour instead of one per bar. */
  for (guint s = 0; s < data->n_stages; s++)
    {
      TenureChartRgba color;

      for (guint per = 0; per < data->n_periods; per++)
        {
          double below = 0, v = MAX (data->counts[s * data->n_periods + per], 0);
          cairo_rectangle_t r;

          if (v <= 0)
            continue;
          for (guint t = 0; t < s; t++)
            below += MAX (data->counts[t * data->n_periods + per], 0);
          bar_rect (&l, per,
                    tenure_chart_ticks_position (&l.ticks, below, l.plot.y + l.plot.height, l.plot.y),
                    tenure_chart_ticks_position (&l.ticks, below + v, l.plot.y + l.plot.height, l.plot.y),
                    &r);
          /* A hairline of background between stacked bands tells
           * neighbouring stages of the same hue apart. */
          if (s > 0 && r.height > 3)
            cairo_rectangle (cr, r.x, r.y, r.width, r.height - 1);
          else
            cairo_rectangle (cr, r.x, r.y, r.width, r.height);
        }
      tenure_chart_theme_sequence (theme, s, data->n_stages, &color);
      _tenure_chart_set_color (cr, &color);
      cairo_fill (cr);
    }

  zero = tenure_chart_ticks_position (&l.flow_ticks, 0, l.flows.y + l.flows.height, l.flows.y);
  for (guint f = 0; f < 2; f++)
    {
      const double *values = f == 0 ? data->new_accounts : data->churned_accounts;

      for (guint per = 0; per < data->n_periods; per++)
        {
          cairo_rectangle_t r;
          double v = MAX (values[per], 0) * (f == 0 ? 1 : -1);

          if (v == 0)
            continue;
          bar_rect (&l, per, zero,
                    tenure_chart_ticks_position (&l.flow_ticks, v, l.flows.y + l.flows.height, l.flows.y),
                    &r);
          cairo_rectangle (cr, r.x, r.y, r.width, r.height);
        }
      _tenure_chart_set_color (cr, &theme->roles[f == 0 ? TENURE_CHART_ROLE_NEW : TENURE_CHART_ROLE_CHURN]);
      cairo_fill (cr);
    }

  _tenure_chart_period_axis_draw (p, data->period_labels, data->n_periods, &l.plot, l.label_y);
  cairo_restore (cr);
}

/**
 * tenure_chart_lifecycle_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the datum under the pointer
 *
 * Returns: %TRUE if a stage band or a flow bar is under the pointer
 */
gboolean
tenure_chart_lifecycle_lookup (const TenureChartLifecycleData *data,
                               double                          width,
                               double                          height,
                               double                          x,
                               double                          y,
                               TenureChartHit                 *hit)
{
  Layout l;
  guint per;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  compute_layout (data, width, height, &l);
  if (l.empty || x < l.plot.x || x >= l.plot.x + l.plot.width)
    return FALSE;
  per = MIN ((guint) ((x - l.plot.x) / l.slot), data->n_periods - 1);
  hit->period = per;
  hit->label = data->period_labels[per];
  hit->value_kind = TENURE_CHART_VALUE_COUNT;

  if (y >= l.plot.y && y < l.plot.y + l.plot.height)
    {
      double below = 0;

      for (guint s = 0; s < data->n_stages; s++)
        {
          double v = MAX (data->counts[s * data->n_periods + per], 0);
          double y0 = tenure_chart_ticks_position (&l.ticks, below, l.plot.y + l.plot.height, l.plot.y);
          double y1 = tenure_chart_ticks_position (&l.ticks, below + v, l.plot.y + l.plot.height, l.plot.y);

          if (v > 0 && y <= y0 && y >= y1)
            {
              cairo_rectangle_t r;

              bar_rect (&l, per, y0, y1, &r);
              hit->kind = TENURE_CHART_HIT_BAR;
              hit->series = s;
              hit->series_name = data->stage_names[s];
              hit->value = data->counts[s * data->n_periods + per];
              hit->area = (TenureChartRect) { r.x, r.y, r.width, r.height };
              return TRUE;
            }
          below += v;
        }
    }
  else if (y >= l.flows.y && y < l.flows.y + l.flows.height)
    {
      double zero = tenure_chart_ticks_position (&l.flow_ticks, 0, l.flows.y + l.flows.height, l.flows.y);
      gboolean is_new = y < zero;
      double v = is_new ? data->new_accounts[per] : data->churned_accounts[per];
      double end = tenure_chart_ticks_position (&l.flow_ticks, is_new ? v : -v,
                                                l.flows.y + l.flows.height, l.flows.y);
      cairo_rectangle_t r;

      /* Hovering the empty space above a short bar still names the flow. */
      bar_rect (&l, per, zero, v > 0 ? end : zero, &r);
      hit->kind = TENURE_CHART_HIT_BAR;
      hit->series = data->n_stages + (is_new ? 0 : 1);
      hit->series_name = is_new ? _("New") : _("Churned");
      hit->value = v;
      hit->area = (TenureChartRect) { r.x, r.y, r.width, r.height };
      return TRUE;
    }

  tenure_chart_hit_init (hit);
  return FALSE;
}
