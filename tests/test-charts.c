/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "chart-fixtures.h"

typedef void     (*DrawFunc)   (gconstpointer data, cairo_t *cr, double w, double h, const TenureChartTheme *theme);
typedef gboolean (*LookupFunc) (gconstpointer data, double w, double h, double x, double y, TenureChartHit *hit);
typedef gboolean (*CheckFunc)  (gconstpointer data, const TenureChartHit *hit);

typedef struct
{
  TenureChartHitKind kind;
  int                a;  /* series (bars, points, steps) or row (cells); -1: any */
  int                b;  /* period (bars, points) or column (cells); -1: any */
} Want;

typedef struct
{
  const char     *name;
  gpointer      (*make) (void);
  gpointer      (*make_empty) (void);
  GDestroyNotify  free;
  DrawFunc        draw;
  LookupFunc      lookup;
  CheckFunc       check;
  double          width;
  double          height;
  const char     *expected[6];
  const char     *empty_text;
  Want            wants[2];
} ChartCase;

static char *tmp_dir;

static gboolean
same (double a,
      double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Fixture makers and hit checks, one set per chart. ---------------------- */

static gpointer make_lifecycle (void) { return fixture_lifecycle (18); }
static gpointer make_lifecycle_empty (void) { return tenure_chart_lifecycle_data_new (0, 6); }
static gboolean
check_lifecycle (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartLifecycleData *d = p;

  if (hit->kind != TENURE_CHART_HIT_BAR || hit->period < 0 || (guint) hit->period >= d->n_periods)
    return FALSE;
  if (g_strcmp0 (hit->label, d->period_labels[hit->period]) != 0)
    return FALSE;
  if ((guint) hit->series < d->n_stages)
    return same (hit->value, d->counts[hit->series * d->n_periods + hit->period]) &&
           g_strcmp0 (hit->series_name, d->stage_names[hit->series]) == 0;
  if ((guint) hit->series == d->n_stages)
    return same (hit->value, d->new_accounts[hit->period]);
  return (guint) hit->series == d->n_stages + 1 && same (hit->value, d->churned_accounts[hit->period]);
}

static gpointer make_transitions (void) { return fixture_transitions (); }
static gpointer make_transitions_empty (void) { return tenure_chart_transitions_data_new (6); }
static gboolean
check_transitions (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartTransitionsData *d = p;
  guint n = d->n_stages + 1;

  return hit->kind == TENURE_CHART_HIT_CELL && hit->row >= 0 && (guint) hit->row < n &&
         hit->column >= 0 && (guint) hit->column < n &&
         same (hit->value, d->counts[hit->row * n + hit->column]) &&
         g_strcmp0 (hit->label, hit->row == 0 ? "New" : d->stage_names[hit->row - 1]) == 0 &&
         g_strcmp0 (hit->series_name, (guint) hit->column == d->n_stages ? "Churned" : d->stage_names[hit->column]) == 0;
}

static gpointer make_cohorts (void) { return fixture_cohorts (12); }
static gpointer make_cohorts_empty (void) { return tenure_chart_cohorts_data_new (0, 0); }
static gboolean
check_cohorts (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartCohortsData *d = p;

  if (hit->kind != TENURE_CHART_HIT_CELL || hit->column < 0 || (guint) hit->column >= d->n_ages)
    return FALSE;
  if ((guint) hit->row < d->n_cohorts)
    return same (hit->value, d->retention[hit->row * d->n_ages + hit->column]) &&
           g_strcmp0 (hit->label, d->cohort_labels[hit->row]) == 0 && isfinite (hit->value);
  return (guint) hit->row == d->n_cohorts && same (hit->value, d->average[hit->column]);
}

static gpointer make_retention (void) { return fixture_retention (18); }
static gpointer make_retention_empty (void) { return tenure_chart_retention_data_new (18, 4); }
static gboolean
check_retention (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartRetentionData *d = p;
  const double *values;

  if (hit->kind != TENURE_CHART_HIT_POINT || hit->period < 0 || (guint) hit->period >= d->n_ages)
    return FALSE;
  if ((guint) hit->series < d->n_curves)
    values = d->curves + hit->series * d->n_ages;
  else if ((guint) hit->series == d->n_curves)
    values = d->average;
  else if ((guint) hit->series == d->n_curves + 1)
    values = d->fitted;
  else if ((guint) hit->series == d->n_curves + 2)
    values = d->kaplan_meier;
  else
    return FALSE;
  return same (hit->value, values[hit->period]) && isfinite (hit->value);
}

static gpointer make_quick_ratio (void) { return fixture_quick_ratio (18); }
static gpointer make_quick_ratio_empty (void) { return tenure_chart_quick_ratio_data_new (12); }
static gboolean
check_quick_ratio (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartQuickRatioData *d = p;
  const gint64 *arrays[] = { d->new_mrr, d->expansion_mrr, d->reactivation_mrr, d->contraction_mrr, d->churn_mrr };

  if (hit->period < 0 || (guint) hit->period >= d->n_periods)
    return FALSE;
  if (hit->kind == TENURE_CHART_HIT_POINT)
    return hit->series == TENURE_CHART_QUICK_RATIO_RATIO && isfinite (d->quick_ratio[hit->period]) &&
           same (hit->value, d->quick_ratio[hit->period]);
  return hit->kind == TENURE_CHART_HIT_BAR && hit->series >= 0 && hit->series < 5 &&
         hit->value > 0 && same (hit->value, (double) arrays[hit->series][hit->period]);
}

static gpointer make_bridge (void) { return fixture_bridge (); }
static gpointer make_bridge_empty (void) { return tenure_chart_bridge_data_new (); }
static gboolean
check_bridge (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartBridgeData *d = p;
  static const double sign[] = { 1, 1, 1, 1, -1, -1, 1 };

  return hit->kind == TENURE_CHART_HIT_STEP && hit->series >= 0 && hit->series < TENURE_CHART_BRIDGE_N_STEPS &&
         same (hit->value, sign[hit->series] * d->amounts[hit->series]);
}

static gpointer make_segments (void) { return fixture_segments (); }
static gpointer make_segments_empty (void) { return tenure_chart_segments_data_new (3); }
static gboolean
check_segments (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartSegmentsData *d = p;
  const double *arrays[] = { d->ltv_cac, d->acv_cac, d->payback_months };

  return hit->kind == TENURE_CHART_HIT_BAR && hit->row >= 0 && (guint) hit->row < d->n_segments &&
         hit->series >= 0 && hit->series < 3 && same (hit->value, arrays[hit->series][hit->row]) &&
         g_strcmp0 (hit->label, d->segment_names[hit->row]) == 0;
}

static gpointer make_scorecards (void) { return fixture_scorecards (12); }
static gpointer make_scorecards_empty (void) { return tenure_chart_scorecards_data_new (0, 5); }
static gboolean
check_scorecards (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartScorecardsData *d = p;

  if (hit->kind != TENURE_CHART_HIT_CELL || hit->row < 0 || (guint) hit->row >= d->n_accounts ||
      hit->column < 0 || (guint) hit->column > d->n_areas)
    return FALSE;
  if (g_strcmp0 (hit->label, d->account_names[hit->row]) != 0)
    return FALSE;
  if ((guint) hit->column == d->n_areas)
    return same (hit->value, d->overall[hit->row]);
  return same (hit->value, d->scores[hit->row * d->n_areas + hit->column]);
}

static gpointer make_future_value (void) { return fixture_future_value (24); }
static gpointer make_future_value_empty (void) { return tenure_chart_future_value_data_new (24); }
static gboolean
check_future_value (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartFutureValueData *d = p;

  return hit->kind == TENURE_CHART_HIT_POINT && hit->period >= 0 && (guint) hit->period < d->n_periods &&
         isfinite (hit->value) && same (hit->value, d->value[hit->period]);
}

static gpointer make_sparkline (void) { return fixture_sparkline (24); }
static gpointer make_sparkline_empty (void) { return tenure_chart_sparkline_data_new (0); }
static gboolean
check_sparkline (gconstpointer p, const TenureChartHit *hit)
{
  const TenureChartSparklineData *d = p;

  return hit->kind == TENURE_CHART_HIT_POINT && hit->period >= 0 && (guint) hit->period < d->n_values &&
         same (hit->value, d->values[hit->period]);
}

#define CASE_FUNCS(name, prefix) \
  make_##prefix, make_##prefix##_empty, (GDestroyNotify) tenure_chart_##prefix##_data_free, \
  (DrawFunc) tenure_chart_##prefix##_draw, (LookupFunc) tenure_chart_##prefix##_lookup, check_##prefix

static const ChartCase cases[] = {
  { "lifecycle", CASE_FUNCS (lifecycle, lifecycle), 900, 520,
    { "Lifecycle progression", "Active accounts per journey stage", "Strategic Partner", "Feb 2026", "150" },
    "import a subscriptions or deals CSV",
    { { TENURE_CHART_HIT_BAR, 2, 10 }, { TENURE_CHART_HIT_BAR, 7, 5 } } },
  { "transitions", CASE_FUNCS (transitions, transitions), 900, 560,
    { "Stage transitions, Jun 2025", "Onboarding", "Churned", "14" },
    "No stage moves in this period",
    { { TENURE_CHART_HIT_CELL, 0, 0 }, { TENURE_CHART_HIT_CELL, 1, 6 } } },
  { "cohorts", CASE_FUNCS (cohorts, cohorts), 1000, 560,
    { "Logo retention by cohort", "Jan 2024", "Average", "100%", "Months since origination" },
    "No cohorts yet: import a subscriptions CSV",
    { { TENURE_CHART_HIT_CELL, 3, 2 }, { TENURE_CHART_HIT_CELL, 12, 11 } } },
  { "retention", CASE_FUNCS (retention, retention), 900, 520,
    { "Logo retention curves", "Weighted average", "Fitted sBG model", "Kaplan", "80%" },
    "No cohorts yet",
    { { TENURE_CHART_HIT_POINT, 18, -1 }, { TENURE_CHART_HIT_POINT, 19, -1 } } },
  { "quick-ratio", CASE_FUNCS (quick_ratio, quick_ratio), 1000, 540,
    { "MRR movements and quick ratio", "Quick ratio = (new + expansion) / (churn + contraction)",
      "Benchmark 4", "$20k", "Feb 2026" },
    "No subscriptions yet: import a subscriptions CSV to see MRR movements",
    { { TENURE_CHART_HIT_POINT, TENURE_CHART_QUICK_RATIO_RATIO, -1 }, { TENURE_CHART_HIT_BAR, TENURE_CHART_QUICK_RATIO_CHURN, 5 } } },
  { "bridge", CASE_FUNCS (bridge, bridge), 900, 520,
    { "MRR bridge, Jun 2025", "Opening MRR", "Closing MRR", "+$13.2k", "$125k" },
    "No subscriptions yet",
    { { TENURE_CHART_HIT_STEP, TENURE_CHART_BRIDGE_OPENING, -1 }, { TENURE_CHART_HIT_STEP, TENURE_CHART_BRIDGE_CHURN, -1 } } },
  { "segments", CASE_FUNCS (segments, segments), 900, 520,
    { "Segment economics", "Enterprise", "5.8\xc3\x97", "Payback 14.5 months", "3\xc3\x97 reference" },
    "import a funnel CSV",
    { { TENURE_CHART_HIT_BAR, 0, -1 }, { TENURE_CHART_HIT_BAR, 2, -1 } } },
  { "scorecards", CASE_FUNCS (scorecards, scorecards), 900, 560,
    { "Account progress scorecards", "Acme Logistics", "Overall", "Flagged: overall score below 4", "Generate ROI" },
    "No scores yet: import a scorecard CSV",
    { { TENURE_CHART_HIT_CELL, 0, 5 }, { TENURE_CHART_HIT_CELL, 3, 4 } } },
  { "future-value", CASE_FUNCS (future_value, future_value), 900, 480,
    { "Future account value", "sBG survival model", "\xe2\x82\xac" "2M", "No estimate" },
    "No forecast yet",
    { { TENURE_CHART_HIT_POINT, 0, 10 }, { TENURE_CHART_HIT_POINT, 0, 23 } } },
  { "sparkline", CASE_FUNCS (sparkline, sparkline), 160, 40,
    { NULL },
    "No data",
    { { TENURE_CHART_HIT_POINT, 0, 0 }, { TENURE_CHART_HIT_POINT, 0, 23 } } },
};

/* Helpers --------------------------------------------------------------- */

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
render_pdf (const ChartCase *c,
            gconstpointer    data,
            const char      *tag,
            gboolean         dark)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%s-%s.pdf", tmp_dir, c->name, tag, dark ? "dark" : "light");
  cairo_surface_t *s = cairo_pdf_surface_create (path, c->width, c->height);
  cairo_t *cr = cairo_create (s);

  c->draw (data, cr, c->width, c->height, tenure_chart_theme_get_default (dark));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  return g_steal_pointer (&path);
}

