/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-chart-private.h"

/* Logical pixel sizes: legible on a laptop at 1× and crisp at 2×, where the
 * cairo_t carries the device scale. */
static const struct
{
  double   size;
  gboolean bold;
} font_specs[TENURE_CHART_N_FONTS] = {
  [TENURE_CHART_FONT_TITLE] = { 18, TRUE },
  [TENURE_CHART_FONT_SUBTITLE] = { 12.5, FALSE },
  [TENURE_CHART_FONT_LABEL] = { 12, FALSE },
  [TENURE_CHART_FONT_SMALL] = { 11, FALSE },
  [TENURE_CHART_FONT_CELL] = { 11, FALSE },
  [TENURE_CHART_FONT_EMPTY] = { 15, FALSE },
};

static PangoFontDescription *font_descs[TENURE_CHART_N_FONTS];
static PangoAttrList *tabular_attrs;

static void
ensure_fonts (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *family = tenure_chart_theme_get_default (FALSE)->font_family;

      for (guint i = 0; i < TENURE_CHART_N_FONTS; i++)
        {
          PangoFontDescription *desc = pango_font_description_from_string (family);

          pango_font_description_set_absolute_size (desc, font_specs[i].size * PANGO_SCALE);
          pango_font_description_set_weight (desc, font_specs[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
          font_descs[i] = desc;
        }
      /* Tabular figures keep columns of numbers aligned. */
      tabular_attrs = pango_attr_list_new ();
      pango_attr_list_insert (tabular_attrs, pango_attr_font_features_new ("tnum=1"));
      g_once_init_leave (&initialized, 1);
    }
}

/* Metrics hinting off: text measures the same on an image, a PDF or a
 * scaled screen surface, so layout is identical everywhere. */
static void
configure_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

static PangoLayout *
new_layout (PangoContext    *context,
            TenureChartFont  font)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font_descs[font]);
  if (font != TENURE_CHART_FONT_TITLE && font != TENURE_CHART_FONT_EMPTY)
    pango_layout_set_attributes (layout, tabular_attrs);
  return layout;
}

/* Measuring happens without a cairo_t (lookup has none), on a context of the
 * thread's default font map. */
typedef struct
{
  PangoContext *context;
  PangoLayout  *layouts[TENURE_CHART_N_FONTS];
  double        line_height[TENURE_CHART_N_FONTS];
  /* text → size: lookup recomputes the layout on every pointer motion, and
   * the same tick labels and names come back each time. */
  GHashTable   *sizes[TENURE_CHART_N_FONTS];
} MeasureState;

#define MAX_CACHED_SIZES 4096

static void
measure_state_free (gpointer data)
{
  MeasureState *state = data;

  for (guint i = 0; i < TENURE_CHART_N_FONTS; i++)
    {
      g_clear_object (&state->layouts[i]);
      g_clear_pointer (&state->sizes[i], g_hash_table_unref);
    }
  g_clear_object (&state->context);
  g_free (state);
}

static GPrivate measure_private = G_PRIVATE_INIT (measure_state_free);

