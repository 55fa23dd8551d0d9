/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-transitions.h"
#include "tenure-chart-private.h"

typedef struct
{
  TenureChartFrame frame;
  TenureChartRect  grid;
  double           cell_w;
  double           cell_h;
  double           header_h;
  double           label_w;
  double           scale_y;
  double           max_count;
  gboolean         empty;
} Layout;

/**
 * tenure_chart_transitions_data_new:
 * @n_stages: number of journey stages
 *
 * Returns: (transfer full): zeroed chart data with every array allocated
 */
TenureChartTransitionsData *
tenure_chart_transitions_data_new (guint n_stages)
{
  TenureChartTransitionsData *data = g_new0 (TenureChartTransitionsData, 1);

  data->n_stages = n_stages;
  data->stage_names = _tenure_chart_strv_new (n_stages);
  data->counts = g_new0 (double, (gsize) (n_stages + 1) * (n_stages + 1));
  return data;
}

/**
 * tenure_chart_transitions_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_transitions_data_free (TenureChartTransitionsData *data)
{
  if (data == NULL)
    return;
  g_free (data->period_label);
  g_strfreev (data->stage_names);
  g_free (data->counts);
  g_free (data);
}

static const char *
row_name (const TenureChartTransitionsData *data,
          guint                             row)
{
  return row == 0 ? _("New") : data->stage_names[row - 1];
}

static const char *
column_name (const TenureChartTransitionsData *data,
             guint                             column)
{
  return column == data->n_stages ? _("Churned") : data->stage_names[column];
}

static void
compute_layout (const TenureChartTransitionsData *data,
                double                            width,
                double                            height,
                Layout                           *l)
{
  guint n = data->n_stages + 1;
  double avail_w, avail_h;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, NULL, 0);
  l->max_count = 0;
  for (guint i = 0; i < n * n; i++)
    l->max_count = MAX (l->max_count, data->counts[i]);
  l->empty = data->n_stages == 0 || l->max_count <= 0;

  l->label_w = 0;
  for (guint r = 0; r < n; r++)
    {
      double w;

      _tenure_chart_measure (TENURE_CHART_FONT_LABEL, row_name (data, r), &w, NULL);
      l->label_w = MAX (l->label_w, w);
    }
  l->label_w = MIN (l->label_w + 14, l->frame.body.width * 0.3);
  /* Room for two lines of column names and "To" above them. */
  l->header_h = 2 * _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 8
                + _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);

  avail_w = l->frame.body.width - l->label_w;
  avail_h = l->frame.body.height - l->header_h - _tenure_chart_scale_height () - 14;
  l->cell_w = MIN (floor (avail_w / n), 150);
  l->cell_h = MIN (floor (avail_h / n), 56);
  l->cell_w = MAX (l->cell_w, 1);
  l->cell_h = MAX (l->cell_h, 1);

  l->grid.x = l->frame.body.x + l->label_w;
  l->grid.y = l->frame.body.y + l->header_h;
  l->grid.width = l->cell_w * n;
  l->grid.height = l->cell_h * n;
  l->scale_y = l->grid.y + l->grid.height + 14;
}

static void
heat_at (const TenureChartTheme *theme,
         double                  t,
         TenureChartRgba        *out)
{
  tenure_chart_theme_heat (theme, 0.08 + 0.92 * t, out);
}

/**
 * tenure_chart_transitions_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws the from → to matrix of stage moves in one period, cells coloured by
 * count on a square-root scale (a few large flows would otherwise wash out
 * every other cell) and labelled with the count.
 */
