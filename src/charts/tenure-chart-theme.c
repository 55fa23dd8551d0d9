/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <math.h>

#include "tenure-chart-theme.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* Okabe & Ito (2008), "Color Universal Design": eight colours that stay
 * distinct under protanopia, deuteranopia and tritanopia. Blue leads because
 * it reads as "the" series; yellow comes late, it is weak on white. */
static const TenureChartTheme light_theme = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .foreground = RGB (0x1e1e1e),
  .muted = RGBA (0x1e1e1e, 0.62),
  .grid = RGBA (0x1e1e1e, 0.10),
  .axis = RGBA (0x1e1e1e, 0.45),
  .series = {
    RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xcc79a7),
    RGB (0x56b4e9), RGB (0xd55e00), RGB (0xc9b800), RGB (0x6b6b6b),
  },
  .roles = {
    [TENURE_CHART_ROLE_NEW] = RGB (0x009e73),
    [TENURE_CHART_ROLE_EXPANSION] = RGB (0x56b4e9),
    [TENURE_CHART_ROLE_REACTIVATION] = RGB (0xcc79a7),
    [TENURE_CHART_ROLE_CONTRACTION] = RGB (0xe69f00),
    [TENURE_CHART_ROLE_CHURN] = RGB (0xd55e00),
    [TENURE_CHART_ROLE_TOTAL] = RGB (0x5e6a78),
    [TENURE_CHART_ROLE_LINE] = RGB (0x0072b2),
    [TENURE_CHART_ROLE_REFERENCE] = RGBA (0x1e1e1e, 0.55),
    [TENURE_CHART_ROLE_FLAG] = RGB (0xd55e00),
  },
  .heat_low = RGB (0xeff5fb),
  .heat_high = RGB (0x08457e),
  .score_low = RGB (0xd55e00),
  .score_mid = RGB (0xf4f1ea),
  .score_high = RGB (0x0072b2),
  .font_family = FONT_FAMILY,
};

/* The same hues, lifted so they keep contrast on libadwaita's dark view. */
static const TenureChartTheme dark_theme = {
  .dark = TRUE,
  .background = RGB (0x1e1e1e),
  .foreground = RGB (0xf5f5f5),
  .muted = RGBA (0xf5f5f5, 0.66),
  .grid = RGBA (0xffffff, 0.11),
  .axis = RGBA (0xffffff, 0.45),
  .series = {
    RGB (0x4aa8e8), RGB (0xf0b22a), RGB (0x2ec79a), RGB (0xe08fbd),
    RGB (0x8fd0f5), RGB (0xf07a2a), RGB (0xf0e442), RGB (0xa8a8a8),
  },
  .roles = {
    [TENURE_CHART_ROLE_NEW] = RGB (0x2ec79a),
    [TENURE_CHART_ROLE_EXPANSION] = RGB (0x8fd0f5),
    [TENURE_CHART_ROLE_REACTIVATION] = RGB (0xe08fbd),
    [TENURE_CHART_ROLE_CONTRACTION] = RGB (0xf0b22a),
    [TENURE_CHART_ROLE_CHURN] = RGB (0xf07a2a),
    [TENURE_CHART_ROLE_TOTAL] = RGB (0x9aa5b1),
    [TENURE_CHART_ROLE_LINE] = RGB (0x4aa8e8),
    [TENURE_CHART_ROLE_REFERENCE] = RGBA (0xffffff, 0.6),
    [TENURE_CHART_ROLE_FLAG] = RGB (0xf07a2a),
  },
  .heat_low = RGB (0x26303b),
  .heat_high = RGB (0x6cb6f0),
  .score_low = RGB (0xe0691a),
  .score_mid = RGB (0x3a3a3a),
  .score_high = RGB (0x3d9be0),
  .font_family = FONT_FAMILY,
};

/**
 * tenure_chart_theme_get_default:
 * @dark: %TRUE for the dark variant
 *
 * Returns: (transfer none): the built-in light or dark theme
 */
const TenureChartTheme *
tenure_chart_theme_get_default (gboolean dark)
{
  return dark ? &dark_theme : &light_theme;
}