/* Counts pixels unlike the background and distinct colours (quantized): a
 * chart is neither blank nor a single flat fill. */
static void
png_variety (cairo_surface_t        *s,
             const TenureChartTheme *theme,
             double                 *ink,
             guint                  *colours)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guchar *px = cairo_image_surface_get_data (s);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint32 bg = 0xff000000u | ((guint32) round (theme->background.red * 255) << 16) |
               ((guint32) round (theme->background.green * 255) << 8) | (guint32) round (theme->background.blue * 255);
  gsize inked = 0;

  cairo_surface_flush (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v = *(const guint32 *) (px + y * stride + x * 4);

        if (v != bg)
          inked++;
        g_hash_table_add (seen, GUINT_TO_POINTER ((v & 0xf0f0f0) | 1));
      }
  *ink = (double) inked / (w * h);
  *colours = g_hash_table_size (seen);
}

static gboolean
hit_matches (const TenureChartHit *hit,
             const Want           *want)
{
  int a, b;

  if (hit->kind != want->kind)
    return FALSE;
  a = hit->kind == TENURE_CHART_HIT_CELL ? hit->row : hit->series;
  b = hit->kind == TENURE_CHART_HIT_CELL ? hit->column : hit->period;
  return (want->a < 0 || want->a == a) && (want->b < 0 || want->b == b || hit->kind == TENURE_CHART_HIT_STEP);
}