static MeasureState *
get_measure_state (void)
{
  MeasureState *state = g_private_get (&measure_private);

  if (state == NULL)
    {
      ensure_fonts ();
      state = g_new0 (MeasureState, 1);
      state->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      configure_context (state->context);
      for (guint i = 0; i < TENURE_CHART_N_FONTS; i++)
        {
          int h;

          state->layouts[i] = new_layout (state->context, i);
          state->sizes[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          pango_layout_set_text (state->layouts[i], "Ag", -1);
          pango_layout_get_size (state->layouts[i], NULL, &h);
          state->line_height[i] = (double) h / PANGO_SCALE;
        }
      g_private_set (&measure_private, state);
    }
  return state;
}

void
_tenure_chart_measure (TenureChartFont  font,
                       const char      *text,
                       double          *width,
                       double          *height)
{
  MeasureState *state = get_measure_state ();
  double *size;
  int w, h;

  if (text == NULL)
    text = "";
  size = g_hash_table_lookup (state->sizes[font], text);
  if (size == NULL)
    {
      pango_layout_set_text (state->layouts[font], text, -1);
      pango_layout_get_size (state->layouts[font], &w, &h);
      if (g_hash_table_size (state->sizes[font]) >= MAX_CACHED_SIZES)
        g_hash_table_remove_all (state->sizes[font]);
      size = g_new (double, 2);
      size[0] = (double) w / PANGO_SCALE;
      size[1] = (double) h / PANGO_SCALE;
      g_hash_table_insert (state->sizes[font], g_strdup (text), size);
    }
  if (width)
    *width = size[0];
  if (height)
    *height = size[1];
}

double
_tenure_chart_line_height (TenureChartFont font)
{
  return get_measure_state ()->line_height[font];
}

TenureChartPainter *
_tenure_chart_painter_new (cairo_t                *cr,
                           const TenureChartTheme *theme)
{
  TenureChartPainter *p = g_new0 (TenureChartPainter, 1);

  ensure_fonts ();
  p->cr = cr;
  p->theme = theme;
  p->context = pango_cairo_create_context (cr);
  configure_context (p->context);
  for (guint i = 0; i < TENURE_CHART_N_FONTS; i++)
    p->layouts[i] = new_layout (p->context, i);
  return p;
}

void
_tenure_chart_painter_free (TenureChartPainter *p)
{
  for (guint i = 0; i < TENURE_CHART_N_FONTS; i++)
    {
      g_clear_object (&p->layouts[i]);
      g_clear_pointer (&p->cache[i], g_hash_table_unref);
    }
  g_clear_object (&p->context);
  g_free (p);
}

void
_tenure_chart_set_color (cairo_t               *cr,
                         const TenureChartRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_layout (TenureChartPainter    *p,
             PangoLayout           *layout,
             double                 x,
             double                 y,
             double                 xalign,
             double                 yalign,
             const TenureChartRgba *color)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (p->cr,
                 x - xalign * w / PANGO_SCALE,
                 y - yalign * h / PANGO_SCALE);
  _tenure_chart_set_color (p->cr, color);
  pango_cairo_show_layout (p->cr, layout);
}

void
_tenure_chart_text (TenureChartPainter    *p,
                    TenureChartFont        font,
                    const char            *text,
                    double                 x,
                    double                 y,
                    double                 xalign,
                    double                 yalign,
                    const TenureChartRgba *color)
{
  if (text == NULL || *text == '\0')
    return;
  pango_layout_set_text (p->layouts[font], text, -1);
  show_layout (p, p->layouts[font], x, y, xalign, yalign, color);
}

/* Shaping is the expensive part of text; a heat map repeats the same few
 * dozen strings hundreds of times, so each is shaped once per draw. */
void
_tenure_chart_text_cached (TenureChartPainter    *p,
                           TenureChartFont        font,
                           const char            *text,
                           double                 x,
                           double                 y,
                           double                 xalign,
                           double                 yalign,
                           const TenureChartRgba *color)
{
  PangoLayout *layout;

  if (text == NULL || *text == '\0')
    return;
  if (p->cache[font] == NULL)
    p->cache[font] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (p->cache[font], text);
  if (layout == NULL)
    {
      layout = new_layout (p->context, font);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (p->cache[font], g_strdup (text), layout);
    }
  show_layout (p, layout, x, y, xalign, yalign, color);
}

void
_tenure_chart_text_fit (TenureChartPainter    *p,
                        TenureChartFont        font,
                        const char            *text,
                        double                 x,
                        double                 y,
                        double                 xalign,
                        double                 yalign,
                        double                 max_width,
                        const TenureChartRgba *color)
{
  PangoLayout *layout = p->layouts[font];

  if (text == NULL || *text == '\0' || max_width < 8)
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (xalign > 0.75)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  else if (xalign > 0.25)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  show_layout (p, layout, x - xalign * max_width, y, 0, yalign, color);
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
}

#define SWATCH 11.0
#define LEGEND_SPACING 18.0

void
_tenure_chart_frame_layout (TenureChartFrame            *frame,
                            double                       width,
                            double                       height,
                            gboolean                     has_subtitle,
                            const TenureChartLegendItem *legend,
                            guint                        n_legend)
{
  double y = TENURE_CHART_PAD;
  double x = TENURE_CHART_PAD;
  double legend_h = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 4;

  memset (frame, 0, sizeof *frame);
  frame->width = width;
  frame->height = height;
  frame->title_y = y;
  y += _tenure_chart_line_height (TENURE_CHART_FONT_TITLE);
  if (has_subtitle)
    {
      frame->subtitle_y = y + 2;
      y += 2 + _tenure_chart_line_height (TENURE_CHART_FONT_SUBTITLE);
    }

  n_legend = MIN (n_legend, TENURE_CHART_MAX_LEGEND);
  if (n_legend > 0)
    {
      y += 8;
      frame->legend_y = y;
      frame->legend_rows = 1;
      for (guint i = 0; i < n_legend; i++)
        {
          double w;

          _tenure_chart_measure (TENURE_CHART_FONT_LABEL, legend[i].label, &w, NULL);
          w += (legend[i].line ? 2 * SWATCH : SWATCH) + 6;
          if (x > TENURE_CHART_PAD && x + w > width - TENURE_CHART_PAD)
            {
              x = TENURE_CHART_PAD;
              frame->legend_rows++;
            }
          frame->legend_x[i] = x;
          frame->legend_row[i] = frame->legend_rows - 1;
          x += w + LEGEND_SPACING;
        }
      y += frame->legend_rows * legend_h;
    }

  y += 10;
  frame->body.x = TENURE_CHART_PAD;
  frame->body.y = y;
  frame->body.width = MAX (width - 2 * TENURE_CHART_PAD, 0);
  frame->body.height = MAX (height - y - TENURE_CHART_PAD, 0);
}

void
_tenure_chart_frame_draw (TenureChartPainter          *p,
                          const TenureChartFrame      *frame,
                          const char                  *title,
                          const char                  *subtitle,
                          const TenureChartLegendItem *legend,
                          guint                        n_legend)
{
  cairo_t *cr = p->cr;
  double legend_h = _tenure_chart_line_height (TENURE_CHART_FONT_LABEL) + 4;
  double max_w = frame->width - 2 * TENURE_CHART_PAD;

  _tenure_chart_set_color (cr, &p->theme->background);
  cairo_rectangle (cr, 0, 0, frame->width, frame->height);
  cairo_fill (cr);

  _tenure_chart_text_fit (p, TENURE_CHART_FONT_TITLE, title, TENURE_CHART_PAD, frame->title_y,
                          0, 0, max_w, &p->theme->foreground);
  if (subtitle != NULL)
    _tenure_chart_text_fit (p, TENURE_CHART_FONT_SUBTITLE, subtitle, TENURE_CHART_PAD,
                            frame->subtitle_y, 0, 0, max_w, &p->theme->muted);

  n_legend = MIN (n_legend, TENURE_CHART_MAX_LEGEND);
  for (guint i = 0; i < n_legend; i++)
    {
      double x = frame->legend_x[i];
      double cy = frame->legend_y + frame->legend_row[i] * legend_h + legend_h / 2;
      double sw = legend[i].line ? 2 * SWATCH : SWATCH;

      _tenure_chart_set_color (cr, &legend[i].color);
      if (legend[i].line)
        {
          static const double dash[] = { 5, 3 };

          cairo_save (cr);
          cairo_set_line_width (cr, 2.5);
          if (legend[i].dashed)
            cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sw, cy);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      else
        {
          cairo_rectangle (cr, x, cy - SWATCH / 2, SWATCH, SWATCH);
          cairo_fill (cr);
        }
      _tenure_chart_text (p, TENURE_CHART_FONT_LABEL, legend[i].label, x + sw + 6, cy, 0, 0.5,
                          &p->theme->foreground);
    }
}

void
_tenure_chart_empty_draw (TenureChartPainter    *p,
                          const TenureChartRect *body,
                          const char            *message)
{
  PangoLayout *layout = p->layouts[TENURE_CHART_FONT_EMPTY];
  double w = MAX (MIN (body->width * 0.8, 520), 40);
  int lh;

  pango_layout_set_text (layout, message, -1);
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_size (layout, NULL, &lh);
  cairo_move_to (p->cr, body->x + (body->width - w) / 2,
                 body->y + (body->height - (double) lh / PANGO_SCALE) / 2);
  _tenure_chart_set_color (p->cr, &p->theme->muted);
  pango_cairo_show_layout (p->cr, layout);
  pango_layout_set_width (layout, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
}

double
_tenure_chart_ticks_label_width (const TenureChartTicks *ticks,
                                 const char             *currency)
{
  double max_w = 0;

  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      g_autofree char *text = tenure_chart_ticks_format (ticks, ticks->ticks[i], currency);
      double w;

      _tenure_chart_measure (TENURE_CHART_FONT_SMALL, text, &w, NULL);
      max_w = MAX (max_w, w);
    }
  return max_w;
}

void
_tenure_chart_value_axis_draw (TenureChartPainter     *p,
                               const TenureChartTicks *ticks,
                               const char             *currency,
                               const TenureChartRect  *plot,
                               gboolean                right,
                               gboolean                grid)
{
  cairo_t *cr = p->cr;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      double v = ticks->ticks[i];
      double y = tenure_chart_ticks_position (ticks, v, plot->y + plot->height, plot->y);
      g_autofree char *text = tenure_chart_ticks_format (ticks, v, currency);

      /* Half-pixel offsets keep one-pixel lines sharp at 1×. */
      y = round (y) + 0.5;
      if (grid)
        {
          _tenure_chart_set_color (cr, v == 0 ? &p->theme->axis : &p->theme->grid);
          cairo_move_to (cr, plot->x, y);
          cairo_line_to (cr, plot->x + plot->width, y);
          cairo_stroke (cr);
        }
      if (right)
        _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, plot->x + plot->width + 6, y, 0, 0.5,
                            &p->theme->muted);
      else
        _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, text, plot->x - 6, y, 1, 0.5,
                            &p->theme->muted);
    }
  cairo_restore (cr);
}

