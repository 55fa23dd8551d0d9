/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tenure-chart-accounts.h"
#include "tenure-chart-private.h"

static double *
nan_array (gsize n)
{
  double *a = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    a[i] = NAN;
  return a;
}

/* ------------------------------------------------------------------------ */
/* Segments                                                                 */

typedef struct
{
  TenureChartFrame frame;
  TenureChartTicks ticks;
  TenureChartRect  plot;
  double           slot;
  double           bar_width;
  double           label_y;
  double           payback_y;
  gboolean         empty;
} SegLayout;

/**
 * tenure_chart_segments_data_new:
 * @n_segments: number of segments
 *
 * Returns: (transfer full): chart data, values NaN, reference 3
 */
TenureChartSegmentsData *
tenure_chart_segments_data_new (guint n_segments)
{
  TenureChartSegmentsData *data = g_new0 (TenureChartSegmentsData, 1);

  data->n_segments = n_segments;
  data->segment_names = _tenure_chart_strv_new (n_segments);
  data->ltv_cac = nan_array (n_segments);
  data->acv_cac = nan_array (n_segments);
  data->payback_months = nan_array (n_segments);
  data->reference = 3;
  return data;
}

/**
 * tenure_chart_segments_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_segments_data_free (TenureChartSegmentsData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->segment_names);
  g_free (data->ltv_cac);
  g_free (data->acv_cac);
  g_free (data->payback_months);
  g_free (data);
}

static const char *
seg_series_name (guint s)
{
  return s == 0 ? _("LTV / CAC") : s == 1 ? _("ACV / CAC") : _("CAC payback (months)");
}

static guint
seg_legend (const TenureChartSegmentsData *data,
            const TenureChartTheme        *theme,
            TenureChartLegendItem         *items,
            char                          *reference_label)
{
  g_autofree char *ref = tenure_chart_format_ratio (data->reference, data->reference == floor (data->reference) ? 0 : 1);

  g_snprintf (reference_label, 64, _("%s reference"), ref);
  items[0] = (TenureChartLegendItem) { .label = seg_series_name (0), .color = theme ? theme->series[0] : (TenureChartRgba) { 0 } };
  items[1] = (TenureChartLegendItem) { .label = seg_series_name (1), .color = theme ? theme->series[1] : (TenureChartRgba) { 0 } };
  items[2] = (TenureChartLegendItem) { .label = reference_label, .line = TRUE, .dashed = TRUE,
                                       .color = theme ? theme->roles[TENURE_CHART_ROLE_REFERENCE] : (TenureChartRgba) { 0 } };
  return 3;
}

static void
seg_layout (const TenureChartSegmentsData *data,
            double                         width,
            double                         height,
            SegLayout                     *l)
{
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  char ref_label[64];
  guint n_items = seg_legend (data, NULL, items, ref_label);
  double top = data->reference * 1.2, axis_w;
  gboolean any = FALSE;

  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, items, n_items);
  for (guint i = 0; i < data->n_segments; i++)
    {
      if (isfinite (data->ltv_cac[i]))
        top = MAX (top, data->ltv_cac[i]);
      if (isfinite (data->acv_cac[i]))
        top = MAX (top, data->acv_cac[i]);
      any = any || isfinite (data->ltv_cac[i]) || isfinite (data->acv_cac[i]) || isfinite (data->payback_months[i]);
    }
  l->empty = data->n_segments == 0 || !any;

  l->plot = l->frame.body;
  l->plot.y += _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 2;
  l->plot.height -= _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 2 +
                    _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) +
                    _tenure_chart_line_height (TENURE_CHART_FONT_SMALL) + 14;
  tenure_chart_ticks_compute (&l->ticks, TENURE_CHART_VALUE_RATIO, 0, top,
                              CLAMP ((guint) (l->plot.height / 44), 2, 10));
  axis_w = _tenure_chart_ticks_label_width (&l->ticks, NULL) + 10;
  l->plot.x += axis_w;
  l->plot.width -= axis_w;
  l->slot = data->n_segments ? l->plot.width / data->n_segments : 0;
  l->bar_width = MIN (l->slot * 0.34, 64);
  l->label_y = l->plot.y + l->plot.height + 8;
  l->payback_y = l->label_y + _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 2;
}

static void
seg_bar_rect (const SegLayout *l,
              guint            segment,
              guint            series,
              double           v,
              TenureChartRect *r)
{
  double base = l->plot.y + l->plot.height;
  double top = tenure_chart_ticks_position (&l->ticks, isfinite (v) ? MAX (v, 0) : 0, base, l->plot.y);
  double center = l->plot.x + (segment + 0.5) * l->slot;

  r->x = center + (series == 0 ? -l->bar_width - 2 : 2);
  r->width = l->bar_width;
  r->y = top;
  r->height = base - top;
}

/**
 * tenure_chart_segments_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws LTV / CAC and ACV / CAC per segment as grouped bars with the
 * reference line, and the CAC payback under each segment's name.
 */