/* Tests ----------------------------------------------------------------- */

static void
test_render (gconstpointer user_data)
{
  const ChartCase *c = user_data;
  gpointer data = c->make ();

  for (int dark = 0; dark < 2; dark++)
    {
      const TenureChartTheme *theme = tenure_chart_theme_get_default (dark);
      g_autofree char *pdf = render_pdf (c, data, "data", dark);
      g_autofree char *svg = g_strdup_printf ("%s/%s-%s.svg", tmp_dir, c->name, dark ? "dark" : "light");
      g_autofree char *svg_text = NULL;
      g_autofree char *text = NULL;
      cairo_surface_t *s;
      cairo_t *cr;

      for (int scale = 1; scale <= 2; scale++)
        {
          g_autofree char *png = g_strdup_printf ("%s/%s-%s@%dx.png", tmp_dir, c->name, dark ? "dark" : "light", scale);
          double ink;
          guint colours;

          s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, c->width * scale, c->height * scale);
          cr = cairo_create (s);
          /* Sparklines have no background of their own: give them one. */
          cairo_set_source_rgb (cr, theme->background.red, theme->background.green, theme->background.blue);
          cairo_paint (cr);
          cairo_scale (cr, scale, scale);
          c->draw (data, cr, c->width, c->height, theme);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          png_variety (s, theme, &ink, &colours);
          g_test_message ("%s %s %dx: %.1f%% ink, %u colours", c->name, dark ? "dark" : "light", scale, ink * 100, colours);
          g_assert_cmpfloat (ink, >, 0.03);
          g_assert_cmpuint (colours, >=, 8);
          g_assert_cmpint (cairo_surface_write_to_png (s, png), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (s);
        }

      s = cairo_svg_surface_create (svg, c->width, c->height);
      cr = cairo_create (s);
      c->draw (data, cr, c->width, c->height, theme);
      cairo_destroy (cr);
      cairo_surface_finish (s);
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (s);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      g_assert_nonnull (strstr (svg_text, "<path") ? "path" : strstr (svg_text, "<rect"));

      /* Both themes lay out the same text: extracting it once is enough. */
      if (dark)
        continue;
      text = pdf_text (pdf);
      if (text == NULL)
        {
          g_test_skip ("pdftotext is not available");
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (c->expected) && c->expected[i]; i++)
        if (strstr (text, c->expected[i]) == NULL)
          g_error ("%s: \"%s\" not in the PDF text:\n%s", c->name, c->expected[i], text);
      g_assert_null (strstr (text, c->empty_text));
    }
  c->free (data);
}

