/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "tenure-charts.h"
#include "tenure-date.h"
#include "tenure-report.h"

/* Everything is measured in PostScript points (1/72 in): the PDF surface's
 * unit, and the unit GtkPrintOperation gives with GTK_UNIT_POINTS. */

#define FONT_FAMILY "Cantarell, DejaVu Sans"

/* Charts are designed in logical pixels for a screen (12 px labels); on paper
 * they are drawn at this scale so their labels print at about 7.8 pt, a
 * little smaller than the body text around them. */
#define CHART_SCALE 0.65

#define CELL_PAD_X 4.0
#define TILE_GAP 8.0
#define BLOCK_GAP 14.0

/* At most this many periods in the trend charts and the movements table: a
 * year and the same period of the year before, which a board compares. */
#define MAX_TREND_MONTHS 13
#define MAX_TREND_QUARTERS 9
#define MAX_COHORTS 24

typedef enum
{
  STYLE_COVER_KICKER,
  STYLE_COVER_TITLE,
  STYLE_COVER_PERIOD,
  STYLE_COVER_META,
  STYLE_H1,
  STYLE_H2,
  STYLE_BODY,
  STYLE_NOTE,
  STYLE_TH,
  STYLE_TD,
  STYLE_TD_SMALL,
  STYLE_TILE_LABEL,
  STYLE_TILE_VALUE,
  STYLE_TILE_VALUE_SMALL,
  STYLE_TILE_CHANGE,
  STYLE_FOOTER,
  STYLE_TOC,
  N_STYLES
} Style;

static const struct
{
  double   size;
  gboolean bold;
  gboolean tabular;
} styles[N_STYLES] = {
  [STYLE_COVER_KICKER] = { 11, TRUE, FALSE },
  [STYLE_COVER_TITLE] = { 30, TRUE, FALSE },
  [STYLE_COVER_PERIOD] = { 17, FALSE, TRUE },
  [STYLE_COVER_META] = { 10, FALSE, TRUE },
  [STYLE_H1] = { 17, TRUE, FALSE },
  [STYLE_H2] = { 11, TRUE, FALSE },
  [STYLE_BODY] = { 9, FALSE, TRUE },
  [STYLE_NOTE] = { 8.5, FALSE, TRUE },
  /* Cantarell Bold's word space all but vanishes at this size: regular. */
  [STYLE_TH] = { 7, FALSE, FALSE },
  [STYLE_TD] = { 8, FALSE, TRUE },
  [STYLE_TD_SMALL] = { 7.5, FALSE, TRUE },
  [STYLE_TILE_LABEL] = { 7.5, TRUE, FALSE },
  [STYLE_TILE_VALUE] = { 17, TRUE, TRUE },
  [STYLE_TILE_VALUE_SMALL] = { 12, TRUE, TRUE },
  [STYLE_TILE_CHANGE] = { 7, FALSE, TRUE },
  [STYLE_FOOTER] = { 7, FALSE, TRUE },
  [STYLE_TOC] = { 10, FALSE, TRUE },
};

typedef enum
{
  COLOR_INK,
  COLOR_MUTED,
  COLOR_ACCENT,
  COLOR_GOOD,
  COLOR_BAD,
  COLOR_RULE,
  COLOR_STRIPE,
  COLOR_GROUP,
  COLOR_NOTE_BG,
  N_COLORS
} Color;

static const guint32 colors[N_COLORS] = {
  [COLOR_INK] = 0x1c1c1e,
  [COLOR_MUTED] = 0x5e5c64,
  [COLOR_ACCENT] = 0x1a4f8f,
  [COLOR_GOOD] = 0x1d7a46,
  [COLOR_BAD] = 0xb01c26,
  [COLOR_RULE] = 0xc9c7c4,
  [COLOR_STRIPE] = 0xf4f3f1,
  [COLOR_GROUP] = 0xe8edf4,
  [COLOR_NOTE_BG] = 0xfbf6e6,
};

typedef enum
{
  SECTION_SUMMARY,
  SECTION_REVENUE,
  SECTION_LIFECYCLE,
  SECTION_COHORTS,
  SECTION_SEGMENTS,
  SECTION_KEY_ACCOUNTS,
  SECTION_AT_RISK,
  SECTION_PROGRESS,
  SECTION_DEFINITIONS,
  N_SECTIONS
} Section;

static const char *
section_title (Section section)
{
  switch (section)
    {
    case SECTION_SUMMARY: return _("Summary");
    case SECTION_REVENUE: return _("Revenue movements");
    case SECTION_LIFECYCLE: return _("Account lifecycle");
    case SECTION_COHORTS: return _("Cohort retention");
    case SECTION_SEGMENTS: return _("Segment economics");
    case SECTION_KEY_ACCOUNTS: return _("Key accounts");
    case SECTION_AT_RISK: return _("At-risk accounts");
    case SECTION_PROGRESS: return _("Account progress scorecard");
    case SECTION_DEFINITIONS: return _("Definitions and notes");
    default: g_assert_not_reached ();
    }
}

/* Tables. Rows hold a borrowed pointer to the caller's row struct and are
 * formatted when drawn, so a 10,000-account table keeps no strings. */

typedef struct _Table Table;

typedef char *(*CellFunc) (TenureReportLayout *layout,
                           gconstpointer       item,
                           guint               column,
                           Color              *color,
                           gboolean           *bold);

#define MAX_COLUMNS 24

typedef struct
{
  char    *title;
  double   width;
  double   xalign;
  gboolean wrap;
  gboolean repeats;
} Column;

typedef enum
{
  ROW_BODY,
  ROW_GROUP,
  ROW_NOTE,
} RowKind;

typedef struct
{
  RowKind        kind;
  gconstpointer  item;
  char          *text;
  double         height;
  guint          stripe : 1;
} Row;

struct _Table
{
  Column    columns[MAX_COLUMNS];
  guint     n_columns;
  GArray   *rows;
  CellFunc  cell;
  Style     style;
  double    row_height;
  double    header_height;
  double    width;
  gboolean  wrap;
};

typedef enum
{
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_FILL,
  ITEM_CHART,
  ITEM_TILE,
  ITEM_HEADER,
  ITEM_ROW,
  ITEM_TOC,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  Style        style;
  Color        color;
  double       x;
  double       y;
  double       width;
  double       height;
  double       xalign;
  guint        index;
  const Table *table;
  char        *text;
} Item;

typedef struct
{
  gboolean landscape;
  GArray  *items;
} Page;

typedef struct
{
  TenureReportDrawFunc draw;
  gpointer             user_data;
  gboolean             has_data;
} ChartSlot;

struct _TenureReportLayout
{
  const TenureReportData *data;
  TenureReportOptions     options;
  double                  page_width;
  double                  page_height;

  GPtrArray              *pages;
  GPtrArray              *tables;
  int                     section_page[N_SECTIONS];

  PangoContext           *context;
  PangoLayout            *layouts[N_STYLES][2];
  PangoLayout            *markup_layout;
  GHashTable             *text_cache;
  GString                *cache_key;
  double                  line_height[N_STYLES];

  ChartSlot               charts[TENURE_REPORT_N_CHARTS];
  TenureChartQuickRatioData  *quick_ratio;
  TenureChartBridgeData      *bridge;
  TenureChartLifecycleData   *lifecycle;
  TenureChartTransitionsData *transitions;
  TenureChartCohortsData     *cohorts;
  TenureChartSegmentsData    *segments;

  GPtrArray              *default_definitions;
  TenureReportDefinition  churn_rule;
  TenureReportDefinition  quick_ratio_rule;
  gboolean                compact_cells;
  char                   *footer;
};

/* The flow: where the next block goes while pages are being laid out. */
typedef struct
{
  TenureReportLayout *layout;
  Page               *page;
  double              left;
  double              top;
  double              width;
  double              bottom;
  double              y;
} Flow;

G_DEFINE_QUARK (tenure-report-error-quark, tenure_report_error)

/* Text */

static void
set_color (cairo_t *cr,
           Color    color)
{
  guint32 rgb = colors[color];

  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
new_style_layout (TenureReportLayout *layout,
                  Style               style,
                  gboolean            bold,
                  PangoAttrList      *tabular)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);
  PangoLayout *pl = pango_layout_new (layout->context);

  pango_font_description_set_absolute_size (desc, styles[style].size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, desc);
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  if (styles[style].tabular)
    pango_layout_set_attributes (pl, tabular);
  return pl;
}

static void
init_text (TenureReportLayout *layout)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoAttrList) tabular = pango_attr_list_new ();

  /* Metrics hinting off: text measures the same on the PDF surface, a
   * printer's context and a PNG preview, so page breaks never differ. */
  layout->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (layout->context, options);
  cairo_font_options_destroy (options);

  /* Tabular figures: numbers line up in columns and tiles. */
  pango_attr_list_insert (tabular, pango_attr_font_features_new ("tnum=1, lnum=1"));

  for (guint i = 0; i < N_STYLES; i++)
    {
      PangoFontMetrics *metrics;

      layout->layouts[i][0] = new_style_layout (layout, i, styles[i].bold, tabular);
      layout->layouts[i][1] = new_style_layout (layout, i, TRUE, tabular);
      metrics = pango_context_get_metrics (layout->context,
                                           pango_layout_get_font_description (layout->layouts[i][0]), NULL);
      layout->line_height[i] = (pango_font_metrics_get_ascent (metrics)
                                + pango_font_metrics_get_descent (metrics)) / (double) PANGO_SCALE;
      pango_font_metrics_unref (metrics);
    }
  /* Column titles break between words only, never inside one. */
  pango_layout_set_wrap (layout->layouts[STYLE_TH][0], PANGO_WRAP_WORD);
  layout->markup_layout = new_style_layout (layout, STYLE_TILE_CHANGE, FALSE, NULL);
  layout->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout->cache_key = g_string_new (NULL);
}

/* Prepares the style's layout for @text in a box @width wide (≤ 0: no
 * limit). Single lines are ellipsized rather than run into the next cell. */
