/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <locale.h>

#include "chart-fixtures.h"

/* Renders every chart from the fixtures to PNG, light and dark, at 1× and
 * 2×, into the folder given on the command line: for looking at them. */

typedef void (*DrawFunc) (gconstpointer data, cairo_t *cr, double w, double h, const TenureChartTheme *theme);

static void
render (const char    *dir,
        const char    *name,
        DrawFunc       draw,
        gconstpointer  data,
        double         w,
        double         h)
{
  for (int dark = 0; dark < 2; dark++)
    for (int scale = 1; scale <= 2; scale++)
      {
        cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
        cairo_t *cr = cairo_create (s);
        g_autofree char *file = g_strdup_printf ("%s/%s-%s%s.png", dir, name, dark ? "dark" : "light",
                                                 scale == 2 ? "@2x" : "");

        cairo_scale (cr, scale, scale);
        draw (data, cr, w, h, tenure_chart_theme_get_default (dark));
        cairo_destroy (cr);
        cairo_surface_write_to_png (s, file);
        cairo_surface_destroy (s);
      }
}

int
main (int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : ".";
  g_autoptr(TenureChartLifecycleData) lifecycle = fixture_lifecycle (18);
  g_autoptr(TenureChartLifecycleData) lifecycle60 = fixture_lifecycle (60);
  g_autoptr(TenureChartTransitionsData) transitions = fixture_transitions ();
  g_autoptr(TenureChartCohortsData) cohorts = fixture_cohorts (12);
  g_autoptr(TenureChartCohortsData) cohorts60 = fixture_cohorts (60);
  g_autoptr(TenureChartLifecycleData) lifecycle0 = tenure_chart_lifecycle_data_new (0, 0);
  g_autoptr(TenureChartRetentionData) retention = fixture_retention (18);
  g_autoptr(TenureChartQuickRatioData) quick = fixture_quick_ratio (18);
  g_autoptr(TenureChartQuickRatioData) quick60 = fixture_quick_ratio (60);
  g_autoptr(TenureChartBridgeData) bridge = fixture_bridge ();
  g_autoptr(TenureChartSegmentsData) segments = fixture_segments ();
  g_autoptr(TenureChartScorecardsData) cards = fixture_scorecards (12);
  g_autoptr(TenureChartScorecardsData) cards200 = fixture_scorecards (200);
  g_autoptr(TenureChartFutureValueData) future = fixture_future_value (24);
  g_autoptr(TenureChartSparklineData) spark = fixture_sparkline (24);

  setlocale (LC_ALL, "");
  g_mkdir_with_parents (dir, 0755);
  render (dir, "lifecycle", (DrawFunc) tenure_chart_lifecycle_draw, lifecycle, 900, 520);
  render (dir, "lifecycle-60", (DrawFunc) tenure_chart_lifecycle_draw, lifecycle60, 1920, 1080);
  render (dir, "lifecycle-empty", (DrawFunc) tenure_chart_lifecycle_draw, lifecycle0, 900, 520);
  render (dir, "transitions", (DrawFunc) tenure_chart_transitions_draw, transitions, 900, 560);
  render (dir, "cohorts", (DrawFunc) tenure_chart_cohorts_draw, cohorts, 1000, 560);
  render (dir, "cohorts-60", (DrawFunc) tenure_chart_cohorts_draw, cohorts60, 1920, 1080);
  render (dir, "retention", (DrawFunc) tenure_chart_retention_draw, retention, 900, 520);
  render (dir, "quick-ratio", (DrawFunc) tenure_chart_quick_ratio_draw, quick, 1000, 540);
  render (dir, "quick-ratio-60", (DrawFunc) tenure_chart_quick_ratio_draw, quick60, 1920, 1080);
  render (dir, "bridge", (DrawFunc) tenure_chart_bridge_draw, bridge, 900, 520);
  render (dir, "segments", (DrawFunc) tenure_chart_segments_draw, segments, 900, 520);
  render (dir, "scorecards", (DrawFunc) tenure_chart_scorecards_draw, cards, 900, 560);
  render (dir, "scorecards-200", (DrawFunc) tenure_chart_scorecards_draw, cards200, 1920, 1080);
  render (dir, "future-value", (DrawFunc) tenure_chart_future_value_draw, future, 900, 480);
  render (dir, "sparkline", (DrawFunc) tenure_chart_sparkline_draw, spark, 160, 40);
  return 0;
}