static void
test_empty (gconstpointer user_data)
{
  const ChartCase *c = user_data;
  gpointer data = c->make_empty ();
  g_autofree char *pdf = render_pdf (c, data, "empty", FALSE);
  g_autofree char *text = pdf_text (pdf);
  TenureChartHit hit;

  if (text == NULL)
    g_test_skip ("pdftotext is not available");
  else
    {
      /* pdftotext wraps lines as the layout does: compare without newlines. */
      g_strdelimit (text, "\n", ' ');
      if (strstr (text, c->empty_text) == NULL)
        g_error ("%s: empty state \"%s\" not in:\n%s", c->name, c->empty_text, text);
    }
  for (double x = 0; x < c->width; x += c->width / 7)
    for (double y = 0; y < c->height; y += c->height / 7)
      g_assert_false (c->lookup (data, c->width, c->height, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, TENURE_CHART_HIT_NONE);
  c->free (data);
}

static void
test_lookup (gconstpointer user_data)
{
  const ChartCase *c = user_data;
  gpointer data = c->make ();
  gboolean found[2] = { FALSE, FALSE };
  guint hits = 0, misses = 0;
  double step = c->width < 400 ? 1 : 10;
  TenureChartHit hit;

  /* Nothing answers in the title corner. */
  if (c->width > 400)
    g_assert_false (c->lookup (data, c->width, c->height, 3, 3, &hit));

  for (double y = 0.5; y < c->height; y += step)
    for (double x = 0.5; x < c->width; x += step)
      {
        TenureChartHit again;

        if (!c->lookup (data, c->width, c->height, x, y, &hit))
          {
            misses++;
            continue;
          }
        hits++;
        if (!c->check (data, &hit))
          g_error ("%s: hit at %.1f,%.1f (series %d period %d row %d column %d value %g) does not match the data",
                   c->name, x, y, hit.series, hit.period, hit.row, hit.column, hit.value);
        for (guint k = 0; k < 2; k++)
          found[k] = found[k] || hit_matches (&hit, &c->wants[k]);

        /* The centre of the datum's area is the same datum. */
        if (hit.area.width >= 2 && hit.area.height >= 2)
          {
            g_assert_true (c->lookup (data, c->width, c->height, hit.area.x + hit.area.width / 2,
                                      hit.area.y + hit.area.height / 2, &again));
            /* A line point drawn over a bar wins there, by design. */
            if (again.kind == TENURE_CHART_HIT_POINT && hit.kind != TENURE_CHART_HIT_POINT)
              continue;
            g_assert_cmpint (again.kind, ==, hit.kind);
            g_assert_cmpint (again.series, ==, hit.series);
            g_assert_cmpint (again.period, ==, hit.period);
            g_assert_cmpint (again.row, ==, hit.row);
            g_assert_cmpint (again.column, ==, hit.column);
          }
      }
  g_test_message ("%s: %u hits, %u misses", c->name, hits, misses);
  g_assert_cmpuint (hits, >, 0);
  if (c->width > 400)
    g_assert_cmpuint (misses, >, 0);
  g_assert_true (found[0]);
  g_assert_true (found[1]);
  c->free (data);
}

static void
test_quick_ratio_gap (void)
{
  g_autoptr(TenureChartQuickRatioData) d = fixture_quick_ratio (18);
  TenureChartHit hit;

  /* Period 3 has an undefined ratio and no movements: nothing to hit there,
   * while its neighbours answer. */
  g_assert_true (isnan (d->quick_ratio[3]));
  for (double y = 0; y < 540; y += 5)
    for (double x = 0; x < 1000; x += 5)
      if (tenure_chart_quick_ratio_lookup (d, 1000, 540, x, y, &hit))
        {
          g_assert_cmpint (hit.period, !=, 3);
          if (hit.series == TENURE_CHART_QUICK_RATIO_RATIO)
            g_assert_true (isfinite (hit.value));
        }
}

static void
test_quick_ratio_definition (void)
{
  g_autoptr(TenureChartQuickRatioData) d = fixture_quick_ratio (12);
  const ChartCase *c = &cases[4];
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  d->reactivation_in_ratio = TRUE;
  d->benchmark = 3;
  pdf = render_pdf (c, d, "reactivation", FALSE);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not available");
      return;
    }
  g_assert_nonnull (strstr (text, "(new + expansion + reactivation) / (churn + contraction)"));
  g_assert_nonnull (strstr (text, "Benchmark 3"));
}