static PangoLayout *
prepare_text (TenureReportLayout *layout,
              Style               style,
              gboolean            bold,
              const char         *text,
              double              width,
              double              xalign,
              gboolean            wrap)
{
  PangoLayout *pl = layout->layouts[style][bold != FALSE];

  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (pl, wrap || width <= 0 ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pl, xalign > 0.75 ? PANGO_ALIGN_RIGHT
                                  : xalign > 0.25 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  return pl;
}

static double
measure_height (TenureReportLayout *layout,
                Style               style,
                const char         *text,
                double              width)
{
  PangoLayout *pl = prepare_text (layout, style, FALSE, text, width, 0, TRUE);
  int h;

  pango_layout_get_size (pl, NULL, &h);
  return h / (double) PANGO_SCALE;
}

static double
measure_width (TenureReportLayout *layout,
               Style               style,
               const char         *text)
{
  PangoLayout *pl = prepare_text (layout, style, FALSE, text, -1, 0, FALSE);
  int w;

  pango_layout_get_size (pl, &w, NULL);
  return w / (double) PANGO_SCALE;
}

#define TEXT_CACHE_MAX 16384

/* Shaping is most of the cost of a long table, and its cells repeat (owners,
 * dates, types, scores): shaped one-line layouts are kept and reused. The
 * cache is bounded; unique strings just pass through it. */
static PangoLayout *
cached_text (TenureReportLayout *layout,
             Style               style,
             gboolean            bold,
             const char         *text,
             double              width,
             double              xalign)
{
  PangoLayout *pl;

  g_string_printf (layout->cache_key, "%u %d %d %d ", style, bold != FALSE,
                   (int) (xalign * 2), (int) (width * 64));
  g_string_append (layout->cache_key, text);
  pl = g_hash_table_lookup (layout->text_cache, layout->cache_key->str);
  if (pl != NULL)
    return pl;

  if (g_hash_table_size (layout->text_cache) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (layout->text_cache);
  pl = pango_layout_copy (prepare_text (layout, style, bold, text, width, xalign, FALSE));
  g_hash_table_insert (layout->text_cache, g_strdup (layout->cache_key->str), pl);
  return pl;
}

static void
show_text_full (TenureReportLayout *layout,
                cairo_t            *cr,
                Style               style,
                gboolean            bold,
                Color               color,
                const char         *text,
                double              x,
                double              y,
                double              width,
                double              xalign,
                gboolean            wrap,
                gboolean            cache)
{
  PangoLayout *pl = cache && !wrap
    ? cached_text (layout, style, bold, text, width, xalign)
    : prepare_text (layout, style, bold, text, width, xalign, wrap);

  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, pl);
}

static void
show_text (TenureReportLayout *layout,
           cairo_t            *cr,
           Style               style,
           Color               color,
           const char         *text,
           double              x,
           double              y,
           double              width,
           double              xalign,
           gboolean            wrap)
{
  show_text_full (layout, cr, style, styles[style].bold, color, text, x, y, width, xalign, wrap, FALSE);
}

/* Only the tiles' change lines use markup (two colours on one line). */
static void
show_markup (TenureReportLayout *layout,
             cairo_t            *cr,
             const char         *markup,
             double              x,
             double              y,
             double              width)
{
  PangoLayout *pl = layout->markup_layout;

  pango_layout_set_markup (pl, markup, -1);
  pango_layout_set_width (pl, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  set_color (cr, COLOR_INK);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, pl);
}

/* Numbers */

static char *
format_money (const TenureReportData *data,
              double                  minor_units,
              gboolean                compact)
{
  if (isnan (minor_units) || isinf (minor_units))
    return tenure_chart_format_number (minor_units, 0);
  return tenure_chart_format_money_value (minor_units, data->currency,
                                          compact ? TENURE_CHART_MONEY_COMPACT : TENURE_CHART_MONEY_WHOLE);
}

static char *
format_value (const TenureReportData *data,
              TenureReportValueKind   kind,
              double                  value,
              gboolean                compact)
{
  if (isnan (value))
    return g_strdup (TENURE_CHART_UNDEFINED);

  switch (kind)
    {
    case TENURE_REPORT_VALUE_COUNT:
      return tenure_chart_format_number (value, 0);
    case TENURE_REPORT_VALUE_MONEY:
      return format_money (data, value, compact);
    case TENURE_REPORT_VALUE_PERCENT:
      return tenure_chart_format_percent (value, 1);
    case TENURE_REPORT_VALUE_RATIO:
      return tenure_chart_format_ratio (value, 1);
    case TENURE_REPORT_VALUE_POINTS:
      {
        g_autofree char *n = tenure_chart_format_number (value, 0);

        return value > 0.5 ? g_strconcat ("+", n, NULL) : g_steal_pointer (&n);
      }
    case TENURE_REPORT_VALUE_MONTHS:
      {
        g_autofree char *n = tenure_chart_format_number (value, 1);

        /* TRANSLATORS: a duration in months, "14.2 mo" */
        return g_strdup_printf (_("%s mo"), n);
      }
    case TENURE_REPORT_VALUE_NUMBER:
    default:
      return tenure_chart_format_number (value, 1);
    }
}

/* A signed change: "+4.2%", "−0.3 pts", "+0.4×", "+$12.3k"; "—" when it is
 * undefined. *sign gets −1, 0 or 1 for colouring. */
static char *
format_change (const TenureReportData *data,
               const TenureReportKpi  *kpi,
               double                  earlier,
               int                    *sign)
{
  double v = kpi->value;
  double d;
  g_autofree char *magnitude = NULL;

  *sign = 0;
  if (!isfinite (v) || !isfinite (earlier))
    return g_strdup (TENURE_CHART_UNDEFINED);

  if (kpi->change == TENURE_REPORT_CHANGE_RELATIVE)
    {
      if (earlier == 0)
        return g_strdup (TENURE_CHART_UNDEFINED);
      d = (v - earlier) / fabs (earlier);
      magnitude = tenure_chart_format_percent (fabs (d), 1);
      if (round (fabs (d) * 1000) == 0)
        d = 0;
    }
  else
    {
      d = v - earlier;
      switch (kpi->kind)
        {
        case TENURE_REPORT_VALUE_PERCENT:
          {
            g_autofree char *n = tenure_chart_format_number (fabs (d) * 100, 1);

            /* TRANSLATORS: percentage points */
            magnitude = g_strdup_printf (_("%s pts"), n);
            if (round (fabs (d) * 1000) == 0)
              d = 0;
          }
          break;
        case TENURE_REPORT_VALUE_POINTS:
          {
            g_autofree char *n = tenure_chart_format_number (fabs (d), 0);

            magnitude = g_strdup_printf (_("%s pts"), n);
            if (round (fabs (d)) == 0)
              d = 0;
          }
          break;
        case TENURE_REPORT_VALUE_RATIO:
          magnitude = tenure_chart_format_ratio (fabs (d), 1);
          if (round (fabs (d) * 10) == 0)
            d = 0;
          break;
        case TENURE_REPORT_VALUE_MONEY:
          magnitude = format_money (data, fabs (d), TRUE);
          break;
        default:
          magnitude = format_value (data, kpi->kind, fabs (d), TRUE);
          break;
        }
    }

  *sign = d > 0 ? 1 : d < 0 ? -1 : 0;
  if (kpi->lower_is_better)
    *sign = -*sign;
  if (d > 0)
    return g_strconcat ("+", magnitude, NULL);
  if (d < 0)
    return g_strconcat (TENURE_CHART_MINUS, magnitude, NULL);
  return g_steal_pointer (&magnitude);
}

static char *
format_date (const char *iso)
{
  TenureDay day;
  int y, m, d;
  GDate date;
  char buf[64];

  if (iso == NULL || !tenure_day_parse_iso (iso, &day))
    return g_strdup (iso ? iso : "");
  tenure_day_to_ymd (day, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (g_date_strftime (buf, sizeof buf, "%-d %B %Y", &date) == 0)
    return g_strdup (iso);
  return g_strdup (buf);
}

/* Pages and the flow */

static void
item_clear (gpointer p)
{
  Item *item = p;

  g_free (item->text);
}

static void
page_free (gpointer p)
{
  Page *page = p;

  g_array_unref (page->items);
  g_free (page);
}

static void
row_clear (gpointer p)
{
  Row *row = p;

  g_free (row->text);
}

static void
table_free (gpointer p)
{
  Table *table = p;

  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->columns[i].title);
  g_array_unref (table->rows);
  g_free (table);
}

static void
page_geometry (TenureReportLayout *layout,
               gboolean            landscape,
               double             *width,
               double             *height)
{
  *width = landscape ? layout->page_height : layout->page_width;
  *height = landscape ? layout->page_width : layout->page_height;
}

static void
flow_new_page (Flow     *flow,
               gboolean  landscape)
{
  TenureReportLayout *layout = flow->layout;
  Page *page = g_new0 (Page, 1);
  double w, h;

  page->landscape = landscape;
  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (page->items, item_clear);
  g_ptr_array_add (layout->pages, page);

  page_geometry (layout, landscape, &w, &h);
  flow->page = page;
  flow->left = landscape ? 40 : 50;
  flow->width = w - 2 * flow->left;
  flow->top = landscape ? 40 : 54;
  /* The footer sits in the bottom margin. */
  flow->bottom = h - (landscape ? 50 : 60);
  flow->y = flow->top;
}

static Item *
flow_add (Flow     *flow,
          ItemKind  kind,
          double    x,
          double    y,
          double    width,
          double    height)
{
  Item item = { 0 };

  item.kind = kind;
  item.x = x;
  item.y = y;
  item.width = width;
  item.height = height;
  g_array_append_val (flow->page->items, item);
  return &g_array_index (flow->page->items, Item, flow->page->items->len - 1);
}

static double
flow_text (Flow       *flow,
           Style       style,
           Color       color,
           const char *text,
           double      x,
           double      width,
           double      xalign)
{
  double h = measure_height (flow->layout, style, text, width);
  Item *item = flow_add (flow, ITEM_TEXT, x, flow->y, width, h);

  item->style = style;
  item->color = color;
  item->text = g_strdup (text);
  item->xalign = xalign;
  return h;
}

static void
flow_paragraph (Flow       *flow,
                Style       style,
                Color       color,
                const char *text)
{
  double h = measure_height (flow->layout, style, text, flow->width);

  if (flow->y + h > flow->bottom)
    flow_new_page (flow, flow->page->landscape);
  flow->y += flow_text (flow, style, color, text, flow->left, flow->width, 0) + 4;
}

static void
flow_section (Flow     *flow,
              Section   section,
              gboolean  new_page,
              gboolean  landscape,
              double    keep)
{
  double h = flow->layout->line_height[STYLE_H1];

  /* Sections without data follow the previous one on its page rather than
   * leave a page nearly blank. */
  if (new_page || flow->page->landscape != landscape || flow->y + h + 14 + keep > flow->bottom)
    flow_new_page (flow, landscape);
  else
    flow->y += 10;

  flow->layout->section_page[section] = flow->layout->pages->len - 1;
  flow_text (flow, STYLE_H1, COLOR_INK, section_title (section), flow->left, flow->width, 0);
  flow->y += h + 4;
  flow_add (flow, ITEM_RULE, flow->left, flow->y, flow->width, 1.2)->color = COLOR_ACCENT;
  flow->y += 12;
}

static void
flow_subheading (Flow       *flow,
                 const char *text,
                 double      keep)
{
  double h = flow->layout->line_height[STYLE_H2];

  if (flow->y + h + keep > flow->bottom)
    flow_new_page (flow, flow->page->landscape);
  flow_text (flow, STYLE_H2, COLOR_INK, text, flow->left, flow->width, 0);
  flow->y += h + 6;
}

static void
flow_chart (Flow                *flow,
            TenureReportChartId  chart,
            double               height,
            const char          *empty)
{
  TenureReportLayout *layout = flow->layout;
  Item *item;

  if (!layout->charts[chart].has_data)
    {
      flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, empty);
      flow->y += BLOCK_GAP - 4;
      return;
    }

  if (flow->y + height > flow->bottom)
    flow_new_page (flow, flow->page->landscape);
  item = flow_add (flow, ITEM_CHART, flow->left, flow->y, flow->width, height);
  item->index = chart;
  flow->y += height + BLOCK_GAP;
}