void
tenure_chart_segments_draw (const TenureChartSegmentsData *data,
                            cairo_t                       *cr,
                            double                         width,
                            double                         height,
                            const TenureChartTheme        *theme)
{
  static const double dash[] = { 6, 4 };
  g_autoptr(TenureChartPainter) p = NULL;
  TenureChartLegendItem items[TENURE_CHART_MAX_LEGEND];
  char ref_label[64];
  guint n_items;
  SegLayout l;
  double ry;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  seg_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  n_items = seg_legend (data, theme, items, ref_label);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, _("Segment economics"),
                            _("LTV = ACV \xc3\x97 gross margin / annual churn; CAC = (marketing + sales spend) / new accounts; trailing 12 months"),
                            items, l.empty ? 0 : n_items);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No segment economics yet: import a funnel CSV with marketing and sales spend per segment"));
      cairo_restore (cr);
      return;
    }

  _tenure_chart_value_axis_draw (p, &l.ticks, NULL, &l.plot, FALSE, TRUE);
  for (guint i = 0; i < data->n_segments; i++)
    {
      g_autofree char *payback = NULL;
      g_autofree char *months = NULL;

      for (guint s = 0; s < 2; s++)
        {
          double v = s == 0 ? data->ltv_cac[i] : data->acv_cac[i];
          g_autofree char *text = tenure_chart_format_ratio (v, 1);
          TenureChartRect r;

          seg_bar_rect (&l, i, s, v, &r);
          if (isfinite (v) && r.height > 0)
            {
              _tenure_chart_set_color (cr, &theme->series[s]);
              cairo_rectangle (cr, r.x, r.y, r.width, r.height);
              cairo_fill (cr);
            }
          _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, r.x + r.width / 2, r.y - 3, 0.5, 1,
                              &theme->foreground);
        }
      _tenure_chart_text_fit (p, TENURE_CHART_FONT_LABEL, data->segment_names[i],
                              l.plot.x + (i + 0.5) * l.slot, l.label_y, 0.5, 0, l.slot - 6, &theme->foreground);
      if (isfinite (data->payback_months[i]))
        {
          months = tenure_chart_format_number (data->payback_months[i], 1);
          payback = g_strdup_printf (_("Payback %s months"), months);
        }
      else
        payback = g_strdup (_("Payback " TENURE_CHART_UNDEFINED));
      _tenure_chart_text_fit (p, TENURE_CHART_FONT_SMALL, payback, l.plot.x + (i + 0.5) * l.slot,
                              l.payback_y, 0.5, 0, l.slot - 6, &theme->muted);
    }

  ry = round (tenure_chart_ticks_position (&l.ticks, data->reference, l.plot.y + l.plot.height, l.plot.y)) + 0.5;
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_REFERENCE]);
  cairo_move_to (cr, l.plot.x, ry);
  cairo_line_to (cr, l.plot.x + l.plot.width, ry);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * tenure_chart_segments_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the bar or payback label under the pointer
 *
 * Returns: %TRUE if a bar column or a payback label is under the pointer
 */
