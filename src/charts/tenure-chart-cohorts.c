/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tenure-chart-cohorts.h"
#include "tenure-chart-private.h"

#define N_BUCKETS 101

typedef struct
{
  TenureChartFrame frame;
  TenureChartRect  grid;      /* cohort rows */
  TenureChartRect  average;   /* the average row, below a gap */
  double           label_w;
  double           size_w;
  double           cell_w;
  double           cell_h;
  double           header_h;
  double           scale_y;
  double           scale_max; /* top of the colour scale: 1, or more for revenue */
  guint            row_stride;
  guint            age_stride;
  gboolean         label_cells;
  gboolean         empty;
} Layout;

/**
 * tenure_chart_cohorts_data_new:
 * @n_cohorts: number of cohorts
 * @n_ages: number of ages (months 0 … @n_ages − 1)
 *
 * Returns: (transfer full): chart data with every array allocated; retention
 *   and average cells start as NaN (absent)
 */
TenureChartCohortsData *
tenure_chart_cohorts_data_new (guint n_cohorts,
                               guint n_ages)
{
  TenureChartCohortsData *data = g_new0 (TenureChartCohortsData, 1);

  data->n_cohorts = n_cohorts;
  data->n_ages = n_ages;
  data->cohort_labels = _tenure_chart_strv_new (n_cohorts);
  data->cohort_sizes = g_new0 (double, n_cohorts);
  data->retention = g_new (double, (gsize) n_cohorts * n_ages);
  data->average = g_new (double, n_ages);
  for (gsize i = 0; i < (gsize) n_cohorts * n_ages; i++)
    data->retention[i] = NAN;
  for (guint i = 0; i < n_ages; i++)
    data->average[i] = NAN;
  return data;
}

/**
 * tenure_chart_cohorts_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_cohorts_data_free (TenureChartCohortsData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->cohort_labels);
  g_free (data->cohort_sizes);
  g_free (data->retention);
  g_free (data->average);
  g_free (data->currency);
  g_free (data);
}

static char *
format_size (const TenureChartCohortsData *data,
             double                        size)
{
  if (data->revenue)
    return tenure_chart_format_money_value (size, data->currency, TENURE_CHART_MONEY_COMPACT);
  return tenure_chart_format_number (size, 0);
}

static void
compute_layout (const TenureChartCohortsData *data,
                double                        width,
                double                        height,
                Layout                       *l)
{
  double lh_small = _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
  double lh_cell = _tenure_chart_line_height (TENURE_CHART_FONT_CELL);
  double w, avail_w, avail_h, gap = 8, cell_text_w, age_w;
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, NULL, 0);

  l->scale_max = 1;
  for (gsize i = 0; i < (gsize) data->n_cohorts * data->n_ages; i++)
    if (isfinite (data->retention[i]))
      {
        any = TRUE;
        l->scale_max = MAX (l->scale_max, data->retention[i]);
      }
  l->scale_max = MIN (l->scale_max, 2);
  l->empty = data->n_cohorts == 0 || data->n_ages == 0 || !any;

  /* Label column: widest cohort label by characters (they are alike). */
  l->label_w = 0;
  for (guint c = 0; c < data->n_cohorts; c += MAX (data->n_cohorts / 8, 1))
    {
      _tenure_chart_measure (TENURE_CHART_FONT_SMALL, data->cohort_labels[c], &w, NULL);
      l->label_w = MAX (l->label_w, w);
    }
  _tenure_chart_measure (TENURE_CHART_FONT_SMALL, _("Average"), &w, NULL);
  l->label_w = MAX (l->label_w, w) + 10;
  l->size_w = 0;
  for (guint c = 0; c < data->n_cohorts; c++)
    if (data->n_cohorts <= 24 || c % MAX (data->n_cohorts / 12, 1) == 0 || c == 0)
      {
        g_autofree char *text = format_size (data, data->cohort_sizes[c]);

        _tenure_chart_measure (TENURE_CHART_FONT_SMALL, text, &w, NULL);
        l->size_w = MAX (l->size_w, w);
      }
  _tenure_chart_measure (TENURE_CHART_FONT_SMALL, data->revenue ? _("MRR") : _("Accounts"), &w, NULL);
  l->size_w = MAX (l->size_w, w) + 14;

  l->header_h = lh_small + 6;
  avail_w = l->frame.body.width - l->label_w - l->size_w;
  avail_h = l->frame.body.height - l->header_h - gap - _tenure_chart_scale_height () - 12;
  l->cell_w = data->n_ages ? MIN (avail_w / data->n_ages, 72) : 0;
  l->cell_h = MIN (avail_h / (data->n_cohorts + 1), 30);
  l->cell_w = MAX (l->cell_w, 0.5);
  l->cell_h = MAX (l->cell_h, 0.5);

  l->grid.x = l->frame.body.x + l->label_w + l->size_w;
  l->grid.y = l->frame.body.y + l->header_h;
  l->grid.width = l->cell_w * data->n_ages;
  l->grid.height = l->cell_h * data->n_cohorts;
  l->average = l->grid;
  l->average.y = l->grid.y + l->grid.height + gap;
  l->average.height = l->cell_h;
  l->scale_y = l->average.y + l->average.height + 12;

  /* Only cells that fit their text get one: a cramped label is noise, and
   * skipping them keeps the 60 × 60 triangle fast. */
  _tenure_chart_measure (TENURE_CHART_FONT_CELL, "100%", &cell_text_w, NULL);
  l->label_cells = l->cell_w >= cell_text_w + 6 && l->cell_h >= lh_cell + 1;
  l->row_stride = 1;
  while (l->row_stride * l->cell_h < lh_small && l->row_stride < data->n_cohorts)
    l->row_stride++;
  _tenure_chart_measure (TENURE_CHART_FONT_SMALL, "00", &age_w, NULL);
  l->age_stride = 1;
  while (l->age_stride * l->cell_w < age_w + 8 && l->age_stride < data->n_ages)
    l->age_stride = l->age_stride < 3 ? l->age_stride + 1 : (l->age_stride < 6 ? 6 : l->age_stride + 6);
}