/* Tables */

static Table *
table_new (TenureReportLayout *layout,
           CellFunc            cell,
           Style               style,
           double              row_height)
{
  Table *table = g_new0 (Table, 1);

  table->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (table->rows, row_clear);
  table->cell = cell;
  table->style = style;
  table->row_height = row_height;
  g_ptr_array_add (layout->tables, table);
  return table;
}

typedef enum
{
  COLUMN_WRAP = 1 << 0,
  COLUMN_REPEATS = 1 << 1,
} ColumnFlags;

/* @width is a weight: columns are scaled to the flow's width. Cells of a
 * column that repeats (owners, dates, scores) share their shaped text. */
static void
table_add_column (Table       *table,
                  const char  *title,
                  double       width,
                  double       xalign,
                  ColumnFlags  flags)
{
  gboolean wrap = (flags & COLUMN_WRAP) != 0;

  Column *column;

  g_assert (table->n_columns < MAX_COLUMNS);
  column = &table->columns[table->n_columns++];
  column->title = g_strdup (title);
  column->width = width;
  column->xalign = xalign;
  column->wrap = wrap;
  column->repeats = (flags & COLUMN_REPEATS) != 0;
  table->wrap |= wrap;
}

static void
table_add_row (Table         *table,
               RowKind        kind,
               gconstpointer  item,
               const char    *text)
{
  Row row = { 0 };

  row.kind = kind;
  row.item = item;
  row.text = g_strdup (text);
  g_array_append_val (table->rows, row);
}

/* Fixes column widths to @width and measures the header and every row that
 * can wrap. */
static void
table_measure (TenureReportLayout *layout,
               Table              *table,
               double              width)
{
  double total = 0;
  guint stripe = 0;

  double min_width[MAX_COLUMNS];
  double flexible = 0;
  double deficit = 0;

  for (guint i = 0; i < table->n_columns; i++)
    total += table->columns[i].width;
  for (guint i = 0; i < table->n_columns; i++)
    {
      Column *column = &table->columns[i];
      g_auto(GStrv) words = g_strsplit (column->title, " ", -1);

      column->width *= width / total;
      /* The longest word of the title must fit: on narrow paper a column
       * takes what it needs from the text columns (names, owners). */
      min_width[i] = 0;
      for (guint w = 0; words[w] != NULL; w++)
        min_width[i] = MAX (min_width[i], measure_width (layout, STYLE_TH, words[w]) + 2 * CELL_PAD_X + 1);
      if (column->width < min_width[i])
        {
          deficit += min_width[i] - column->width;
          column->width = min_width[i];
        }
      else if (column->xalign < 0.25 && !column->wrap)
        flexible += column->width - min_width[i];
    }
  if (deficit > 0 && flexible > 0)
    for (guint i = 0; i < table->n_columns; i++)
      {
        Column *column = &table->columns[i];

        if (column->xalign < 0.25 && !column->wrap && column->width > min_width[i])
          column->width -= MIN (1, deficit / flexible) * (column->width - min_width[i]);
      }
  {
    double sum = 0;

    for (guint i = 0; i < table->n_columns; i++)
      sum += table->columns[i].width;
    /* Too many columns for the paper: everything shrinks, titles wrap. */
    if (sum > width)
      for (guint i = 0; i < table->n_columns; i++)
        table->columns[i].width *= width / sum;
  }
  table->width = width;

  table->header_height = layout->line_height[STYLE_TH];
  for (guint i = 0; i < table->n_columns; i++)
    {
      Column *column = &table->columns[i];
      double h = measure_height (layout, STYLE_TH, column->title, column->width - 2 * CELL_PAD_X);

      table->header_height = MAX (table->header_height, h);
    }
  table->header_height += 8;

  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = &g_array_index (table->rows, Row, r);

      switch (row->kind)
        {
        case ROW_GROUP:
          row->height = table->row_height + 6;
          stripe = 0;
          break;
        case ROW_NOTE:
          row->height = measure_height (layout, STYLE_NOTE, row->text, width - 2 * CELL_PAD_X) + 10;
          break;
        case ROW_BODY:
        default:
          row->stripe = stripe++ & 1;
          row->height = table->row_height;
          if (table->wrap)
            {
              double h = layout->line_height[table->style];

              for (guint i = 0; i < table->n_columns; i++)
                {
                  Color color = COLOR_INK;
                  gboolean bold = FALSE;
                  g_autofree char *text = NULL;

                  if (!table->columns[i].wrap)
                    continue;
                  text = table->cell (layout, row->item, i, &color, &bold);
                  h = MAX (h, measure_height (layout, table->style, text,
                                              table->columns[i].width - 2 * CELL_PAD_X));
                }
              row->height = MAX (table->row_height, h + (table->row_height - layout->line_height[table->style]));
            }
          break;
        }
    }
}

static void
flow_table_header (Flow        *flow,
                   const Table *table)
{
  Item *item = flow_add (flow, ITEM_HEADER, flow->left, flow->y, table->width, table->header_height);

  item->table = table;
  flow->y += table->header_height;
}

/* Places @table, breaking pages between rows only: a row never splits, a
 * group title never ends a page, and each continuation page repeats the
 * header under "@title (continued)". */
static void
flow_table (Flow        *flow,
            Table       *table,
            const char  *title)
{
  TenureReportLayout *layout = flow->layout;
  const char *group = NULL;

  table_measure (layout, table, flow->width);

  if (table->rows->len == 0)
    return;

  {
    const Row *first = &g_array_index (table->rows, Row, 0);
    double need = table->header_height + first->height;

    if (first->kind == ROW_GROUP && table->rows->len > 1)
      need += g_array_index (table->rows, Row, 1).height;
    if (flow->y + need > flow->bottom)
      flow_new_page (flow, flow->page->landscape);
  }
  flow_table_header (flow, table);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const Row *row = &g_array_index (table->rows, Row, r);
      double need = row->height;
      Item *item;

      if (row->kind == ROW_GROUP && r + 1 < table->rows->len)
        need += g_array_index (table->rows, Row, r + 1).height;

      if (flow->y + need > flow->bottom)
        {
          g_autofree char *continued = g_strdup_printf (_("%s (continued)"), title);

          flow_new_page (flow, flow->page->landscape);
          flow_text (flow, STYLE_H2, COLOR_MUTED, continued, flow->left, flow->width, 0);
          flow->y += layout->line_height[STYLE_H2] + 8;
          flow_table_header (flow, table);
          if (row->kind == ROW_BODY && group != NULL)
            {
              g_autofree char *text = g_strdup_printf (_("%s (continued)"), group);

              item = flow_add (flow, ITEM_ROW, flow->left, flow->y, table->width, table->row_height + 6);
              item->table = table;
              item->index = G_MAXUINT;
              item->text = g_steal_pointer (&text);
              flow->y += table->row_height + 6;
            }
        }

      if (row->kind == ROW_GROUP)
        group = row->text;
      item = flow_add (flow, ITEM_ROW, flow->left, flow->y, table->width, row->height);
      item->table = table;
      item->index = r;
      flow->y += row->height;
    }

  flow->y += BLOCK_GAP;
}

/* Charts: the built-in ones draw the report's own data through the charts
 * library; the caller's hooks replace them. */

static void
draw_quick_ratio_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_quick_ratio_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static void
draw_bridge_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_bridge_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static void
draw_lifecycle_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_lifecycle_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static void
draw_transitions_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_transitions_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static void
draw_cohorts_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_cohorts_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static void
draw_segments_cb (cairo_t *cr, double w, double h, gpointer data)
{
  tenure_chart_segments_draw (data, cr, w, h, tenure_chart_theme_get_default (FALSE));
}

static guint
trend_start (const TenureReportData *data)
{
  guint max = data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? MAX_TREND_QUARTERS : MAX_TREND_MONTHS;

  return data->periods->len > max ? data->periods->len - max : 0;
}