static void
test_cohorts_large (void)
{
  g_autoptr(TenureChartCohortsData) d = fixture_cohorts (60);
  ChartCase c = cases[2];
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint percents = 0;
  TenureChartHit hit;

  c.width = 1920;
  c.height = 1080;
  pdf = render_pdf (&c, d, "large", FALSE);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not available");
      return;
    }
  /* Cells too small for their text stay unlabelled: only the scale's two
   * ends carry a percent sign. Every cohort still answers a lookup. */
  for (const char *s = text; (s = strchr (s, '%')) != NULL; s++)
    percents++;
  g_assert_cmpuint (percents, ==, 2);
  g_assert_nonnull (strstr (text, "Dec 2024"));
  g_assert_true (tenure_chart_cohorts_lookup (d, 1920, 1080, 1919 - 30, 100, &hit) ||
                 tenure_chart_cohorts_lookup (d, 1920, 1080, 300, 100, &hit));
  g_assert_cmpint (hit.kind, ==, TENURE_CHART_HIT_CELL);
}

static void
test_locale_de (void)
{
  g_autoptr(TenureChartBridgeData) d = fixture_bridge ();
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 is not installed");
      return;
    }
  pdf = render_pdf (&cases[5], d, "de", FALSE);
  setlocale (LC_ALL, "C.UTF-8");
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not available");
      return;
    }
  /* Decimal comma and the symbol after the number. */
  g_assert_nonnull (strstr (text, "+13,2k"));
  g_assert_null (strstr (text, "13.2k"));
}


