/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TenureChartRgba:
 *
 * A colour with components in 0–1, straight (not premultiplied) alpha.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} TenureChartRgba;

/**
 * TenureChartRole:
 *
 * Colours with a meaning. Revenue movements keep the same colour in every
 * chart, so "churn" is always vermillion whatever chart the user looks at.
 */
typedef enum
{
  TENURE_CHART_ROLE_NEW,
  TENURE_CHART_ROLE_EXPANSION,
  TENURE_CHART_ROLE_REACTIVATION,
  TENURE_CHART_ROLE_CONTRACTION,
  TENURE_CHART_ROLE_CHURN,
  TENURE_CHART_ROLE_TOTAL,
  TENURE_CHART_ROLE_LINE,
  TENURE_CHART_ROLE_REFERENCE,
  TENURE_CHART_ROLE_FLAG,
  TENURE_CHART_N_ROLES
} TenureChartRole;

#define TENURE_CHART_N_SERIES 8

/**
 * TenureChartTheme:
 * @dark: whether this is the dark variant
 * @background: chart background (libadwaita view colour)
 * @foreground: text and strong lines
 * @muted: secondary text (subtitles, tick labels)
 * @grid: grid lines
 * @axis: axis base lines
 * @series: categorical palette (Okabe–Ito, safe for the common forms of
 *   colour blindness), in the order series should take it
 * @roles: colours with a fixed meaning, see #TenureChartRole
 * @heat_low: retention and count heat maps: colour of 0
 * @heat_high: retention and count heat maps: colour of the maximum
 * @score_low: score grid: colour of 0 (bad)
 * @score_mid: score grid: colour of 5
 * @score_high: score grid: colour of 10 (good)
 * @font_family: Pango family list, Cantarell first
 *
 * Everything a chart needs to pick colours and fonts. Fonts sizes are fixed
 * in logical pixels (the cairo_t carries the device scale), so that layout
 * does not depend on the theme and hit-testing works without one.
 */
typedef struct
{
  gboolean        dark;
  TenureChartRgba background;
  TenureChartRgba foreground;
  TenureChartRgba muted;
  TenureChartRgba grid;
  TenureChartRgba axis;
  TenureChartRgba series[TENURE_CHART_N_SERIES];
  TenureChartRgba roles[TENURE_CHART_N_ROLES];
  TenureChartRgba heat_low;
  TenureChartRgba heat_high;
  TenureChartRgba score_low;
  TenureChartRgba score_mid;
  TenureChartRgba score_high;
  const char     *font_family;
} TenureChartTheme;

const TenureChartTheme *tenure_chart_theme_get_default (gboolean                dark);
TenureChartTheme       *tenure_chart_theme_copy        (const TenureChartTheme *theme);
void                    tenure_chart_theme_free        (TenureChartTheme       *theme);

void                    tenure_chart_theme_series      (const TenureChartTheme *theme,
                                                        guint                   index,
                                                        TenureChartRgba        *out);
void                    tenure_chart_theme_heat        (const TenureChartTheme *theme,
                                                        double                  t,
                                                        TenureChartRgba        *out);
void                    tenure_chart_theme_score       (const TenureChartTheme *theme,
                                                        double                  score,
                                                        TenureChartRgba        *out);
void                    tenure_chart_theme_sequence    (const TenureChartTheme *theme,
                                                        guint                   index,
                                                        guint                   n,
                                                        TenureChartRgba        *out);
const TenureChartRgba  *tenure_chart_theme_text_on     (const TenureChartTheme *theme,
                                                        const TenureChartRgba  *fill);
double                  tenure_chart_rgba_luminance    (const TenureChartRgba  *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartTheme, tenure_chart_theme_free)

G_END_DECLS