static void
build_charts (TenureReportLayout *layout)
{
  const TenureReportData *data = layout->data;
  guint start = trend_start (data);
  guint n = data->periods->len - start;
  guint n_stages = tenure_report_data_get_n_stages (data);

  layout->quick_ratio = tenure_chart_quick_ratio_data_new (n);
  layout->quick_ratio->benchmark = data->quick_ratio_benchmark;
  layout->quick_ratio->reactivation_in_ratio = data->quick_ratio_reactivation;
  layout->quick_ratio->currency = g_strdup (data->currency);
  layout->lifecycle = tenure_chart_lifecycle_data_new (n, n_stages);
  for (guint s = 0; s < n_stages; s++)
    layout->lifecycle->stage_names[s] = g_strdup (data->stage_names[s]);
  for (guint i = 0; i < n; i++)
    {
      const TenureReportPeriod *p = g_ptr_array_index (data->periods, start + i);

      layout->quick_ratio->period_labels[i] = g_strdup (p->label);
      layout->quick_ratio->new_mrr[i] = p->new_mrr;
      layout->quick_ratio->expansion_mrr[i] = p->expansion_mrr;
      layout->quick_ratio->reactivation_mrr[i] = p->reactivation_mrr;
      layout->quick_ratio->contraction_mrr[i] = p->contraction_mrr;
      layout->quick_ratio->churn_mrr[i] = p->churn_mrr;
      layout->quick_ratio->quick_ratio[i] = p->quick_ratio;
      layout->lifecycle->period_labels[i] = g_strdup (p->label);
      layout->lifecycle->new_accounts[i] = p->new_accounts;
      layout->lifecycle->churned_accounts[i] = p->churned_accounts;
      for (guint s = 0; s < n_stages; s++)
        layout->lifecycle->counts[s * n + i] = p->stage_counts[s];
    }

  layout->bridge = tenure_chart_bridge_data_new ();
  layout->bridge->period_label = g_strdup (data->period_label);
  layout->bridge->currency = g_strdup (data->currency);
  layout->bridge->amounts[TENURE_CHART_BRIDGE_OPENING] = data->bridge.opening;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_NEW] = data->bridge.new_mrr;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_EXPANSION] = data->bridge.expansion_mrr;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_REACTIVATION] = data->bridge.reactivation_mrr;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_CONTRACTION] = data->bridge.contraction_mrr;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_CHURN] = data->bridge.churn_mrr;
  layout->bridge->amounts[TENURE_CHART_BRIDGE_CLOSING] = data->bridge.closing;

  layout->transitions = tenure_chart_transitions_data_new (n_stages);
  layout->transitions->period_label = g_strdup (data->period_label);
  for (guint s = 0; s < n_stages; s++)
    layout->transitions->stage_names[s] = g_strdup (data->stage_names[s]);
  if (data->transitions != NULL)
    memcpy (layout->transitions->counts, data->transitions,
            sizeof (double) * (n_stages + 1) * (n_stages + 1));

  {
    guint first = data->cohorts->len > MAX_COHORTS ? data->cohorts->len - MAX_COHORTS : 0;
    guint n_cohorts = data->cohorts->len - first;
    guint n_ages = 0;

    for (guint c = first; c < data->cohorts->len; c++)
      n_ages = MAX (n_ages, ((TenureReportCohort *) g_ptr_array_index (data->cohorts, c))->n_ages);
    layout->cohorts = tenure_chart_cohorts_data_new (n_cohorts, n_ages);
    for (guint c = 0; c < n_cohorts; c++)
      {
        const TenureReportCohort *cohort = g_ptr_array_index (data->cohorts, first + c);

        layout->cohorts->cohort_labels[c] = g_strdup (cohort->label);
        layout->cohorts->cohort_sizes[c] = cohort->size;
        for (guint a = 0; a < cohort->n_ages; a++)
          layout->cohorts->retention[c * n_ages + a] = cohort->retention[a];
      }
    for (guint a = 0; a < MIN (n_ages, data->n_cohort_average); a++)
      layout->cohorts->average[a] = data->cohort_average[a];
  }

  layout->segments = tenure_chart_segments_data_new (data->segments->len);
  layout->segments->reference = 3;
  for (guint i = 0; i < data->segments->len; i++)
    {
      const TenureReportSegment *s = g_ptr_array_index (data->segments, i);

      layout->segments->segment_names[i] = g_strdup (s->segment);
      layout->segments->ltv_cac[i] = s->ltv_cac;
      layout->segments->acv_cac[i] = s->acv_cac;
      layout->segments->payback_months[i] = s->payback_months;
    }

  layout->charts[TENURE_REPORT_CHART_QUICK_RATIO] = (ChartSlot) { draw_quick_ratio_cb, layout->quick_ratio, n > 0 };
  layout->charts[TENURE_REPORT_CHART_BRIDGE] = (ChartSlot) { draw_bridge_cb, layout->bridge, data->has_bridge };
  layout->charts[TENURE_REPORT_CHART_LIFECYCLE] = (ChartSlot) { draw_lifecycle_cb, layout->lifecycle, n > 0 && n_stages > 0 };
  layout->charts[TENURE_REPORT_CHART_TRANSITIONS] = (ChartSlot) { draw_transitions_cb, layout->transitions,
                                                                  data->transitions != NULL && n_stages > 0 };
  layout->charts[TENURE_REPORT_CHART_COHORTS] = (ChartSlot) { draw_cohorts_cb, layout->cohorts, data->cohorts->len > 0 };
  layout->charts[TENURE_REPORT_CHART_SEGMENTS] = (ChartSlot) { draw_segments_cb, layout->segments, data->segments->len > 0 };

  for (guint i = 0; i < TENURE_REPORT_N_CHARTS; i++)
    if (data->charts[i].draw != NULL)
      layout->charts[i] = (ChartSlot) { data->charts[i].draw, data->charts[i].user_data, TRUE };
}

/* Cells */

static char *
money_cell (TenureReportLayout *layout,
            double              minor_units)
{
  return format_money (layout->data, minor_units, layout->compact_cells);
}

static char *
movements_cell (TenureReportLayout *layout,
                gconstpointer       item,
                guint               column,
                Color              *color,
                gboolean           *bold)
{
  const TenureReportPeriod *p = item;

  switch (column)
    {
    case 0: return g_strdup (p->label);
    case 1: return money_cell (layout, p->new_mrr);
    case 2: return money_cell (layout, p->expansion_mrr);
    case 3: return money_cell (layout, p->reactivation_mrr);
    case 4: return money_cell (layout, -(double) p->contraction_mrr);
    case 5: return money_cell (layout, -(double) p->churn_mrr);
    case 6:
      {
        double net = (double) p->new_mrr + p->expansion_mrr + p->reactivation_mrr
                     - p->contraction_mrr - p->churn_mrr;

        *bold = TRUE;
        if (net < 0)
          *color = COLOR_BAD;
        return money_cell (layout, net);
      }
    case 7:
      *bold = TRUE;
      if (isfinite (p->quick_ratio) && p->quick_ratio < layout->data->quick_ratio_benchmark)
        *color = COLOR_BAD;
      return tenure_chart_format_ratio (p->quick_ratio, 1);
    default: g_assert_not_reached ();
    }
}

static char *
kpi_cell (TenureReportLayout *layout,
          gconstpointer       item,
          guint               column,
          Color              *color,
          gboolean           *bold)
{
  const TenureReportKpi *k = item;

  switch (column)
    {
    case 0: return g_strdup (k->label);
    case 1: *bold = TRUE; return format_value (layout->data, k->kind, k->value, FALSE);
    case 2: return format_value (layout->data, k->kind, k->previous, FALSE);
    case 3: return format_value (layout->data, k->kind, k->year_ago, FALSE);
    default: g_assert_not_reached ();
    }
}

static char *
segment_cell (TenureReportLayout *layout,
              gconstpointer       item,
              guint               column,
              Color              *color,
              gboolean           *bold)
{
  const TenureReportSegment *s = item;

  switch (column)
    {
    case 0: return g_strdup (s->segment);
    case 1: return tenure_chart_format_number (s->new_accounts, 0);
    case 2: return money_cell (layout, s->cac);
    case 3: return money_cell (layout, s->acv);
    case 4: return money_cell (layout, s->ltv);
    case 5:
      *bold = TRUE;
      if (isfinite (s->ltv_cac) && s->ltv_cac < 3)
        *color = COLOR_BAD;
      return tenure_chart_format_ratio (s->ltv_cac, 1);
    case 6: return tenure_chart_format_ratio (s->acv_cac, 1);
    case 7: return format_value (layout->data, TENURE_REPORT_VALUE_MONTHS, s->payback_months, FALSE);
    default: g_assert_not_reached ();
    }
}

static char *
key_kpi_cell (TenureReportLayout *layout,
              gconstpointer       item,
              guint               column,
              Color              *color,
              gboolean           *bold)
{
  const TenureReportKeyKpi *k = item;

  switch (column)
    {
    case 0: return g_strdup (k->name);
    case 1: *bold = TRUE; return format_value (layout->data, k->kind, k->value, FALSE);
    case 2: *color = COLOR_MUTED; return g_strdup (k->definition ? k->definition : "");
    default: g_assert_not_reached ();
    }
}

static const char *
reason_text (const char *code)
{
  static const struct { const char *code; const char *text; } reasons[] = {
    { "low_score", N_("Low scorecard") },
    { "low_utilisation", N_("Low licence utilisation") },
    { "interaction_gap", N_("No recent interaction") },
    { "detractor", N_("NPS detractor") },
    { "contraction", N_("MRR contracted") },
    { "churn_due", N_("Churn due within 30 days") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (code, reasons[i].code) == 0)
      return _(reasons[i].text);
  return code;
}

static char *
at_risk_cell (TenureReportLayout *layout,
              gconstpointer       item,
              guint               column,
              Color              *color,
              gboolean           *bold)
{
  const TenureReportAtRisk *a = item;

  if (column == 0)
    return g_strdup (a->account);
  else
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; a->reasons[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (text, "  ·  ");
          g_string_append (text, reason_text (a->reasons[i]));
        }
      return g_string_free (text, FALSE);
    }
}

static char *
definition_cell (TenureReportLayout *layout,
                 gconstpointer       item,
                 guint               column,
                 Color              *color,
                 gboolean           *bold)
{
  const TenureReportDefinition *d = item;

  if (column == 0)
    {
      *bold = TRUE;
      return g_strdup (d->name);
    }
  return g_strdup (d->text);
}

static char *
score_cell (TenureReportLayout *layout,
            double              score,
            Color              *color)
{
  if (isfinite (score) && score < layout->data->flag_threshold)
    *color = COLOR_BAD;
  return tenure_chart_format_number (score, 1);
}