guint
_tenure_chart_period_stride (char * const *labels,
                             guint         n_periods,
                             double        slot_width)
{
  const char *longest = NULL;
  gsize longest_len = 0;
  double w;

  /* Labels of one axis are alike ("Jan 2024"); measuring the longest by
   * character count is enough and avoids shaping sixty strings. */
  for (guint i = 0; i < n_periods; i++)
    {
      gsize len = labels[i] ? g_utf8_strlen (labels[i], -1) : 0;

      if (len > longest_len)
        {
          longest = labels[i];
          longest_len = len;
        }
    }
  if (longest == NULL)
    return 1;
  _tenure_chart_measure (TENURE_CHART_FONT_SMALL, longest, &w, NULL);
  return tenure_chart_period_stride (n_periods, slot_width, w * 1.1 + 12);
}

void
_tenure_chart_period_axis_draw (TenureChartPainter    *p,
                                char * const          *labels,
                                guint                  n_periods,
                                const TenureChartRect *plot,
                                double                 y)
{
  double slot;
  guint stride;

  if (n_periods == 0)
    return;
  slot = plot->width / n_periods;
  stride = _tenure_chart_period_stride (labels, n_periods, slot);
  for (guint i = 0; i < n_periods; i++)
    if (tenure_chart_period_labelled (i, n_periods, stride))
      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, labels[i], plot->x + (i + 0.5) * slot, y,
                          0.5, 0, &p->theme->muted);
}