/**
 * tenure_chart_theme_copy:
 * @theme: a theme
 *
 * Returns: (transfer full): a copy the caller may change (for example to
 *   follow the desktop accent colour); free with tenure_chart_theme_free()
 */
TenureChartTheme *
tenure_chart_theme_copy (const TenureChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, NULL);

  return g_memdup2 (theme, sizeof *theme);
}

/**
 * tenure_chart_theme_free:
 * @theme: (nullable): a theme from tenure_chart_theme_copy()
 */
void
tenure_chart_theme_free (TenureChartTheme *theme)
{
  g_free (theme);
}

/**
 * tenure_chart_theme_series:
 * @theme: a theme
 * @index: series index; the palette repeats past its end
 * @out: (out caller-allocates): the colour
 */
void
tenure_chart_theme_series (const TenureChartTheme *theme,
                           guint                   index,
                           TenureChartRgba        *out)
{
  g_return_if_fail (theme != NULL && out != NULL);

  *out = theme->series[index % TENURE_CHART_N_SERIES];
}

static void
mix (const TenureChartRgba *a,
     const TenureChartRgba *b,
     double                 t,
     TenureChartRgba       *out)
{
  t = CLAMP (t, 0.0, 1.0);
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

/**
 * tenure_chart_theme_heat:
 * @theme: a theme
 * @t: position on the scale, 0–1 (clamped; NaN gives the low end)
 * @out: (out caller-allocates): the colour
 *
 * A single-hue sequential scale: lightness alone carries the value, which is
 * what survives colour blindness and grey-scale printing.
 */
void
tenure_chart_theme_heat (const TenureChartTheme *theme,
                         double                  t,
                         TenureChartRgba        *out)
{
  g_return_if_fail (theme != NULL && out != NULL);

  if (isnan (t))
    t = 0;
  mix (&theme->heat_low, &theme->heat_high, t, out);
}

/**
 * tenure_chart_theme_score:
 * @theme: a theme
 * @score: a score 0–10
 * @out: (out caller-allocates): the colour
 *
 * A diverging vermillion–neutral–blue scale centred on 5.
 */
void
tenure_chart_theme_score (const TenureChartTheme *theme,
                          double                  score,
                          TenureChartRgba        *out)
{
  g_return_if_fail (theme != NULL && out != NULL);

  if (isnan (score))
    score = 5;
  if (score < 5)
    mix (&theme->score_low, &theme->score_mid, score / 5.0, out);
  else
    mix (&theme->score_mid, &theme->score_high, (score - 5) / 5.0, out);
}

/**
 * tenure_chart_theme_sequence:
 * @theme: a theme
 * @index: position in an ordered list
 * @n: length of the list
 * @out: (out caller-allocates): the colour
 *
 * Colours for ordered categories such as journey stages: the heat scale,
 * kept away from its palest end so every band stands out from the background.
 */
void
tenure_chart_theme_sequence (const TenureChartTheme *theme,
                             guint                   index,
                             guint                   n,
                             TenureChartRgba        *out)
{
  double t;

  g_return_if_fail (theme != NULL && out != NULL);

  t = n > 1 ? (double) index / (n - 1) : 1.0;
  if (theme->dark)
    tenure_chart_theme_heat (theme, 0.22 + 0.78 * t, out);
  else
    tenure_chart_theme_heat (theme, 0.25 + 0.75 * t, out);
}

/**
 * tenure_chart_rgba_luminance:
 * @color: a colour
 *
 * Returns: relative luminance (WCAG 2), 0–1
 */
double
tenure_chart_rgba_luminance (const TenureChartRgba *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/**
 * tenure_chart_theme_text_on:
 * @theme: a theme
 * @fill: an opaque cell colour
 *
 * Returns: (transfer none): near-black or near-white, whichever contrasts
 *   more with @fill
 */
const TenureChartRgba *
tenure_chart_theme_text_on (const TenureChartTheme *theme,
                            const TenureChartRgba  *fill)
{
  static const TenureChartRgba black = RGB (0x1e1e1e);
  static const TenureChartRgba white = RGB (0xffffff);
  double l = tenure_chart_rgba_luminance (fill);

  /* Contrast ratios against white and black cross at L ≈ 0.179. */
  return l > 0.179 ? &black : &white;
}