static char *
progress_cell (TenureReportLayout *layout,
               gconstpointer       item,
               guint               column,
               Color              *color,
               gboolean           *bold)
{
  const TenureReportProgress *p = item;
  guint n_areas = tenure_report_data_get_n_areas (layout->data);

  if (column == 0)
    return g_strdup (p->account);
  if (column == 1)
    return g_strdup (p->associate ? p->associate : TENURE_CHART_UNDEFINED);
  if (column == 2)
    return g_strdup (p->end_date ? p->end_date : TENURE_CHART_UNDEFINED);
  if (column == 3)
    return p->type >= 1 && p->type <= 4 ? g_strdup_printf ("%u", p->type) : g_strdup (TENURE_CHART_UNDEFINED);
  if (column < 4 + n_areas)
    return score_cell (layout, p->scores[column - 4], color);

  switch (column - 4 - n_areas)
    {
    case 0:
      *bold = TRUE;
      return score_cell (layout, p->overall, color);
    case 1: return money_cell (layout, p->arr_last_year);
    case 2: return money_cell (layout, p->arr_target_delta);
    case 3:
      if (p->arr_ytd < 0)
        *color = COLOR_BAD;
      return money_cell (layout, p->arr_ytd);
    case 4:
      *bold = TRUE;
      if (isfinite (p->progress) && p->progress < 0)
        *color = COLOR_BAD;
      return tenure_chart_format_percent (p->progress, 0);
    default: g_assert_not_reached ();
    }
}

/* Drawing */

static void
draw_row (TenureReportLayout *layout,
          cairo_t            *cr,
          const Item         *item)
{
  const Table *table = item->table;
  const Row *row = item->index == G_MAXUINT ? NULL : &g_array_index (table->rows, Row, item->index);
  double line = layout->line_height[table->style];

  if (row == NULL || row->kind == ROW_GROUP)
    {
      const char *text = row ? row->text : item->text;
      double h = item->height;

      set_color (cr, COLOR_GROUP);
      cairo_rectangle (cr, item->x, item->y + 4, item->width, h - 4);
      cairo_fill (cr);
      show_text (layout, cr, STYLE_TILE_LABEL, COLOR_ACCENT, text,
                 item->x + CELL_PAD_X, item->y + 4 + (h - 4 - layout->line_height[STYLE_TILE_LABEL]) / 2,
                 item->width - 2 * CELL_PAD_X, 0, FALSE);
      return;
    }

  if (row->kind == ROW_NOTE)
    {
      show_text (layout, cr, STYLE_NOTE, COLOR_MUTED, row->text, item->x + CELL_PAD_X, item->y + 6,
                 item->width - 2 * CELL_PAD_X, 0, TRUE);
      return;
    }

  if (row->stripe)
    {
      set_color (cr, COLOR_STRIPE);
      cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      cairo_fill (cr);
    }

  {
    double x = item->x;
    double pad_y = table->wrap ? (table->row_height - line) / 2 : (item->height - line) / 2;

    for (guint i = 0; i < table->n_columns; i++)
      {
        const Column *column = &table->columns[i];
        Color color = COLOR_INK;
        gboolean bold = FALSE;
        g_autofree char *text = table->cell (layout, row->item, i, &color, &bold);
        Style style = table->style;
        double avail = column->width - 2 * CELL_PAD_X;

        /* A figure is never cut: one too wide for its cell gets the
         * compact form ("$12.3M") instead of an ellipsis. */
        if (!column->wrap && column->xalign > 0.75 && strlen (text) > 8
            && measure_width (layout, style, text) > avail)
          {
            layout->compact_cells = TRUE;
            g_free (text);
            text = table->cell (layout, row->item, i, &color, &bold);
            layout->compact_cells = FALSE;
          }

        show_text_full (layout, cr, style, bold, color, text, x + CELL_PAD_X, item->y + pad_y, avail,
                        column->xalign, column->wrap, column->repeats);
        x += column->width;
      }
  }
}

static void
draw_header (TenureReportLayout *layout,
             cairo_t            *cr,
             const Item         *item)
{
  const Table *table = item->table;
  double x = item->x;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const Column *column = &table->columns[i];
      double avail = column->width - 2 * CELL_PAD_X;
      double h = measure_height (layout, STYLE_TH, column->title, avail);

      /* Titles sit on the rule, whatever their number of lines. */
      show_text (layout, cr, STYLE_TH, COLOR_MUTED, column->title, x + CELL_PAD_X,
                 item->y + item->height - 4 - h, avail, column->xalign, TRUE);
      x += column->width;
    }

  set_color (cr, COLOR_INK);
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, item->x, item->y + item->height - 0.5);
  cairo_rel_line_to (cr, item->width, 0);
  cairo_stroke (cr);
}

static void
draw_tile (TenureReportLayout *layout,
           cairo_t            *cr,
           const Item         *item)
{
  const TenureReportData *data = layout->data;
  const TenureReportKpi *kpi = &data->kpis[item->index];
  const char *prev_label = data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? _("QoQ") : _("MoM");
  double pad = 8;
  double w = item->width - 2 * pad;
  double y = item->y + pad;
  g_autofree char *value = format_value (data, kpi->kind, kpi->value, TRUE);
  double r = 3;

  cairo_new_sub_path (cr);
  cairo_arc (cr, item->x + item->width - r, item->y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, item->x + item->width - r, item->y + item->height - r, r, 0, G_PI / 2);
  cairo_arc (cr, item->x + r, item->y + item->height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, item->x + r, item->y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);

  {
    /* At most two lines of label: the value's place does not move. */
    PangoLayout *pl = prepare_text (layout, STYLE_TILE_LABEL, FALSE, kpi->label, w, 0, TRUE);

    pango_layout_set_height (pl, -2);
    pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    set_color (cr, COLOR_MUTED);
    cairo_move_to (cr, item->x + pad, y);
    pango_cairo_show_layout (cr, pl);
    pango_layout_set_height (pl, -1);
  }
  y += 2 * layout->line_height[STYLE_TILE_LABEL] + 2;

  /* A figure is never cut short: one too wide for the tile takes its
   * compact form, then a smaller size. */
  if (measure_width (layout, STYLE_TILE_VALUE, value) > w && kpi->kind == TENURE_REPORT_VALUE_COUNT)
    {
      g_free (value);
      value = tenure_chart_format_compact (kpi->value);
    }
  if (measure_width (layout, STYLE_TILE_VALUE, value) <= w)
    show_text (layout, cr, STYLE_TILE_VALUE, COLOR_INK, value, item->x + pad, y, w, 0, FALSE);
  else
    show_text (layout, cr, STYLE_TILE_VALUE_SMALL, COLOR_INK, value, item->x + pad,
               y + layout->line_height[STYLE_TILE_VALUE] - layout->line_height[STYLE_TILE_VALUE_SMALL], w, 0, TRUE);
  y += layout->line_height[STYLE_TILE_VALUE] + 3;

  for (int i = 0; i < 2; i++)
    {
      int sign;
      g_autofree char *change = format_change (data, kpi, i == 0 ? kpi->previous : kpi->year_ago, &sign);
      Color color = sign > 0 ? COLOR_GOOD : sign < 0 ? COLOR_BAD : COLOR_MUTED;
      g_autofree char *escaped = g_markup_escape_text (change, -1);
      g_autofree char *markup = g_strdup_printf ("<span font_features=\"tnum=1\" foreground=\"#%06x\" weight=\"bold\">%s</span>"
                                                 "  <span foreground=\"#%06x\">%s</span>",
                                                 colors[color], escaped, colors[COLOR_MUTED],
                                                 i == 0 ? prev_label : _("YoY"));

      show_markup (layout, cr, markup, item->x + pad, y, w);
      y += layout->line_height[STYLE_TILE_CHANGE] + 2;
    }
}

static void
draw_chart (TenureReportLayout *layout,
            cairo_t            *cr,
            const Item         *item)
{
  const ChartSlot *slot = &layout->charts[item->index];

  cairo_save (cr);
  cairo_rectangle (cr, item->x, item->y, item->width, item->height);
  cairo_clip (cr);
  cairo_translate (cr, item->x, item->y);
  cairo_scale (cr, CHART_SCALE, CHART_SCALE);
  slot->draw (cr, item->width / CHART_SCALE, item->height / CHART_SCALE, slot->user_data);
  cairo_restore (cr);
}

static void
draw_toc (TenureReportLayout *layout,
          cairo_t            *cr,
          const Item         *item)
{
  g_autofree char *page = g_strdup_printf ("%d", layout->section_page[item->index] + 1);

  show_text (layout, cr, STYLE_TOC, COLOR_INK, section_title (item->index), item->x, item->y,
             item->width - 40, 0, FALSE);
  show_text (layout, cr, STYLE_TOC, COLOR_INK, page, item->x + item->width - 40, item->y, 40, 1, FALSE);
  set_color (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, item->x, item->y + item->height - 0.25);
  cairo_rel_line_to (cr, item->width, 0);
  cairo_stroke (cr);
}

static void
draw_footer (TenureReportLayout *layout,
             cairo_t            *cr,
             guint               index,
             double              width,
             double              height,
             gboolean            landscape)
{
  double left = landscape ? 40 : 50;
  double y = height - (landscape ? 34 : 40);
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), index + 1, layout->pages->len);

  set_color (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, y - 6);
  cairo_rel_line_to (cr, width - 2 * left, 0);
  cairo_stroke (cr);
  show_text (layout, cr, STYLE_FOOTER, COLOR_MUTED, layout->footer, left, y, width - 2 * left - 80, 0, FALSE);
  show_text (layout, cr, STYLE_FOOTER, COLOR_MUTED, page, width - left - 80, y, 80, 1, FALSE);
}

/* Sections */

static void
layout_cover (TenureReportLayout *layout,
              Flow               *flow)
{
  const TenureReportData *data = layout->data;
  g_autofree char *prepared = format_date (data->prepared_on);
  g_autofree char *meta = NULL;
  const char *name = data->workspace_name && *data->workspace_name ? data->workspace_name : _("Untitled workspace");

  flow_new_page (flow, FALSE);
  flow->y = flow->top + 150;
  flow_add (flow, ITEM_RULE, flow->left, flow->y, 48, 3)->color = COLOR_ACCENT;
  flow->y += 16;
  flow->y += flow_text (flow, STYLE_COVER_KICKER, COLOR_ACCENT, _("Board report"), flow->left, flow->width, 0) + 10;
  flow->y += flow_text (flow, STYLE_COVER_TITLE, COLOR_INK, name, flow->left, flow->width, 0) + 6;
  flow->y += flow_text (flow, STYLE_COVER_PERIOD, COLOR_INK,
                        data->period_label && *data->period_label ? data->period_label : _("No period"),
                        flow->left, flow->width, 0) + 18;
  if (prepared && *prepared)
    meta = g_strdup_printf (_("Prepared %s · Figures in %s"), prepared, data->currency);
  else
    meta = g_strdup_printf (_("Figures in %s"), data->currency);
  flow->y += flow_text (flow, STYLE_COVER_META, COLOR_MUTED, meta, flow->left, flow->width, 0);

  flow->y = flow->bottom - N_SECTIONS * 22 - 30;
  flow_text (flow, STYLE_H2, COLOR_INK, _("Contents"), flow->left, flow->width, 0);
  flow->y += layout->line_height[STYLE_H2] + 8;
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      Item *item = flow_add (flow, ITEM_TOC, flow->left, flow->y, flow->width * 0.6, 20);

      item->index = s;
      flow->y += 22;
    }
}