gboolean
_tenure_chart_has_values (const double *values,
                          gsize         n)
{
  for (gsize i = 0; values && i < n; i++)
    if (isfinite (values[i]) && values[i] != 0)
      return TRUE;
  return FALSE;
}

/**
 * tenure_chart_hit_init:
 * @hit: (out caller-allocates): a hit
 *
 * Resets @hit to "nothing": indexes -1, value NaN.
 */
void
tenure_chart_hit_init (TenureChartHit *hit)
{
  g_return_if_fail (hit != NULL);

  memset (hit, 0, sizeof *hit);
  hit->kind = TENURE_CHART_HIT_NONE;
  hit->period = hit->series = hit->row = hit->column = -1;
  hit->value = NAN;
}

/**
 * tenure_chart_hit_format:
 * @hit: a hit
 * @currency: (nullable): currency code for money values
 *
 * Returns: (transfer full): the hit's value as a tooltip shows it
 */
char *
tenure_chart_hit_format (const TenureChartHit *hit,
                         const char           *currency)
{
  g_return_val_if_fail (hit != NULL, NULL);

  switch (hit->value_kind)
    {
    case TENURE_CHART_VALUE_MONEY:
      return tenure_chart_format_money_value (hit->value, currency, TENURE_CHART_MONEY_WHOLE);
    case TENURE_CHART_VALUE_PERCENT:
      return tenure_chart_format_percent (hit->value, 1);
    case TENURE_CHART_VALUE_RATIO:
      return tenure_chart_format_ratio (hit->value, 2);
    case TENURE_CHART_VALUE_COUNT:
      return tenure_chart_format_number (hit->value, 0);
    case TENURE_CHART_VALUE_NUMBER:
    default:
      return tenure_chart_format_number (hit->value, 1);
    }
}