static void
test_tiny (gconstpointer user_data)
{
  const ChartCase *c = user_data;
  gpointer data = c->make ();
  static const double sizes[][2] = { { 0, 0 }, { 1, 1 }, { 40, 30 }, { 120, 60 }, { 3000, 80 } };

  /* A widget being resized passes any size: nothing may crash or leave
   * cairo in an error state. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (sizes[i][0], 1), MAX (sizes[i][1], 1));
      cairo_t *cr = cairo_create (s);
      TenureChartHit hit;

      c->draw (data, cr, sizes[i][0], sizes[i][1], tenure_chart_theme_get_default (i % 2));
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      for (double x = 0; x < sizes[i][0]; x += MAX (sizes[i][0] / 9, 1))
        for (double y = 0; y < sizes[i][1]; y += MAX (sizes[i][1] / 5, 1))
          if (c->lookup (data, sizes[i][0], sizes[i][1], x, y, &hit))
            g_assert_true (c->check (data, &hit));
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  c->free (data);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *s = text; (s = strstr (s, needle)) != NULL; s += strlen (needle))
    n++;
  return n;
}

static void
test_period_axis (void)
{
  g_autoptr(TenureChartLifecycleData) months = fixture_lifecycle (60);
  g_autoptr(TenureChartLifecycleData) quarters = fixture_lifecycle (12);
  g_autofree char *months_pdf = NULL;
  g_autofree char *quarters_pdf = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *quarters_text = NULL;
  guint shown = 0;

  for (guint i = 0; i < quarters->n_periods; i++)
    {
      g_free (quarters->period_labels[i]);
      quarters->period_labels[i] = tenure_chart_format_quarter (2023 + i / 4, 1 + i % 4, FALSE);
    }
  months_pdf = render_pdf (&cases[0], months, "months", FALSE);
  quarters_pdf = render_pdf (&cases[0], quarters, "quarters", FALSE);
  months_text = pdf_text (months_pdf);
  quarters_text = pdf_text (quarters_pdf);
  if (months_text == NULL || quarters_text == NULL)
    {
      g_test_skip ("pdftotext is not available");
      return;
    }

  /* Sixty months in 900 pixels: thinned to a stride that divides a year,
   * counted back from the latest month, which is always labelled. */
  for (guint i = 0; i < months->n_periods; i++)
    if (strstr (months_text, months->period_labels[i]) != NULL)
      {
        shown++;
        g_assert_cmpuint ((months->n_periods - 1 - i) % 6, ==, 0);
      }
  g_assert_nonnull (strstr (months_text, months->period_labels[59]));
  g_assert_cmpuint (shown, >=, 6);
  g_assert_cmpuint (shown, <=, 12);

  /* Twelve quarters fit: every one is labelled, once. */
  for (guint i = 0; i < quarters->n_periods; i++)
    g_assert_cmpuint (count_occurrences (quarters_text, quarters->period_labels[i]), ==, 1);
}