gboolean
tenure_chart_segments_lookup (const TenureChartSegmentsData *data,
                              double                         width,
                              double                         height,
                              double                         x,
                              double                         y,
                              TenureChartHit                *hit)
{
  SegLayout l;
  guint seg;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  seg_layout (data, width, height, &l);
  if (l.empty || x < l.plot.x || x >= l.plot.x + l.plot.width)
    return FALSE;
  seg = MIN ((guint) ((x - l.plot.x) / l.slot), data->n_segments - 1);
  hit->row = seg;
  hit->label = data->segment_names[seg];

  if (y >= l.plot.y && y < l.plot.y + l.plot.height)
    {
      for (guint s = 0; s < 2; s++)
        {
          double v = s == 0 ? data->ltv_cac[seg] : data->acv_cac[seg];
          TenureChartRect r;

          seg_bar_rect (&l, seg, s, v, &r);
          /* The bar's full column answers, so short bars are easy to hit. */
          if (x >= r.x && x < r.x + r.width)
            {
              hit->kind = TENURE_CHART_HIT_BAR;
              hit->series = s;
              hit->series_name = seg_series_name (s);
              hit->value = v;
              hit->value_kind = TENURE_CHART_VALUE_RATIO;
              hit->area = r;
              return TRUE;
            }
        }
    }
  else if (y >= l.payback_y && y < l.payback_y + _tenure_chart_line_height (TENURE_CHART_FONT_SMALL))
    {
      hit->kind = TENURE_CHART_HIT_BAR;
      hit->series = 2;
      hit->series_name = seg_series_name (2);
      hit->value = data->payback_months[seg];
      hit->value_kind = TENURE_CHART_VALUE_NUMBER;
      hit->area = (TenureChartRect) { l.plot.x + seg * l.slot, l.payback_y, l.slot,
                                      _tenure_chart_line_height (TENURE_CHART_FONT_SMALL) };
      return TRUE;
    }
  tenure_chart_hit_init (hit);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Scorecards                                                               */

#define N_BUCKETS 101

typedef struct
{
  TenureChartFrame frame;
  TenureChartRect  grid;      /* area columns */
  TenureChartRect  overall;   /* the overall column, after a gap */
  double           name_w;
  double           marker_w;
  double           cell_w;
  double           cell_h;
  double           header_h;
  double           scale_y;
  guint            row_stride;
  gboolean         label_cells;
  gboolean         empty;
} CardLayout;

/**
 * tenure_chart_scorecards_data_new:
 * @n_accounts: number of accounts
 * @n_areas: number of areas
 *
 * Returns: (transfer full): chart data: scores NaN, nothing flagged,
 *   threshold 4
 */
TenureChartScorecardsData *
tenure_chart_scorecards_data_new (guint n_accounts,
                                  guint n_areas)
{
  TenureChartScorecardsData *data = g_new0 (TenureChartScorecardsData, 1);

  data->n_accounts = n_accounts;
  data->n_areas = n_areas;
  data->account_names = _tenure_chart_strv_new (n_accounts);
  data->area_names = _tenure_chart_strv_new (n_areas);
  data->scores = nan_array ((gsize) n_accounts * n_areas);
  data->overall = nan_array (n_accounts);
  data->flagged = g_new0 (gboolean, MAX (n_accounts, 1));
  data->threshold = 4;
  return data;
}

/**
 * tenure_chart_scorecards_data_free:
 * @data: (nullable): chart data
 */
void
tenure_chart_scorecards_data_free (TenureChartScorecardsData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->account_names);
  g_strfreev (data->area_names);
  g_free (data->scores);
  g_free (data->overall);
  g_free (data->flagged);
  g_free (data);
}

static void
card_legend (const TenureChartScorecardsData *data,
             const TenureChartTheme          *theme,
             TenureChartLegendItem           *item,
             char                            *label)
{
  g_autofree char *threshold = tenure_chart_format_number (data->threshold, data->threshold == floor (data->threshold) ? 0 : 1);

  g_snprintf (label, 96, _("Flagged: overall score below %s"), threshold);
  *item = (TenureChartLegendItem) { .label = label, .color = theme ? theme->roles[TENURE_CHART_ROLE_FLAG] : (TenureChartRgba) { 0 } };
}