void
tenure_chart_transitions_draw (const TenureChartTransitionsData *data,
                               cairo_t                          *cr,
                               double                            width,
                               double                            height,
                               const TenureChartTheme           *theme)
{
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree char *title = NULL;
  g_autofree char *high = NULL;
  guint n = data->n_stages + 1;
  double lh = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL);
  Layout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  compute_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  title = data->period_label
    ? g_strdup_printf (_("Stage transitions, %s"), data->period_label)
    : g_strdup (_("Stage transitions"));
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, title,
                            _("Accounts that moved from a journey stage (rows) to another (columns) during the period; new includes reactivations"),
                            NULL, 0);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No stage moves in this period: import events or subscriptions to see accounts move between journey stages"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("To \xe2\x86\x92"), l.grid.x, l.frame.body.y, 0, 0,
                      &theme->muted);
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("From \xe2\x86\x93"), l.frame.body.x,
                      l.grid.y - 4, 0, 1, &theme->muted);

  for (guint c = 0; c < n; c++)
    _tenure_chart_text_box (p, TENURE_CHART_FONT_LABEL, column_name (data, c),
                            l.grid.x + c * l.cell_w + 3, l.grid.y - 4 - 2 * lh, l.cell_w - 6, 2,
                            PANGO_ALIGN_CENTER, &theme->foreground);

  for (guint r = 0; r < n; r++)
    {
      double cy = l.grid.y + (r + 0.5) * l.cell_h;

      _tenure_chart_text_fit (p, TENURE_CHART_FONT_LABEL, row_name (data, r), l.grid.x - 10, cy,
                              1, 0.5, l.label_w - 10, &theme->foreground);
      for (guint c = 0; c < n; c++)
        {
          double v = data->counts[r * n + c];
          double x = l.grid.x + c * l.cell_w, y = l.grid.y + r * l.cell_h;
          TenureChartRgba fill;

          /* Staying in a stage is not a move: that cell is left blank. */
          if (r > 0 && r - 1 == c)
            {
              _tenure_chart_set_color (cr, &theme->grid);
              cairo_rectangle (cr, x + 1, y + 1, l.cell_w - 2, l.cell_h - 2);
              cairo_fill (cr);
              continue;
            }
          heat_at (theme, v > 0 ? sqrt (v / l.max_count) : 0, &fill);
          if (v <= 0)
            fill = theme->background;
          _tenure_chart_set_color (cr, &fill);
          cairo_rectangle (cr, x + 1, y + 1, l.cell_w - 2, l.cell_h - 2);
          cairo_fill (cr);
          if (v <= 0)
            {
              _tenure_chart_set_color (cr, &theme->grid);
              cairo_set_line_width (cr, 1);
              cairo_rectangle (cr, x + 1.5, y + 1.5, l.cell_w - 3, l.cell_h - 3);
              cairo_stroke (cr);
            }
          else if (l.cell_h >= lh && l.cell_w >= 24)
            {
              g_autofree char *text = tenure_chart_format_number (v, 0);

              _tenure_chart_text_cached (p, TENURE_CHART_FONT_LABEL, text, x + l.cell_w / 2,
                                         y + l.cell_h / 2, 0.5, 0.5,
                                         tenure_chart_theme_text_on (theme, &fill));
            }
        }
    }

  high = tenure_chart_format_number (l.max_count, 0);
  _tenure_chart_scale_draw (p, l.grid.x, l.scale_y, MIN (l.grid.width, 360), heat_at,
                            _("Accounts (square-root scale)"), "0", high);
  cairo_restore (cr);
}

/**
 * tenure_chart_transitions_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the cell under the pointer
 *
 * Returns: %TRUE if a matrix cell is under the pointer
 */
gboolean
tenure_chart_transitions_lookup (const TenureChartTransitionsData *data,
                                 double                            width,
                                 double                            height,
                                 double                            x,
                                 double                            y,
                                 TenureChartHit                   *hit)
{
  guint n = data->n_stages + 1;
  guint r, c;
  Layout l;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  compute_layout (data, width, height, &l);
  if (l.empty || !tenure_chart_rect_contains (&l.grid, x, y))
    return FALSE;
  r = MIN ((guint) ((y - l.grid.y) / l.cell_h), n - 1);
  c = MIN ((guint) ((x - l.grid.x) / l.cell_w), n - 1);
  hit->kind = TENURE_CHART_HIT_CELL;
  hit->row = r;
  hit->column = c;
  hit->value = data->counts[r * n + c];
  hit->value_kind = TENURE_CHART_VALUE_COUNT;
  hit->label = row_name (data, r);
  hit->series_name = column_name (data, c);
  hit->area = (TenureChartRect) { l.grid.x + c * l.cell_w, l.grid.y + r * l.cell_h, l.cell_w, l.cell_h };
  return TRUE;
}
