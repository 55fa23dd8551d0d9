/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chart-fixtures.h"

/* Times every chart at 1920 × 1080 on an image surface from large synthetic
 * data: 60 periods, a 60 × 60 cohort triangle, 200 scorecard rows. Prints
 * the median of 50 frames after a warm-up. Not a test: timings depend on the
 * machine. Target: under 8 ms per chart. */

#define WIDTH 1920
#define HEIGHT 1080
#define WARM_UP 5
#define FRAMES 50
#define TARGET_MS 8.0

typedef void (*DrawFunc) (gconstpointer data, cairo_t *cr, double w, double h, const TenureChartTheme *theme);

/* CPU time of this thread: other work on a shared machine does not count,
 * where wall time would. Both are printed. */
static double
thread_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
bench (const char    *name,
       DrawFunc       draw,
       gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  const TenureChartTheme *theme = tenure_chart_theme_get_default (FALSE);
  double times[FRAMES];
  double wall[FRAMES];
  double median;

  for (int i = 0; i < WARM_UP + FRAMES; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double start = thread_ms ();
      gint64 wall_start = g_get_monotonic_time ();

      draw (data, cr, WIDTH, HEIGHT, theme);
      cairo_surface_flush (surface);
      if (i >= WARM_UP)
        {
          times[i - WARM_UP] = thread_ms () - start;
          wall[i - WARM_UP] = (g_get_monotonic_time () - wall_start) / 1000.0;
        }
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  qsort (times, FRAMES, sizeof times[0], compare_doubles);
  qsort (wall, FRAMES, sizeof wall[0], compare_doubles);
  median = (times[FRAMES / 2 - 1] + times[FRAMES / 2]) / 2;
  printf ("%-14s %7.2f ms  (min %5.2f, max %5.2f)  wall %7.2f ms%s\n", name, median, times[0],
          times[FRAMES - 1], (wall[FRAMES / 2 - 1] + wall[FRAMES / 2]) / 2,
          median > TARGET_MS ? "  over target" : "");
  return median;
}

int
main (int argc, char **argv)
{
  g_autoptr(TenureChartLifecycleData) lifecycle = fixture_lifecycle (60);
  g_autoptr(TenureChartTransitionsData) transitions = fixture_transitions ();
  g_autoptr(TenureChartCohortsData) cohorts = fixture_cohorts (60);
  g_autoptr(TenureChartRetentionData) retention = fixture_retention (60);
  g_autoptr(TenureChartQuickRatioData) quick = fixture_quick_ratio (60);
  g_autoptr(TenureChartBridgeData) bridge = fixture_bridge ();
  g_autoptr(TenureChartSegmentsData) segments = fixture_segments ();
  g_autoptr(TenureChartScorecardsData) cards = fixture_scorecards (200);
  g_autoptr(TenureChartFutureValueData) future = fixture_future_value (60);
  g_autoptr(TenureChartSparklineData) spark = fixture_sparkline (60);
  double worst = 0, ms;

  setlocale (LC_ALL, "");
  printf ("chart          CPU ms per frame, median of %d frames at %d x %d\n", FRAMES, WIDTH, HEIGHT);
  ms = bench ("lifecycle", (DrawFunc) tenure_chart_lifecycle_draw, lifecycle);
  worst = MAX (worst, ms);
  ms = bench ("transitions", (DrawFunc) tenure_chart_transitions_draw, transitions);
  worst = MAX (worst, ms);
  ms = bench ("cohorts", (DrawFunc) tenure_chart_cohorts_draw, cohorts);
  worst = MAX (worst, ms);
  ms = bench ("retention", (DrawFunc) tenure_chart_retention_draw, retention);
  worst = MAX (worst, ms);
  ms = bench ("quick-ratio", (DrawFunc) tenure_chart_quick_ratio_draw, quick);
  worst = MAX (worst, ms);
  ms = bench ("bridge", (DrawFunc) tenure_chart_bridge_draw, bridge);
  worst = MAX (worst, ms);
  ms = bench ("segments", (DrawFunc) tenure_chart_segments_draw, segments);
  worst = MAX (worst, ms);
  ms = bench ("scorecards", (DrawFunc) tenure_chart_scorecards_draw, cards);
  worst = MAX (worst, ms);
  ms = bench ("future-value", (DrawFunc) tenure_chart_future_value_draw, future);
  worst = MAX (worst, ms);
  ms = bench ("sparkline", (DrawFunc) tenure_chart_sparkline_draw, spark);
  worst = MAX (worst, ms);
  printf ("slowest        %7.2f ms\n", worst);
  return 0;
}
