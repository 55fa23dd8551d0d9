/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "tenure-chart.h"
#include "tenure-chart-axis.h"
#include "tenure-chart-format.h"
#include "tenure-chart-theme.h"

G_BEGIN_DECLS

/* Font roles. Sizes are fixed logical pixels, not theme properties: layout
 * (shared by draw and lookup) must not depend on the theme. */
typedef enum
{
  TENURE_CHART_FONT_TITLE,
  TENURE_CHART_FONT_SUBTITLE,
  TENURE_CHART_FONT_LABEL,
  TENURE_CHART_FONT_SMALL,
  TENURE_CHART_FONT_CELL,
  TENURE_CHART_FONT_EMPTY,
  TENURE_CHART_N_FONTS
} TenureChartFont;

#define TENURE_CHART_PAD 16.0
#define TENURE_CHART_GAP 8.0

/* Per-draw text state: one PangoContext, one layout per font role, and a
 * cache of laid-out strings for labels that repeat (percentages in cells). */
typedef struct
{
  cairo_t                *cr;
  const TenureChartTheme *theme;
  PangoContext           *context;
  PangoLayout            *layouts[TENURE_CHART_N_FONTS];
  GHashTable             *cache[TENURE_CHART_N_FONTS];
} TenureChartPainter;

TenureChartPainter *_tenure_chart_painter_new  (cairo_t                *cr,
                                                const TenureChartTheme *theme);
void                _tenure_chart_painter_free (TenureChartPainter     *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureChartPainter, _tenure_chart_painter_free)

void   _tenure_chart_set_color  (cairo_t               *cr,
                                 const TenureChartRgba *color);
void   _tenure_chart_text       (TenureChartPainter    *p,
                                 TenureChartFont        font,
                                 const char            *text,
                                 double                 x,
                                 double                 y,
                                 double                 xalign,
                                 double                 yalign,
                                 const TenureChartRgba *color);
void   _tenure_chart_text_cached (TenureChartPainter   *p,
                                 TenureChartFont        font,
                                 const char            *text,
                                 double                 x,
                                 double                 y,
                                 double                 xalign,
                                 double                 yalign,
                                 const TenureChartRgba *color);
void   _tenure_chart_text_fit   (TenureChartPainter    *p,
                                 TenureChartFont        font,
                                 const char            *text,
                                 double                 x,
                                 double                 y,
                                 double                 xalign,
                                 double                 yalign,
                                 double                 max_width,
                                 const TenureChartRgba *color);
void   _tenure_chart_measure    (TenureChartFont        font,
                                 const char            *text,
                                 double                *width,
                                 double                *height);
double _tenure_chart_line_height (TenureChartFont       font);

/* Title, subtitle and legend above the body. */
typedef struct
{
  const char      *label;
  TenureChartRgba  color;
  guint            line : 1;
  guint            dashed : 1;
} TenureChartLegendItem;

#define TENURE_CHART_MAX_LEGEND 12

typedef struct
{
  double          width;
  double          height;
  double          title_y;
  double          subtitle_y;
  double          legend_y;
  guint           legend_rows;
  double          legend_x[TENURE_CHART_MAX_LEGEND];
  guint           legend_row[TENURE_CHART_MAX_LEGEND];
  TenureChartRect body;
} TenureChartFrame;

void _tenure_chart_frame_layout (TenureChartFrame            *frame,
                                 double                       width,
                                 double                       height,
                                 gboolean                     has_subtitle,
                                 const TenureChartLegendItem *legend,
                                 guint                        n_legend);
void _tenure_chart_frame_draw   (TenureChartPainter          *p,
                                 const TenureChartFrame      *frame,
                                 const char                  *title,
                                 const char                  *subtitle,
                                 const TenureChartLegendItem *legend,
                                 guint                        n_legend);
void _tenure_chart_empty_draw   (TenureChartPainter          *p,
                                 const TenureChartRect       *body,
                                 const char                  *message);

double _tenure_chart_ticks_label_width (const TenureChartTicks *ticks,
                                        const char             *currency);
void   _tenure_chart_value_axis_draw   (TenureChartPainter     *p,
                                        const TenureChartTicks *ticks,
                                        const char             *currency,
                                        const TenureChartRect  *plot,
                                        gboolean                right,
                                        gboolean                grid);
guint  _tenure_chart_period_stride     (char * const           *labels,
                                        guint                   n_periods,
                                        double                  slot_width);
void   _tenure_chart_period_axis_draw  (TenureChartPainter     *p,
                                        char * const           *labels,
                                        guint                   n_periods,
                                        const TenureChartRect  *plot,
                                        double                  y);

gboolean _tenure_chart_has_values     (const double           *values,
                                       gsize                   n);

G_END_DECLS

G_BEGIN_DECLS

typedef void (*TenureChartColorFunc) (const TenureChartTheme *theme,
                                      double                  t,
                                      TenureChartRgba        *out);

#define TENURE_CHART_SCALE_BAR 10.0

double _tenure_chart_scale_height (void);
void   _tenure_chart_scale_draw   (TenureChartPainter    *p,
                                   double                 x,
                                   double                 y,
                                   double                 width,
                                   TenureChartColorFunc   color_at,
                                   const char            *caption,
                                   const char            *low,
                                   const char            *high);
void   _tenure_chart_text_box     (TenureChartPainter    *p,
                                   TenureChartFont        font,
                                   const char            *text,
                                   double                 x,
                                   double                 y,
                                   double                 width,
                                   int                    max_lines,
                                   PangoAlignment         align,
                                   const TenureChartRgba *color);
char **_tenure_chart_strv_new     (guint                  n);
void   _tenure_chart_tint         (const TenureChartTheme *theme,
                                   const TenureChartRgba  *color,
                                   double                  amount,
                                   TenureChartRgba        *out);

G_END_DECLS