static void
heat_at (const TenureChartTheme *theme,
         double                  t,
         TenureChartRgba        *out)
{
  tenure_chart_theme_heat (theme, t, out);
}

typedef struct
{
  double x, y;
  guint bucket;
  double value;
} Cell;

/**
 * tenure_chart_cohorts_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws the retention triangle: one row per cohort with its size, one column
 * per month of age, the weighted average row below and a colour scale.
 */
void
tenure_chart_cohorts_draw (const TenureChartCohortsData *data,
                           cairo_t                      *cr,
                           double                        width,
                           double                        height,
                           const TenureChartTheme       *theme)
{
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree Cell *cells = NULL;
  g_autofree guint *bucket_start = NULL;
  g_autofree guint *order = NULL;
  g_autofree char *high = NULL;
  guint n_cells = 0;
  double lh_small = _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
  Layout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  compute_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame,
                            data->revenue ? _("Revenue retention by cohort") : _("Logo retention by cohort"),
                            data->revenue
                              ? _("MRR of each origination cohort at month k / its MRR at month 0; average weighted by size")
                              : _("Accounts of each origination cohort still active at month k / cohort size; average weighted by size"),
                            NULL, 0);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No cohorts yet: import a subscriptions CSV to see how each month's new accounts are retained"));
      cairo_restore (cr);
      return;
    }

  /* Headers: ages and the size column. */
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("Cohort"), l.frame.body.x, l.frame.body.y, 0, 0,
                      &theme->muted);
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, data->revenue ? _("MRR") : _("Accounts"),
                      l.grid.x - 10, l.frame.body.y, 1, 0, &theme->muted);
  for (guint a = 0; a < data->n_ages; a += l.age_stride)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", a);
      _tenure_chart_text_cached (p, TENURE_CHART_FONT_SMALL, text, l.grid.x + (a + 0.5) * l.cell_w,
                                 l.frame.body.y, 0.5, 0, &theme->muted);
    }

  for (guint c = 0; c < data->n_cohorts; c += l.row_stride)
    {
      double cy = l.grid.y + (c + 0.5) * l.cell_h;
      g_autofree char *size = format_size (data, data->cohort_sizes[c]);

      if (l.row_stride > 1)
        cy = l.grid.y + c * l.cell_h + lh_small / 2;
      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, data->cohort_labels[c], l.frame.body.x, cy, 0, 0.5,
                          &theme->foreground);
      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, size, l.grid.x - 10, cy, 1, 0.5, &theme->muted);
    }
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("Average"), l.frame.body.x,
                      l.average.y + l.average.height / 2, 0, 0.5, &theme->foreground);

  /* Cells, bucketed by colour (one per whole percent) so each colour is a
   * single fill: 1,830 fills would dominate the frame time. */
  cells = g_new (Cell, (gsize) (data->n_cohorts + 1) * data->n_ages);
  for (guint c = 0; c <= data->n_cohorts; c++)
    for (guint a = 0; a < data->n_ages; a++)
      {
        double v = c < data->n_cohorts ? data->retention[c * data->n_ages + a] : data->average[a];
        Cell *cell;

        if (!isfinite (v))
          continue;
        cell = &cells[n_cells++];
        cell->x = l.grid.x + a * l.cell_w;
        cell->y = c < data->n_cohorts ? l.grid.y + c * l.cell_h : l.average.y;
        cell->value = v;
        cell->bucket = (guint) CLAMP (round (v / l.scale_max * (N_BUCKETS - 1)), 0, N_BUCKETS - 1);
      }

  bucket_start = g_new0 (guint, N_BUCKETS + 1);
  order = g_new (guint, MAX (n_cells, 1));
  for (guint i = 0; i < n_cells; i++)
    bucket_start[cells[i].bucket + 1]++;
  for (guint b = 0; b < N_BUCKETS; b++)
    bucket_start[b + 1] += bucket_start[b];
  {
    g_autofree guint *fill = g_memdup2 (bucket_start, sizeof (guint) * (N_BUCKETS + 1));

    for (guint i = 0; i < n_cells; i++)
      order[fill[cells[i].bucket]++] = i;
  }

  for (guint b = 0; b < N_BUCKETS; b++)
    {
      TenureChartRgba color;
      double inset = l.cell_w >= 6 && l.cell_h >= 6 ? 0.5 : 0;

      if (bucket_start[b] == bucket_start[b + 1])
        continue;
      for (guint k = bucket_start[b]; k < bucket_start[b + 1]; k++)
        {
          const Cell *cell = &cells[order[k]];

          cairo_rectangle (cr, cell->x + inset, cell->y + inset, l.cell_w - 2 * inset, l.cell_h - 2 * inset);
        }
      heat_at (theme, (double) b / (N_BUCKETS - 1), &color);
      _tenure_chart_set_color (cr, &color);
      cairo_fill (cr);
    }

  if (l.label_cells)
    for (guint i = 0; i < n_cells; i++)
      {
        TenureChartRgba color;
        g_autofree char *text = tenure_chart_format_percent (cells[i].value, 0);

        heat_at (theme, (double) cells[i].bucket / (N_BUCKETS - 1), &color);
        _tenure_chart_text_cached (p, TENURE_CHART_FONT_CELL, text, cells[i].x + l.cell_w / 2,
                                   cells[i].y + l.cell_h / 2, 0.5, 0.5,
                                   tenure_chart_theme_text_on (theme, &color));
      }

  high = tenure_chart_format_percent (l.scale_max, 0);
  _tenure_chart_scale_draw (p, l.grid.x, l.scale_y, MIN (MAX (l.grid.width, 200), 420), heat_at,
                            _("Retention"), "0%", high);
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("Months since origination \xe2\x86\x92"),
                      l.grid.x + MAX (l.grid.width, 200), l.scale_y, 1, 0, &theme->muted);
  cairo_restore (cr);
}