static gboolean
report_is_empty (const TenureReportData *data)
{
  for (guint i = 0; i < TENURE_REPORT_N_KPIS; i++)
    if (!isnan (data->kpis[i].value))
      return FALSE;
  return data->periods->len == 0 && data->cohorts->len == 0 && data->segments->len == 0
         && data->key_kpis->len == 0 && data->progress->len == 0 && !data->has_bridge;
}

static void
layout_summary (TenureReportLayout *layout,
                Flow               *flow)
{
  const TenureReportData *data = layout->data;
  guint columns = 5;
  double tile_w = (flow->width - (columns - 1) * TILE_GAP) / columns;
  double tile_h = 16 + 2 * layout->line_height[STYLE_TILE_LABEL] + 2
                  + layout->line_height[STYLE_TILE_VALUE] + 3
                  + 2 * (layout->line_height[STYLE_TILE_CHANGE] + 2);

  flow_section (flow, SECTION_SUMMARY, TRUE, FALSE, 0);
  if (report_is_empty (data))
    {
      flow_paragraph (flow, STYLE_BODY, COLOR_BAD,
                      _("This workspace has no data for the period yet: import accounts, deals and subscriptions, then print the report again."));
      flow->y += 6;
    }
  for (guint i = 0; i < TENURE_REPORT_N_KPIS; i++)
    {
      Item *item = flow_add (flow, ITEM_TILE, flow->left + (i % columns) * (tile_w + TILE_GAP),
                             flow->y + (i / columns) * (tile_h + TILE_GAP), tile_w, tile_h);

      item->index = i;
    }
  flow->y += ((TENURE_REPORT_N_KPIS + columns - 1) / columns) * (tile_h + TILE_GAP);
  {
    g_autofree char *prev = g_strdup_printf (_("Changes: %s against the previous %s, YoY against the same %s a year earlier."),
                                             data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? _("QoQ") : _("MoM"),
                                             data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? _("quarter") : _("month"),
                                             data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? _("quarter") : _("month"));

    flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, prev);
  }
  flow->y += BLOCK_GAP;

  {
    guint n = data->periods->len;
    guint year = data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? 4 : 12;
    const TenureReportPeriod *prev = n >= 2 ? g_ptr_array_index (data->periods, n - 2) : NULL;
    const TenureReportPeriod *ago = n > year ? g_ptr_array_index (data->periods, n - 1 - year) : NULL;
    Table *table = table_new (layout, kpi_cell, STYLE_TD, 14);

    table_add_column (table, _("Metric"), 190, 0, 0);
    table_add_column (table, data->period_label && *data->period_label ? data->period_label : _("This period"), 100, 1, 0);
    table_add_column (table, prev ? prev->label
                             : data->period_kind == TENURE_REPORT_PERIOD_QUARTER ? _("Previous quarter") : _("Previous month"),
                      100, 1, 0);
    table_add_column (table, ago ? ago->label : _("A year earlier"), 100, 1, 0);
    for (guint i = 0; i < TENURE_REPORT_N_KPIS; i++)
      table_add_row (table, ROW_BODY, &data->kpis[i], NULL);
    flow_subheading (flow, _("Key figures"), table->row_height * 4 + 30);
    flow_table (flow, table, _("Key figures"));
  }

  if (data->missing->len > 0)
    {
      GString *text = g_string_new (NULL);
      double h;
      Item *box;

      for (guint i = 0; i < data->missing->len; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (data->missing, i));
      h = measure_height (layout, STYLE_NOTE, text->str, flow->width - 20);
      box = flow_add (flow, ITEM_FILL, flow->left, flow->y, flow->width, h + 30);
      box->color = COLOR_NOTE_BG;
      flow->y += 8;
      flow_text (flow, STYLE_TILE_LABEL, COLOR_INK, _("Missing data"), flow->left + 10, flow->width - 20, 0);
      flow->y += layout->line_height[STYLE_TILE_LABEL] + 4;
      flow->y += flow_text (flow, STYLE_NOTE, COLOR_INK, text->str, flow->left + 10, flow->width - 20, 0);
      flow->y += 10 + BLOCK_GAP;
      g_string_free (text, TRUE);
    }

  flow_chart (flow, TENURE_REPORT_CHART_BRIDGE, flow->bottom - flow->y >= 200 ? MIN (280, flow->bottom - flow->y) : 260,
              _("No MRR bridge: there are no subscriptions, so no MRR to bridge."));
}

static void
layout_revenue (TenureReportLayout *layout,
                Flow               *flow)
{
  const TenureReportData *data = layout->data;
  Table *table;

  flow_section (flow, SECTION_REVENUE, layout->charts[TENURE_REPORT_CHART_QUICK_RATIO].has_data || data->periods->len > 0, FALSE, 60);
  flow_chart (flow, TENURE_REPORT_CHART_QUICK_RATIO, 270,
              _("No MRR movements: no subscriptions have been imported."));

  if (data->periods->len == 0)
    return;

  table = table_new (layout, movements_cell, STYLE_TD, 15);
  table_add_column (table, _("Period"), 70, 0, 0);
  table_add_column (table, _("New"), 60, 1, 0);
  table_add_column (table, _("Expansion"), 60, 1, 0);
  table_add_column (table, _("Reactivation"), 60, 1, 0);
  table_add_column (table, _("Contraction"), 60, 1, 0);
  table_add_column (table, _("Churn"), 60, 1, 0);
  table_add_column (table, _("Net new MRR"), 64, 1, 0);
  table_add_column (table, _("Quick ratio"), 50, 1, 0);
  for (guint i = trend_start (data); i < data->periods->len; i++)
    table_add_row (table, ROW_BODY, g_ptr_array_index (data->periods, i), NULL);
  table_add_row (table, ROW_NOTE, NULL,
                 data->quick_ratio_reactivation
                 ? _("Quick ratio = (new + expansion + reactivation) / (churn + contraction). Contraction and churn are shown as negative amounts.")
                 : _("Quick ratio = (new + expansion) / (churn + contraction); reactivation is not counted. Contraction and churn are shown as negative amounts."));
  flow_subheading (flow, _("MRR movements by period"), table->row_height * 4 + 30);
  flow_table (flow, table, _("MRR movements by period"));
}

static void
layout_lifecycle (TenureReportLayout *layout,
                  Flow               *flow)
{
  flow_section (flow, SECTION_LIFECYCLE, layout->charts[TENURE_REPORT_CHART_LIFECYCLE].has_data || layout->charts[TENURE_REPORT_CHART_TRANSITIONS].has_data, FALSE, 60);
  /* Tall enough that the charts library gives the new and churned panel
   * three ticks: with two it draws an empty panel. */
  flow_chart (flow, TENURE_REPORT_CHART_LIFECYCLE, 320,
              _("No journey stages: no account is active, or no stages are set."));
  flow_chart (flow, TENURE_REPORT_CHART_TRANSITIONS, MIN (320, flow->bottom - flow->y),
              _("No stage transitions for this period."));
}

/* The ages a board reads retention at: the cells of the triangle are too
 * small to carry figures once it spans two years. */
static const guint milestone_ages[] = { 1, 3, 6, 12, 18, 24 };

static char *
milestone_cell (TenureReportLayout *layout,
                gconstpointer       item,
                guint               column,
                Color              *color,
                gboolean           *bold)
{
  const TenureReportData *data = layout->data;
  guint age;

  if (column == 0)
    return g_strdup (_("All cohorts, weighted average"));
  age = milestone_ages[column - 1];
  *bold = TRUE;
  return tenure_chart_format_percent (age < data->n_cohort_average ? data->cohort_average[age] : NAN, 1);
}

static void
layout_cohorts (TenureReportLayout *layout,
                Flow               *flow)
{
  const TenureReportData *data = layout->data;
  guint n = layout->cohorts->n_cohorts;

  flow_section (flow, SECTION_COHORTS, layout->charts[TENURE_REPORT_CHART_COHORTS].has_data, FALSE, 60);
  flow_chart (flow, TENURE_REPORT_CHART_COHORTS, MIN (flow->bottom - flow->y - 90, 170 + (n + 1) * 15),
              _("No cohorts: no account has originated yet."));
  if (data->cohorts->len > MAX_COHORTS)
    {
      g_autofree char *note = g_strdup_printf (_("The latest %u monthly cohorts of %u."), MAX_COHORTS,
                                               data->cohorts->len);

      flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, note);
    }

  if (data->n_cohort_average > 1)
    {
      Table *table = table_new (layout, milestone_cell, STYLE_TD, 15);

      table_add_column (table, _("Logo retention"), 160, 0, 0);
      for (guint i = 0; i < G_N_ELEMENTS (milestone_ages); i++)
        {
          g_autofree char *title = g_strdup_printf (_("Month %u"), milestone_ages[i]);

          table_add_column (table, title, 55, 1, 0);
        }
      table_add_row (table, ROW_BODY, layout, NULL);
      table_add_row (table, ROW_NOTE, NULL,
                     _("Share of a cohort's accounts still active the given number of months after origination; "
                       "— where no cohort is that old yet."));
      flow->y += 4;
      flow_table (flow, table, section_title (SECTION_COHORTS));
    }
}