static void
card_layout (const TenureChartScorecardsData *data,
             double                           width,
             double                           height,
             CardLayout                      *l)
{
  TenureChartLegendItem item;
  char label[96];
  double lh_small = _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
  double lh_label = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL);
  double avail_w, avail_h, gap = 10, w, text_w;
  gboolean any = FALSE;

  card_legend (data, NULL, &item, label);
  _tenure_chart_frame_layout (&l->frame, width, height, TRUE, &item, 1);
  for (gsize i = 0; i < (gsize) data->n_accounts * data->n_areas; i++)
    any = any || isfinite (data->scores[i]);
  for (guint i = 0; i < data->n_accounts; i++)
    any = any || isfinite (data->overall[i]);
  l->empty = data->n_accounts == 0 || !any;

  /* Shaping 200 names per frame is too slow; the few longest by character
   * count stand for all of them. */
  l->name_w = 0;
  {
    gsize longest[3] = { 0, 0, 0 };
    const char *names[3] = { NULL, NULL, NULL };

    for (guint a = 0; a < data->n_accounts; a++)
      {
        gsize len = data->account_names[a] ? strlen (data->account_names[a]) : 0;

        for (guint k = 0; k < 3; k++)
          if (len > longest[k])
            {
              for (guint m = 2; m > k; m--)
                {
                  longest[m] = longest[m - 1];
                  names[m] = names[m - 1];
                }
              longest[k] = len;
              names[k] = data->account_names[a];
              break;
            }
      }
    for (guint k = 0; k < 3; k++)
      if (names[k] != NULL)
        {
          _tenure_chart_measure (TENURE_CHART_FONT_SMALL, names[k], &w, NULL);
          l->name_w = MAX (l->name_w, w);
        }
  }
  l->name_w = MIN (l->name_w + 10, MIN (240, l->frame.body.width * 0.28));
  l->marker_w = 14;
  l->header_h = 2 * lh_label + 6;

  avail_w = l->frame.body.width - l->name_w - l->marker_w - gap;
  avail_h = l->frame.body.height - l->header_h - _tenure_chart_scale_height () - 12;
  l->cell_w = MAX (MIN (avail_w / (data->n_areas + 1), 140), 1);
  l->cell_h = data->n_accounts ? MAX (MIN (avail_h / data->n_accounts, 28), 0.5) : 1;

  l->grid.x = l->frame.body.x + l->name_w + l->marker_w;
  l->grid.y = l->frame.body.y + l->header_h;
  l->grid.width = l->cell_w * data->n_areas;
  l->grid.height = l->cell_h * data->n_accounts;
  l->overall = l->grid;
  l->overall.x = l->grid.x + l->grid.width + gap;
  l->overall.width = l->cell_w;
  l->scale_y = l->grid.y + l->grid.height + 12;

  _tenure_chart_measure (TENURE_CHART_FONT_CELL, "10.0", &text_w, NULL);
  l->label_cells = l->cell_w >= text_w + 6 && l->cell_h >= _tenure_chart_line_height (TENURE_CHART_FONT_CELL) + 1;
  l->row_stride = 1;
  while (l->row_stride * l->cell_h < lh_small && l->row_stride < data->n_accounts)
    l->row_stride++;
}

static void
score_at (const TenureChartTheme *theme,
          double                  t,
          TenureChartRgba        *out)
{
  tenure_chart_theme_score (theme, t * 10, out);
}

/**
 * tenure_chart_scorecards_draw:
 * @data: chart data
 * @cr: where to draw
 * @width: width in logical pixels
 * @height: height in logical pixels
 * @theme: colours
 *
 * Draws accounts × areas as a heat grid of 0–10 scores (vermillion low,
 * blue high), the overall score in its own column, flagged rows marked.
 */