/**
 * tenure_chart_cohorts_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the cell under the pointer
 *
 * Returns: %TRUE if a cell with a value is under the pointer
 */
gboolean
tenure_chart_cohorts_lookup (const TenureChartCohortsData *data,
                             double                        width,
                             double                        height,
                             double                        x,
                             double                        y,
                             TenureChartHit               *hit)
{
  Layout l;
  guint row, age;
  double v, top;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  compute_layout (data, width, height, &l);
  if (l.empty || x < l.grid.x || x >= l.grid.x + l.grid.width)
    return FALSE;
  age = MIN ((guint) ((x - l.grid.x) / l.cell_w), data->n_ages - 1);
  if (tenure_chart_rect_contains (&l.grid, x, y))
    {
      row = MIN ((guint) ((y - l.grid.y) / l.cell_h), data->n_cohorts - 1);
      v = data->retention[row * data->n_ages + age];
      top = l.grid.y + row * l.cell_h;
      hit->label = data->cohort_labels[row];
    }
  else if (tenure_chart_rect_contains (&l.average, x, y))
    {
      row = data->n_cohorts;
      v = data->average[age];
      top = l.average.y;
      hit->label = _("Average");
    }
  else
    return FALSE;

  if (!isfinite (v))
    {
      tenure_chart_hit_init (hit);
      return FALSE;
    }
  hit->kind = TENURE_CHART_HIT_CELL;
  hit->row = row;
  hit->column = age;
  hit->period = age;
  hit->value = v;
  hit->value_kind = TENURE_CHART_VALUE_PERCENT;
  hit->series_name = data->revenue ? _("Revenue retention") : _("Logo retention");
  hit->area = (TenureChartRect) { l.grid.x + age * l.cell_w, top, l.cell_w, l.cell_h };
  return TRUE;
}