static void
layout_segments (TenureReportLayout *layout,
                 Flow               *flow)
{
  const TenureReportData *data = layout->data;
  Table *table;

  flow_section (flow, SECTION_SEGMENTS, data->segments->len > 0, FALSE, 60);
  if (data->segments->len == 0)
    {
      flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED,
                      _("No segment economics: import funnel data (marketing and sales spend, leads) per segment."));
      return;
    }

  table = table_new (layout, segment_cell, STYLE_TD, 15);
  table_add_column (table, _("Segment"), 90, 0, 0);
  table_add_column (table, _("New accounts"), 50, 1, 0);
  table_add_column (table, _("CAC"), 60, 1, 0);
  table_add_column (table, _("ACV"), 60, 1, 0);
  table_add_column (table, _("LTV"), 64, 1, 0);
  table_add_column (table, _("LTV / CAC"), 46, 1, 0);
  table_add_column (table, _("ACV / CAC"), 46, 1, 0);
  table_add_column (table, _("CAC payback"), 50, 1, 0);
  for (guint i = 0; i < data->segments->len; i++)
    table_add_row (table, ROW_BODY, g_ptr_array_index (data->segments, i), NULL);
  table_add_row (table, ROW_NOTE, NULL,
                 _("Trailing twelve months. LTV / CAC below 3× is shown in red."));
  flow_table (flow, table, section_title (SECTION_SEGMENTS));
  flow_chart (flow, TENURE_REPORT_CHART_SEGMENTS, MIN (270, flow->bottom - flow->y), "");
}

static void
layout_key_accounts (TenureReportLayout *layout,
                     Flow               *flow)
{
  const TenureReportData *data = layout->data;
  Table *table;

  flow_section (flow, SECTION_KEY_ACCOUNTS, data->key_kpis->len > 0 || data->at_risk->len > 0, FALSE, 60);
  if (data->key_kpis->len == 0)
    flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED,
                    _("No key-account KPIs: import survey responses, touchpoints and seat counts."));
  else
    {
      table = table_new (layout, key_kpi_cell, STYLE_TD, 16);
      table_add_column (table, _("KPI"), 130, 0, 0);
      table_add_column (table, _("Value"), 70, 1, 0);
      table_add_column (table, _("Definition"), 290, 0, COLUMN_WRAP);
      for (guint i = 0; i < data->key_kpis->len; i++)
        table_add_row (table, ROW_BODY, g_ptr_array_index (data->key_kpis, i), NULL);
      flow_table (flow, table, section_title (SECTION_KEY_ACCOUNTS));
    }

  flow_section (flow, SECTION_AT_RISK, FALSE, FALSE, 60);
  if (data->at_risk->len == 0)
    {
      flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, _("No active account is at risk."));
      return;
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u active account at risk.",
                                                           "%u active accounts at risk.", data->at_risk->len),
                                              data->at_risk->len);

    flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, count);
  }
  table = table_new (layout, at_risk_cell, STYLE_TD, 15);
  table_add_column (table, _("Account"), 160, 0, 0);
  table_add_column (table, _("Reasons"), 330, 0, COLUMN_WRAP);
  for (guint i = 0; i < data->at_risk->len; i++)
    table_add_row (table, ROW_BODY, g_ptr_array_index (data->at_risk, i), NULL);
  table_add_row (table, ROW_NOTE, NULL,
                 _("Low scorecard: overall score below the flag threshold. Low licence utilisation: assigned "
                   "seats below the utilisation threshold. No recent interaction: no touchpoint for longer than "
                   "the interaction gap. NPS detractor: latest NPS answer 0–6. MRR contracted: MRR fell in the "
                   "latest period. Churn due: within 30 days of its churn date (inactivity rule)."));
  flow_table (flow, table, section_title (SECTION_AT_RISK));
}

static const char *
type_title (guint type)
{
  switch (type)
    {
    case 1: return _("Type 1 · Signed multi-year strategic agreement");
    case 2: return _("Type 2 · Potential strategic partner");
    case 3: return _("Type 3 · Modest with upside");
    case 4: return _("Type 4 · Low-level, monitored");
    default: return _("No account type");
    }
}

static int
progress_by_overall (gconstpointer a,
                     gconstpointer b)
{
  const TenureReportProgress *pa = *(TenureReportProgress **) a;
  const TenureReportProgress *pb = *(TenureReportProgress **) b;

  if (pa->overall != pb->overall)
    return pa->overall < pb->overall ? -1 : 1;
  return g_strcmp0 (pa->account, pb->account);
}

static void
layout_progress (TenureReportLayout *layout,
                 Flow               *flow)
{
  const TenureReportData *data = layout->data;
  guint n_areas = tenure_report_data_get_n_areas (data);
  GPtrArray *groups[6] = { NULL };
  guint rest = data->progress_unlisted;
  guint n_flagged = 0;
  guint n_listed = 0;
  g_autofree char *threshold = tenure_chart_format_number (data->flag_threshold, 1);
  g_autofree char *intro = NULL;
  Table *table;

  flow_section (flow, SECTION_PROGRESS, data->progress->len > 0 || data->progress_unlisted > 0,
                data->progress->len > 0 || data->progress_unlisted > 0, 60);
  if (data->progress->len == 0 && rest == 0)
    {
      flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED,
                      _("No scorecards: import score entries and targets to see account progress."));
      return;
    }

  /* Flagged accounts first, worst first, whatever their type; then the
   * types in order, in the caller's order. Each account is listed once. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    groups[i] = g_ptr_array_new ();
  for (guint i = 0; i < data->progress->len; i++)
    {
      TenureReportProgress *p = g_ptr_array_index (data->progress, i);
      guint type = p->type >= 1 && p->type <= 4 ? p->type : 0;

      if (p->flagged)
        {
          g_ptr_array_add (groups[5], p);
          n_flagged++;
        }
      else if (layout->options.all_accounts || type == 1 || type == 2)
        g_ptr_array_add (groups[type], p);
      else
        rest++;
    }
  g_ptr_array_sort (groups[5], progress_by_overall);

  table = table_new (layout, progress_cell, STYLE_TD_SMALL, 13);
  table_add_column (table, _("Account"), 120, 0, 0);
  table_add_column (table, _("Sales associate"), 80, 0, COLUMN_REPEATS);
  table_add_column (table, _("Account end date"), 54, 0, COLUMN_REPEATS);
  table_add_column (table, _("Type"), 26, 1, COLUMN_REPEATS);
  for (guint a = 0; a < n_areas; a++)
    table_add_column (table, data->area_names[a], 230.0 / 5, 1, COLUMN_REPEATS);
  table_add_column (table, _("Overall"), 38, 1, COLUMN_REPEATS);
  table_add_column (table, _("ARR last year"), 60, 1, 0);
  table_add_column (table, _("ΔARR target"), 58, 1, 0);
  table_add_column (table, _("ARR YTD"), 58, 1, 0);
  table_add_column (table, _("Progress"), 44, 1, COLUMN_REPEATS);

  {
    static const guint order[] = { 5, 1, 2, 3, 4, 0 };

    for (guint g = 0; g < G_N_ELEMENTS (order); g++)
      {
        GPtrArray *rows = groups[order[g]];
        g_autofree char *title = NULL;

        if (rows->len == 0)
          continue;
        if (order[g] == 5)
          title = g_strdup_printf (_("Flagged · overall score below %s (%u)"), threshold, rows->len);
        else
          title = g_strdup_printf ("%s (%u)", type_title (order[g]), rows->len);
        table_add_row (table, ROW_GROUP, NULL, title);
        for (guint i = 0; i < rows->len; i++)
          table_add_row (table, ROW_BODY, g_ptr_array_index (rows, i), NULL);
        n_listed += rows->len;
      }
  }

  if (rest > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u further account (type 3, 4 or none, not flagged) is not listed; print with all accounts to list it.",
                                                            "%u further accounts (type 3, 4 or none, not flagged) are not listed; print with all accounts to list them.",
                                                            rest),
                                               rest);

      table_add_row (table, ROW_NOTE, NULL, note);
    }

  {
    g_autofree char *listed = tenure_chart_format_number (n_listed, 0);
    g_autofree char *total = tenure_chart_format_number (data->progress->len + data->progress_unlisted, 0);
    g_autofree char *flagged = tenure_chart_format_number (n_flagged, 0);

    intro = layout->options.all_accounts
      ? g_strdup_printf (_("All %s scored accounts; %s flagged (overall score below %s). Scores 0–10; scores below the threshold in red."),
                         total, flagged, threshold)
      : g_strdup_printf (_("%s of %s accounts: every type 1 and 2 account and every flagged account; %s flagged (overall score below %s). Scores 0–10; scores below the threshold in red."),
                         listed, total, flagged, threshold);
  }
  flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, intro);
  flow->y += 4;
  flow_table (flow, table, section_title (SECTION_PROGRESS));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_ptr_array_unref (groups[i]);
}

static const char *
churn_rule_text (const TenureReportData *data)
{
  if (g_strcmp0 (data->churn_rule, "inactivity") == 0)
    return _("Inactivity: an account is active while it has won a deal within the inactivity window, and churns when the window passes without one.");
  if (g_strcmp0 (data->churn_rule, "explicit") == 0)
    return _("Explicit: an account churns on a recorded churn event and is active from its origination or reactivation until then.");
  return _("Contract: an account is active while it has a contract line with MRR above zero, and churns on the first day without one.");
}

static void
add_default_definitions (TenureReportLayout *layout)
{
  static const char * const defs[][2] = {
    { N_("Active accounts"), N_("Accounts active at the period's snapshot (its last day) under the churn rule below.") },
    { N_("ARR"), N_("Annual recurring revenue: 12 × the MRR of the contract lines active at the period's snapshot.") },
    { N_("Net new MRR"), N_("New + reactivation + expansion − contraction − churned MRR in the period; it equals the change in MRR.") },
    { N_("Logo churn"), N_("Accounts active at the previous snapshot that churned during the period, over the accounts active at the previous snapshot.") },
    { N_("Gross revenue retention"), N_("Trailing twelve months, over the accounts paying a year earlier: Σ min(MRR then, MRR now) / Σ MRR then.") },
    { N_("Net revenue retention"), N_("Trailing twelve months, over the same accounts: Σ MRR now / Σ MRR then.") },
    { N_("LTV / CAC"), N_("Lifetime value (ARPA × gross margin / monthly logo churn) over acquisition cost (marketing and sales spend per new account), trailing twelve months.") },
    { N_("Future account value"), N_("Expected remaining value of the active accounts, discounted, from the retention model fitted to every cohort.") },
    { N_("NPS"),
      /* xgettext:no-c-format */
      N_("Net promoter score: % promoters (9–10) − % detractors (0–6), over each account's latest response in the last twelve months.") },
    { N_("Account progress"), N_("Five areas scored 0–10; the overall score is the mean of the areas scored. Accounts below the flag threshold are flagged.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    {
      TenureReportDefinition *d = g_new0 (TenureReportDefinition, 1);

      d->name = g_strdup (_(defs[i][0]));
      d->text = g_strdup (_(defs[i][1]));
      g_ptr_array_add (layout->default_definitions, d);
    }
}