void
tenure_chart_scorecards_draw (const TenureChartScorecardsData *data,
                              cairo_t                         *cr,
                              double                           width,
                              double                           height,
                              const TenureChartTheme          *theme)
{
  g_autoptr(TenureChartPainter) p = NULL;
  g_autofree guint *buckets = NULL;
  g_autofree guint *start = NULL;
  g_autofree guint *order = NULL;
  TenureChartLegendItem item;
  char label[96];
  guint cols = data->n_areas + 1;
  gsize n_cells = (gsize) data->n_accounts * cols;
  double lh_small = _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
  double lh_label = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL);
  CardLayout l;

  g_return_if_fail (data != NULL && cr != NULL && theme != NULL);

  card_layout (data, width, height, &l);
  p = _tenure_chart_painter_new (cr, theme);
  card_legend (data, theme, &item, label);
  cairo_save (cr);
  _tenure_chart_frame_draw (p, &l.frame, _("Account progress scorecards"),
                            _("Area score = mean of its sub-metrics (0\xe2\x80\x93" "10); overall = mean of the area scores"),
                            &item, l.empty ? 0 : 1);
  if (l.empty)
    {
      _tenure_chart_empty_draw (p, &l.frame.body,
                                _("No scores yet: import a scorecard CSV to see each account's progress"));
      cairo_restore (cr);
      return;
    }

  for (guint c = 0; c < cols; c++)
    {
      double x = c < data->n_areas ? l.grid.x + c * l.cell_w : l.overall.x;
      const char *name = c < data->n_areas ? data->area_names[c] : _("Overall");

      _tenure_chart_text_box (p, TENURE_CHART_FONT_LABEL, name, x + 2, l.grid.y - 4 - 2 * lh_label,
                              l.cell_w - 4, 2, PANGO_ALIGN_CENTER,
                              c < data->n_areas ? &theme->foreground : &theme->foreground);
    }
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, _("Account"), l.frame.body.x, l.grid.y - 4, 0, 1,
                      &theme->muted);

  /* Cells bucketed by colour, one fill per bucket, as in the cohort map. */
  buckets = g_new (guint, MAX (n_cells, 1));
  start = g_new0 (guint, N_BUCKETS + 2);
  order = g_new (guint, MAX (n_cells, 1));
  for (gsize i = 0; i < n_cells; i++)
    {
      guint a = i / cols, c = i % cols;
      double v = c < data->n_areas ? data->scores[(gsize) a * data->n_areas + c] : data->overall[a];

      buckets[i] = isfinite (v) ? (guint) CLAMP (round (v * 10), 0, 100) : N_BUCKETS;
      start[buckets[i] + 1]++;
    }
  for (guint b = 0; b <= N_BUCKETS; b++)
    start[b + 1] += b < N_BUCKETS ? start[b] : 0;
  {
    g_autofree guint *fill = g_memdup2 (start, sizeof (guint) * (N_BUCKETS + 2));

    for (gsize i = 0; i < n_cells; i++)
      if (buckets[i] < N_BUCKETS)
        order[fill[buckets[i]]++] = i;
  }
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      TenureChartRgba color;
      double inset = l.cell_h >= 6 ? 0.5 : 0;

      if (start[b] == start[b + 1])
        continue;
      for (guint k = start[b]; k < start[b + 1]; k++)
        {
          guint i = order[k], a = i / cols, c = i % cols;
          double x = c < data->n_areas ? l.grid.x + c * l.cell_w : l.overall.x;

          cairo_rectangle (cr, x + inset, l.grid.y + a * l.cell_h + inset, l.cell_w - 2 * inset, l.cell_h - 2 * inset);
        }
      tenure_chart_theme_score (theme, b / 10.0, &color);
      _tenure_chart_set_color (cr, &color);
      cairo_fill (cr);
    }

  if (l.label_cells)
    for (gsize i = 0; i < n_cells; i++)
      {
        guint a = i / cols, c = i % cols;
        double x = c < data->n_areas ? l.grid.x + c * l.cell_w : l.overall.x;
        double v = c < data->n_areas ? data->scores[(gsize) a * data->n_areas + c] : data->overall[a];
        g_autofree char *text = tenure_chart_format_number (v, 1);
        TenureChartRgba color;

        if (!isfinite (v))
          {
            _tenure_chart_text_cached (p, TENURE_CHART_FONT_CELL, TENURE_CHART_UNDEFINED, x + l.cell_w / 2,
                                       l.grid.y + (a + 0.5) * l.cell_h, 0.5, 0.5, &theme->muted);
            continue;
          }
        tenure_chart_theme_score (theme, buckets[i] / 10.0, &color);
        _tenure_chart_text_cached (p, TENURE_CHART_FONT_CELL, text, x + l.cell_w / 2,
                                   l.grid.y + (a + 0.5) * l.cell_h, 0.5, 0.5,
                                   tenure_chart_theme_text_on (theme, &color));
      }

  /* Flag markers: a dot beside the name, or a bar when rows are thin. */
  _tenure_chart_set_color (cr, &theme->roles[TENURE_CHART_ROLE_FLAG]);
  for (guint a = 0; a < data->n_accounts; a++)
    if (data->flagged[a])
      {
        double cx = l.grid.x - l.marker_w / 2, cy = l.grid.y + (a + 0.5) * l.cell_h;

        if (l.cell_h >= 8)
          cairo_arc (cr, cx, cy, MIN (4, l.cell_h / 3), 0, 2 * G_PI);
        else
          cairo_rectangle (cr, cx - 3, l.grid.y + a * l.cell_h, 6, MAX (l.cell_h, 1));
        cairo_fill (cr);
      }

  for (guint a = 0; a < data->n_accounts; a += l.row_stride)
    {
      double cy = l.row_stride > 1 ? l.grid.y + a * l.cell_h + lh_small / 2 : l.grid.y + (a + 0.5) * l.cell_h;

      _tenure_chart_text_fit (p, TENURE_CHART_FONT_SMALL, data->account_names[a], l.frame.body.x, cy, 0, 0.5,
                              l.name_w - 8, data->flagged[a] ? &theme->roles[TENURE_CHART_ROLE_FLAG] : &theme->foreground);
    }

  _tenure_chart_scale_draw (p, l.grid.x, l.scale_y, MIN (MAX (l.grid.width, 200), 360), score_at,
                            _("Score"), "0", "10");
  cairo_restore (cr);
}