static void
test_hit_format (void)
{
  TenureChartHit hit;
  g_autofree char *money = NULL;
  g_autofree char *pct = NULL;
  g_autofree char *undefined = NULL;

  tenure_chart_hit_init (&hit);
  g_assert_cmpint (hit.period, ==, -1);
  g_assert_true (isnan (hit.value));
  undefined = tenure_chart_hit_format (&hit, NULL);
  g_assert_cmpstr (undefined, ==, TENURE_CHART_UNDEFINED);
  hit.value = 1234500;
  hit.value_kind = TENURE_CHART_VALUE_MONEY;
  money = tenure_chart_hit_format (&hit, "USD");
  g_assert_cmpstr (money, ==, "$12,345");
  hit.value = 0.875;
  hit.value_kind = TENURE_CHART_VALUE_PERCENT;
  pct = tenure_chart_hit_format (&hit, NULL);
  g_assert_cmpstr (pct, ==, "87.5%");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("tenure-charts-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *render = g_strdup_printf ("/charts/%s/render", cases[i].name);
      g_autofree char *lookup = g_strdup_printf ("/charts/%s/lookup", cases[i].name);
      g_autofree char *empty = g_strdup_printf ("/charts/%s/empty", cases[i].name);
      g_autofree char *tiny = g_strdup_printf ("/charts/%s/tiny", cases[i].name);

      g_test_add_data_func (render, &cases[i], test_render);
      g_test_add_data_func (lookup, &cases[i], test_lookup);
      g_test_add_data_func (empty, &cases[i], test_empty);
      g_test_add_data_func (tiny, &cases[i], test_tiny);
    }
  g_test_add_func ("/charts/quick-ratio/gap", test_quick_ratio_gap);
  g_test_add_func ("/charts/quick-ratio/definition", test_quick_ratio_definition);
  g_test_add_func ("/charts/cohorts/large", test_cohorts_large);
  g_test_add_func ("/charts/locale-de", test_locale_de);
  g_test_add_func ("/charts/hit-format", test_hit_format);
  g_test_add_func ("/charts/period-axis", test_period_axis);

  ret = g_test_run ();

  /* Keep the output for a person to look at with TENURE_KEEP_CHARTS=1. */
  if (g_getenv ("TENURE_KEEP_CHARTS") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  else
    g_printerr ("# charts kept in %s\n", tmp_dir);
  g_free (tmp_dir);
  return ret;
}