static void
layout_definitions (TenureReportLayout *layout,
                    Flow               *flow)
{
  const TenureReportData *data = layout->data;
  GPtrArray *defs = data->definitions->len > 0 ? data->definitions : layout->default_definitions;
  TenureReportDefinition *rule = &layout->churn_rule;
  TenureReportDefinition *quick = &layout->quick_ratio_rule;
  Table *table;

  flow_section (flow, SECTION_DEFINITIONS, TRUE, FALSE, 0);
  table = table_new (layout, definition_cell, STYLE_TD, 15);
  table_add_column (table, _("Metric"), 120, 0, 0);
  table_add_column (table, _("Definition"), 375, 0, COLUMN_WRAP);

  /* The two choices that change the numbers come first. */
  rule->name = (char *) _("Churn rule");
  rule->text = (char *) churn_rule_text (data);
  quick->name = (char *) _("Quick ratio");
  quick->text = data->quick_ratio_reactivation
    ? (char *) _("(new + expansion + reactivation MRR) / (churned + contraction MRR): this workspace counts reactivation.")
    : (char *) _("(new + expansion MRR) / (churned + contraction MRR), the original definition: reactivation is not counted.");
  table_add_row (table, ROW_BODY, rule, NULL);
  table_add_row (table, ROW_BODY, quick, NULL);
  for (guint i = 0; i < defs->len; i++)
    table_add_row (table, ROW_BODY, g_ptr_array_index (defs, i), NULL);
  flow_table (flow, table, section_title (SECTION_DEFINITIONS));

  flow_subheading (flow, _("Missing data"), 30);
  if (data->missing->len == 0)
    flow_paragraph (flow, STYLE_NOTE, COLOR_MUTED, _("Nothing is missing: every figure has the data it needs."));
  for (guint i = 0; i < data->missing->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("•  %s", (char *) g_ptr_array_index (data->missing, i));

      flow_paragraph (flow, STYLE_NOTE, COLOR_INK, line);
    }
}

/* Public API */

/**
 * tenure_report_paper_get_size:
 * @paper: a paper size
 * @width: (out): portrait width in points
 * @height: (out): portrait height in points
 *
 * Gives the size of @paper in points, portrait.
 */
void
tenure_report_paper_get_size (TenureReportPaper  paper,
                              double            *width,
                              double            *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  if (paper == TENURE_REPORT_PAPER_LETTER)
    {
      *width = 612;
      *height = 792;
    }
  else
    {
      /* 210 × 297 mm */
      *width = 210 / 25.4 * 72;
      *height = 297 / 25.4 * 72;
    }
}

/**
 * tenure_report_layout_new:
 * @data: the report's data; it must outlive the layout
 * @options: (nullable): layout options; %NULL for the board view
 * @page_width: portrait page width in points
 * @page_height: portrait page height in points
 *
 * Lays out the whole report: pages are decided here, once, so the page
 * count and every "Page N of M" are known before anything is drawn. Pages
 * that hold a wide table are landscape: they are @page_height wide.
 *
 * Returns: (transfer full): the layout
 */
TenureReportLayout *
tenure_report_layout_new (const TenureReportData    *data,
                          const TenureReportOptions *options,
                          double                     page_width,
                          double                     page_height)
{
  TenureReportLayout *layout;
  Flow flow = { 0 };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (page_width > 100 && page_height > 100, NULL);

  layout = g_new0 (TenureReportLayout, 1);
  layout->data = data;
  if (options != NULL)
    layout->options = *options;
  layout->page_width = MIN (page_width, page_height);
  layout->page_height = MAX (page_width, page_height);
  layout->pages = g_ptr_array_new_with_free_func (page_free);
  layout->tables = g_ptr_array_new_with_free_func (table_free);
  layout->default_definitions = g_ptr_array_new ();
  layout->footer = g_strdup_printf ("%s  ·  %s%s%s",
                                    data->workspace_name && *data->workspace_name
                                      ? data->workspace_name : _("Untitled workspace"),
                                    _("Board report"),
                                    data->period_label && *data->period_label ? "  ·  " : "",
                                    data->period_label ? data->period_label : "");
  init_text (layout);
  build_charts (layout);
  add_default_definitions (layout);

  flow.layout = layout;
  layout_cover (layout, &flow);
  layout_summary (layout, &flow);
  layout_revenue (layout, &flow);
  layout_lifecycle (layout, &flow);
  layout_cohorts (layout, &flow);
  layout_segments (layout, &flow);
  layout_key_accounts (layout, &flow);
  layout_progress (layout, &flow);
  layout_definitions (layout, &flow);

  return layout;
}

static void
definition_free (gpointer p)
{
  TenureReportDefinition *d = p;

  g_free (d->name);
  g_free (d->text);
  g_free (d);
}

/**
 * tenure_report_layout_free:
 * @layout: (transfer full) (nullable): a layout
 *
 * Frees @layout; the report data it was made from is not touched.
 */
void
tenure_report_layout_free (TenureReportLayout *layout)
{
  if (layout == NULL)
    return;

  g_ptr_array_unref (layout->pages);
  g_ptr_array_unref (layout->tables);
  for (guint i = 0; i < N_STYLES; i++)
    {
      g_clear_object (&layout->layouts[i][0]);
      g_clear_object (&layout->layouts[i][1]);
    }
  g_clear_object (&layout->markup_layout);
  g_hash_table_unref (layout->text_cache);
  g_string_free (layout->cache_key, TRUE);
  g_clear_object (&layout->context);
  tenure_chart_quick_ratio_data_free (layout->quick_ratio);
  tenure_chart_bridge_data_free (layout->bridge);
  tenure_chart_lifecycle_data_free (layout->lifecycle);
  tenure_chart_transitions_data_free (layout->transitions);
  tenure_chart_cohorts_data_free (layout->cohorts);
  tenure_chart_segments_data_free (layout->segments);
  g_ptr_array_set_free_func (layout->default_definitions, definition_free);
  g_ptr_array_unref (layout->default_definitions);
  g_free (layout->footer);
  g_free (layout);
}

/**
 * tenure_report_layout_get_n_pages:
 * @layout: a layout
 *
 * Returns: the number of pages, the cover included
 */
guint
tenure_report_layout_get_n_pages (TenureReportLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

/**
 * tenure_report_layout_page_is_landscape:
 * @layout: a layout
 * @page: page index, from 0
 *
 * Whether @page is landscape; a print operation sets the page's orientation
 * from it before drawing (GtkPrintOperation::request-page-setup).
 *
 * Returns: %TRUE for a landscape page
 */
gboolean
tenure_report_layout_page_is_landscape (TenureReportLayout *layout,
                                        guint               page)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (page < layout->pages->len, FALSE);

  return ((Page *) g_ptr_array_index (layout->pages, page))->landscape;
}

/**
 * tenure_report_layout_draw_page:
 * @layout: a layout
 * @cr: a context whose user space is the page in points, origin top left,
 *   oriented as tenure_report_layout_page_is_landscape() says
 * @page: page index, from 0
 *
 * Draws one page: its content and its footer. Drawing does not change the
 * layout, so pages can be drawn in any order and more than once.
 */
void
tenure_report_layout_draw_page (TenureReportLayout *layout,
                                cairo_t            *cr,
                                guint               page)
{
  const Page *p;
  double w, h;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < layout->pages->len);

  p = g_ptr_array_index (layout->pages, page);
  page_geometry (layout, p->landscape, &w, &h);

  cairo_save (cr);
  for (guint i = 0; i < p->items->len; i++)
    {
      const Item *item = &g_array_index (p->items, Item, i);

      switch (item->kind)
        {
        case ITEM_TEXT:
          show_text (layout, cr, item->style, item->color, item->text, item->x, item->y, item->width,
                     item->xalign, TRUE);
          break;
        case ITEM_RULE:
          set_color (cr, item->color);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;
        case ITEM_FILL:
          set_color (cr, item->color);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;
        case ITEM_CHART:
          draw_chart (layout, cr, item);
          break;
        case ITEM_TILE:
          draw_tile (layout, cr, item);
          break;
        case ITEM_HEADER:
          draw_header (layout, cr, item);
          break;
        case ITEM_ROW:
          draw_row (layout, cr, item);
          break;
        case ITEM_TOC:
          draw_toc (layout, cr, item);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_footer (layout, cr, page, w, h, p->landscape);
  cairo_restore (cr);
}

/**
 * tenure_report_write_pdf:
 * @data: the report's data
 * @options: (nullable): paper size and options; %NULL for A4, board view
 * @path: the PDF file to write (replaced if it exists)
 * @error: return location for a #TENURE_REPORT_ERROR
 *
 * Lays out the report and writes it as a vector PDF: text stays text, fonts
 * are embedded (subsetted). The file is written beside @path and renamed
 * into place, so a failed export leaves any previous file as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_report_write_pdf (const TenureReportData    *data,
                         const TenureReportOptions *options,
                         const char                *path,
                         GError                   **error)
{
  g_autoptr(TenureReportLayout) layout = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double w, h;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tenure_report_paper_get_size (options ? options->paper : TENURE_REPORT_PAPER_A4, &w, &h);
  layout = tenure_report_layout_new (data, options, w, h);

  tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  surface = cairo_pdf_surface_create (tmp, w, h);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      title = g_strdup_printf ("%s — %s — %s", _("Board report"),
                               data->workspace_name && *data->workspace_name ? data->workspace_name : _("Untitled workspace"),
                               data->period_label ? data->period_label : "");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tenure " PACKAGE_VERSION);

      for (guint i = 0; i < layout->pages->len; i++)
        {
          cairo_t *cr;
          gboolean landscape = tenure_report_layout_page_is_landscape (layout, i);

          cairo_pdf_surface_set_size (surface, landscape ? h : w, landscape ? w : h);
          cr = cairo_create (surface);
          tenure_report_layout_draw_page (layout, cr, i);
          cairo_show_page (cr);
          status = cairo_status (cr);
          cairo_destroy (cr);
          if (status != CAIRO_STATUS_SUCCESS)
            break;
        }
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, TENURE_REPORT_ERROR, TENURE_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, TENURE_REPORT_ERROR, TENURE_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