/**
 * tenure_chart_scorecards_lookup:
 * @data: chart data
 * @width: width the chart was drawn at
 * @height: height the chart was drawn at
 * @x: pointer x
 * @y: pointer y
 * @hit: (out caller-allocates): the cell under the pointer
 *
 * Returns: %TRUE if a cell is under the pointer (also one without a score:
 *   its value is NaN)
 */
gboolean
tenure_chart_scorecards_lookup (const TenureChartScorecardsData *data,
                                double                           width,
                                double                           height,
                                double                           x,
                                double                           y,
                                TenureChartHit                  *hit)
{
  CardLayout l;
  guint a, c;
  double cx;

  g_return_val_if_fail (data != NULL && hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  card_layout (data, width, height, &l);
  if (l.empty || y < l.grid.y || y >= l.grid.y + l.grid.height)
    return FALSE;
  if (tenure_chart_rect_contains (&l.grid, x, y))
    {
      c = MIN ((guint) ((x - l.grid.x) / l.cell_w), data->n_areas - 1);
      cx = l.grid.x + c * l.cell_w;
    }
  else if (tenure_chart_rect_contains (&l.overall, x, y))
    {
      c = data->n_areas;
      cx = l.overall.x;
    }
  else
    return FALSE;
  a = MIN ((guint) ((y - l.grid.y) / l.cell_h), data->n_accounts - 1);

  hit->kind = TENURE_CHART_HIT_CELL;
  hit->row = a;
  hit->column = c;
  hit->value = c < data->n_areas ? data->scores[(gsize) a * data->n_areas + c] : data->overall[a];
  hit->value_kind = TENURE_CHART_VALUE_NUMBER;
  hit->label = data->account_names[a];
  hit->series_name = c < data->n_areas ? data->area_names[c] : _("Overall");
  hit->area = (TenureChartRect) { cx, l.grid.y + a * l.cell_h, l.cell_w, l.cell_h };
  return TRUE;
}