/**
 * tenure_chart_rect_contains:
 * @rect: a rectangle
 * @x: x coordinate
 * @y: y coordinate
 *
 * Returns: whether (@x, @y) is inside @rect (left and top edges inclusive)
 */
gboolean
tenure_chart_rect_contains (const TenureChartRect *rect,
                            double                 x,
                            double                 y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

char **
_tenure_chart_strv_new (guint n)
{
  return g_new0 (char *, (gsize) n + 1);
}

double
_tenure_chart_scale_height (void)
{
  return TENURE_CHART_SCALE_BAR + 3 + _tenure_chart_line_height (TENURE_CHART_FONT_SMALL);
}

/* A colour scale: caption on the left, then the gradient with its two ends
 * labelled underneath. */
void
_tenure_chart_scale_draw (TenureChartPainter   *p,
                          double                x,
                          double                y,
                          double                width,
                          TenureChartColorFunc  color_at,
                          const char           *caption,
                          const char           *low,
                          const char           *high)
{
  cairo_pattern_t *gradient;
  double caption_w = 0;

  if (caption != NULL)
    {
      _tenure_chart_measure (TENURE_CHART_FONT_SMALL, caption, &caption_w, NULL);
      _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, caption, x, y + TENURE_CHART_SCALE_BAR / 2,
                          0, 0.5, &p->theme->muted);
      caption_w += 10;
    }
  x += caption_w;
  width -= caption_w;
  if (width < 20)
    return;

  gradient = cairo_pattern_create_linear (x, 0, x + width, 0);
  for (guint i = 0; i <= 16; i++)
    {
      TenureChartRgba c;

      color_at (p->theme, i / 16.0, &c);
      cairo_pattern_add_color_stop_rgba (gradient, i / 16.0, c.red, c.green, c.blue, c.alpha);
    }
  cairo_rectangle (p->cr, x, y, width, TENURE_CHART_SCALE_BAR);
  cairo_set_source (p->cr, gradient);
  cairo_fill (p->cr);
  cairo_pattern_destroy (gradient);

  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, low, x, y + TENURE_CHART_SCALE_BAR + 3, 0, 0,
                      &p->theme->muted);
  _tenure_chart_text (p, TENURE_CHART_FONT_SMALL, high, x + width, y + TENURE_CHART_SCALE_BAR + 3, 1, 0,
                      &p->theme->muted);
}

void
_tenure_chart_text_box (TenureChartPainter    *p,
                        TenureChartFont        font,
                        const char            *text,
                        double                 x,
                        double                 y,
                        double                 width,
                        int                    max_lines,
                        PangoAlignment         align,
                        const TenureChartRgba *color)
{
  PangoLayout *layout = p->layouts[font];

  if (text == NULL || *text == '\0' || width < 8)
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  cairo_move_to (p->cr, x, y);
  _tenure_chart_set_color (p->cr, color);
  pango_cairo_show_layout (p->cr, layout);
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
}

/* @color at @amount over the background, opaque: cairo fills opaque spans
 * directly, while a translucent source costs a composite per span. */
void
_tenure_chart_tint (const TenureChartTheme *theme,
                    const TenureChartRgba  *color,
                    double                  amount,
                    TenureChartRgba        *out)
{
  out->red = theme->background.red + (color->red - theme->background.red) * amount;
  out->green = theme->background.green + (color->green - theme->background.green) * amount;
  out->blue = theme->background.blue + (color->blue - theme->background.blue) * amount;
  out->alpha = 1;
}
