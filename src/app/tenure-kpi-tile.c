/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-kpi-tile"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tenure-charts.h"
#include "tenure-kpi-tile.h"

/**
 * TenureKpiTile:
 *
 * A card with one key figure: its name, its value, how it changed against
 * the previous period and a year before (green when the change is good for
 * this figure, red when bad), and a sparkline of its recent history.
 *
 * Only libadwaita's own style classes are used (card, caption-heading,
 * title-1, numeric, success, error, dim-label), so it needs no CSS of its
 * own and follows the light and dark styles.
 */
struct _TenureKpiTile
{
  GtkWidget                 parent_instance;

  /* Children */
  GtkWidget                *box;
  GtkLabel                 *title_label;
  GtkLabel                 *value_label;
  GtkLabel                 *previous_label;
  GtkLabel                 *year_label;
  GtkDrawingArea           *sparkline_area;

  /* Owned */
  char                     *title;
  char                     *value;
  char                     *previous_text;
  char                     *year_text;
  TenureChartSparklineData *sparkline;
  int                       previous_sign;
  int                       year_sign;
  gboolean                  higher_is_better;
};

G_DEFINE_FINAL_TYPE (TenureKpiTile, tenure_kpi_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_HIGHER_IS_BETTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Changes smaller than this show as 0.0 %: no arrow, no colour. */
#define NEGLIGIBLE_CHANGE 0.0005

#define ARROW_UP "\xe2\x96\xb2"    /* ▲ */
#define ARROW_DOWN "\xe2\x96\xbc"  /* ▼ */

/* g_set_str() is GLib 2.76. */
static gboolean
set_string (char       **ptr,
            const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static int
sign_of (double change)
{
  if (isnan (change) || fabs (change) < NEGLIGIBLE_CHANGE)
    return 0;
  return change > 0 ? 1 : -1;
}

static char *
format_change (double      change,
               const char *compared_with)
{
  g_autofree char *amount = NULL;

  if (isnan (change))
    amount = g_strdup (TENURE_CHART_UNDEFINED);
  else
    amount = tenure_chart_format_percent (sign_of (change) == 0 ? 0.0 : fabs (change), 1);
  if (compared_with == NULL || *compared_with == '\0')
    return g_steal_pointer (&amount);
  /* Translators: a change and what it is compared with: "4.2% vs last month" */
  return g_strdup_printf (_("%s vs %s"), amount, compared_with);
}

static void
update_change_label (TenureKpiTile *self,
                     GtkLabel      *label,
                     const char    *text,
                     int            sign)
{
  GtkWidget *widget = GTK_WIDGET (label);
  g_autofree char *shown = NULL;
  int goodness = self->higher_is_better ? sign : -sign;

  gtk_widget_set_visible (widget, text != NULL && *text != '\0');
  if (text == NULL)
    return;
  if (sign > 0)
    shown = g_strdup_printf (ARROW_UP " %s", text);
  else if (sign < 0)
    shown = g_strdup_printf (ARROW_DOWN " %s", text);
  else
    shown = g_strdup (text);
  gtk_label_set_text (label, shown);

  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "dim-label");
  if (goodness > 0)
    gtk_widget_add_css_class (widget, "success");
  else if (goodness < 0)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "dim-label");
}

/* The arrows mean nothing read aloud: the accessible text says the words. */
static void
append_accessible_change (GString    *out,
                          const char *text,
                          int         sign)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (out, ". ");
  if (sign > 0)
    /* Translators: read aloud for a key figure that went up: "Up 4.2% vs last month" */
    g_string_append_printf (out, C_("kpi change", "Up %s"), text);
  else if (sign < 0)
    /* Translators: read aloud for a key figure that went down */
    g_string_append_printf (out, C_("kpi change", "Down %s"), text);
  else
    g_string_append (out, text);
}

static void
update_accessible (TenureKpiTile *self)
{
  g_autoptr(GString) text = g_string_new (self->title ? self->title : "");

  g_string_append (text, ": ");
  g_string_append (text, self->value ? self->value : TENURE_CHART_UNDEFINED);
  append_accessible_change (text, self->previous_text, self->previous_sign);
  append_accessible_change (text, self->year_text, self->year_sign);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
update_changes (TenureKpiTile *self)
{
  update_change_label (self, self->previous_label, self->previous_text, self->previous_sign);
  update_change_label (self, self->year_label, self->year_text, self->year_sign);
  update_accessible (self);
}

static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  TenureKpiTile *self = TENURE_KPI_TILE (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->sparkline == NULL)
    return;
  tenure_chart_sparkline_draw (self->sparkline, cr, width, height, tenure_chart_theme_get_default (dark));
}

static void
dark_changed_cb (TenureKpiTile *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->sparkline_area));
}

static GtkLabel *
add_label (TenureKpiTile *self,
           const char    *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *css_class = first_class;
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Asking for little width lets the overview's flow box put its ten
   * tiles in two rows of five, rather than 4 + 4 + 2, in a window of
   * 1280 pixels; the tiles then get the room there is. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  va_start (args, first_class);
  while (css_class != NULL)
    {
      gtk_widget_add_css_class (label, css_class);
      css_class = va_arg (args, const char *);
    }
  va_end (args);
  gtk_box_append (GTK_BOX (self->box), label);
  return GTK_LABEL (label);
}

static void
tenure_kpi_tile_dispose (GObject *object)
{
  TenureKpiTile *self = TENURE_KPI_TILE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->sparkline, tenure_chart_sparkline_data_free);

  G_OBJECT_CLASS (tenure_kpi_tile_parent_class)->dispose (object);
}

static void
tenure_kpi_tile_finalize (GObject *object)
{
  TenureKpiTile *self = TENURE_KPI_TILE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->previous_text, g_free);
  g_clear_pointer (&self->year_text, g_free);

  G_OBJECT_CLASS (tenure_kpi_tile_parent_class)->finalize (object);
}

static void
tenure_kpi_tile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TenureKpiTile *self = TENURE_KPI_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_HIGHER_IS_BETTER:
      g_value_set_boolean (value, self->higher_is_better);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_kpi_tile_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TenureKpiTile *self = TENURE_KPI_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tenure_kpi_tile_set_title (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      tenure_kpi_tile_set_value (self, g_value_get_string (value));
      break;

    case PROP_HIGHER_IS_BETTER:
      tenure_kpi_tile_set_higher_is_better (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_kpi_tile_class_init (TenureKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_kpi_tile_dispose;
  object_class->finalize = tenure_kpi_tile_finalize;
  object_class->get_property = tenure_kpi_tile_get_property;
  object_class->set_property = tenure_kpi_tile_set_property;

  /**
   * TenureKpiTile:title:
   *
   * The figure's name, "Monthly recurring revenue".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TenureKpiTile:value:
   *
   * The figure, formatted: "$1.24M".
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TenureKpiTile:higher-is-better:
   *
   * Whether a rise is good news (revenue) or bad (churn): it decides
   * whether a change shows green or red.
   */
  properties[PROP_HIGHER_IS_BETTER] =
    g_param_spec_boolean ("higher-is-better", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kpitile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tenure_kpi_tile_init (TenureKpiTile *self)
{
  GtkWidget *area;

  self->higher_is_better = TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 14);
  gtk_widget_set_margin_bottom (self->box, 14);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = add_label (self, "caption-heading", "dim-label", NULL);
  /* Long names ("New account average sale") take two lines in a narrow
   * tile rather than lose their end. */
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_lines (self->title_label, 2);
  self->value_label = add_label (self, "title-1", "numeric", NULL);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->value_label), 4);
  gtk_label_set_text (self->value_label, TENURE_CHART_UNDEFINED);
  self->previous_label = add_label (self, "caption", "numeric", NULL);
  self->year_label = add_label (self, "caption", "numeric", NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->year_label), FALSE);

  /* The sparkline adds nothing the labels do not say: hidden from
   * assistive technologies. */
  area = gtk_drawing_area_new ();
  self->sparkline_area = GTK_DRAWING_AREA (area);
  gtk_drawing_area_set_content_height (self->sparkline_area, 36);
  gtk_drawing_area_set_draw_func (self->sparkline_area, draw_sparkline, self, NULL);
  gtk_widget_set_margin_top (area, 8);
  gtk_widget_set_vexpand (area, TRUE);
  gtk_widget_set_valign (area, GTK_ALIGN_END);
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (self->box), area);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

/**
 * tenure_kpi_tile_new:
 * @title: (nullable): the figure's name
 *
 * Returns: (transfer full): a new tile
 */
GtkWidget *
tenure_kpi_tile_new (const char *title)
{
  return g_object_new (TENURE_TYPE_KPI_TILE, "title", title, NULL);
}

/**
 * tenure_kpi_tile_get_title:
 * @self: a tile
 *
 * Returns: (nullable): the figure's name
 */
const char *
tenure_kpi_tile_get_title (TenureKpiTile *self)
{
  g_return_val_if_fail (TENURE_IS_KPI_TILE (self), NULL);

  return self->title;
}

/**
 * tenure_kpi_tile_set_title:
 * @self: a tile
 * @title: (nullable): the figure's name
 */
void
tenure_kpi_tile_set_title (TenureKpiTile *self,
                           const char    *title)
{
  g_return_if_fail (TENURE_IS_KPI_TILE (self));

  if (!set_string (&self->title, title))
    return;
  gtk_label_set_text (self->title_label, title ? title : "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * tenure_kpi_tile_get_value:
 * @self: a tile
 *
 * Returns: (nullable): the formatted value
 */
const char *
tenure_kpi_tile_get_value (TenureKpiTile *self)
{
  g_return_val_if_fail (TENURE_IS_KPI_TILE (self), NULL);

  return self->value;
}

/**
 * tenure_kpi_tile_set_value:
 * @self: a tile
 * @formatted: (nullable): the value as shown, "$1.24M"; %NULL shows a dash
 */
void
tenure_kpi_tile_set_value (TenureKpiTile *self,
                           const char    *formatted)
{
  g_return_if_fail (TENURE_IS_KPI_TILE (self));

  if (!set_string (&self->value, formatted))
    return;
  gtk_label_set_text (self->value_label, formatted ? formatted : TENURE_CHART_UNDEFINED);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * tenure_kpi_tile_get_higher_is_better:
 * @self: a tile
 *
 * Returns: whether a rise of the figure is good news
 */
gboolean
tenure_kpi_tile_get_higher_is_better (TenureKpiTile *self)
{
  g_return_val_if_fail (TENURE_IS_KPI_TILE (self), TRUE);

  return self->higher_is_better;
}

/**
 * tenure_kpi_tile_set_higher_is_better:
 * @self: a tile
 * @higher_is_better: whether a rise of the figure is good news
 */
void
tenure_kpi_tile_set_higher_is_better (TenureKpiTile *self,
                                      gboolean       higher_is_better)
{
  g_return_if_fail (TENURE_IS_KPI_TILE (self));

  higher_is_better = !!higher_is_better;
  if (self->higher_is_better == higher_is_better)
    return;
  self->higher_is_better = higher_is_better;
  update_changes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHER_IS_BETTER]);
}

/**
 * tenure_kpi_tile_set_changes:
 * @self: a tile
 * @vs_previous: the relative change against the previous period, as a
 *   fraction (0.042 for 4.2 %); NaN when undefined
 * @vs_year_ago: the relative change against a year before; NaN when undefined
 * @higher_is_better: whether a rise is good news for this figure
 * @previous_label: (nullable): what the first change compares with, "last
 *   month"; %NULL hides the line
 * @year_label: (nullable): what the second compares with, "a year ago";
 *   %NULL hides the line
 *
 * Shows "▲ 4.2% vs last month" and "▼ 1.0% vs a year ago", green or red
 * by @higher_is_better; an undefined change shows a dash.
 */
void
tenure_kpi_tile_set_changes (TenureKpiTile *self,
                             double         vs_previous,
                             double         vs_year_ago,
                             gboolean       higher_is_better,
                             const char    *previous_label,
                             const char    *year_label)
{
  g_autofree char *previous_text = NULL;
  g_autofree char *year_text = NULL;

  g_return_if_fail (TENURE_IS_KPI_TILE (self));

  if (previous_label != NULL)
    previous_text = format_change (vs_previous, previous_label);
  if (year_label != NULL)
    year_text = format_change (vs_year_ago, year_label);
  g_object_freeze_notify (G_OBJECT (self));
  tenure_kpi_tile_set_higher_is_better (self, higher_is_better);
  tenure_kpi_tile_set_change_texts (self, previous_text, year_text,
                                    sign_of (vs_previous), sign_of (vs_year_ago));
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * tenure_kpi_tile_set_change_texts:
 * @self: a tile
 * @previous_text: (nullable): the change against the previous period
 *   without its arrow, "0.3 vs last month"; %NULL hides the line
 * @year_text: (nullable): the change against a year before, likewise
 * @previous_sign: the direction of the first change: 1 up, -1 down, 0 none
 *   or undefined
 * @year_sign: the direction of the second change
 *
 * The general form of tenure_kpi_tile_set_changes(), for figures whose
 * change is not a percentage (a ratio's absolute change, say). The tile adds
 * the arrow and colours each line by its direction and
 * #TenureKpiTile:higher-is-better.
 */
void
tenure_kpi_tile_set_change_texts (TenureKpiTile *self,
                                  const char    *previous_text,
                                  const char    *year_text,
                                  int            previous_sign,
                                  int            year_sign)
{
  g_return_if_fail (TENURE_IS_KPI_TILE (self));

  set_string (&self->previous_text, previous_text);
  set_string (&self->year_text, year_text);
  self->previous_sign = CLAMP (previous_sign, -1, 1);
  self->year_sign = CLAMP (year_sign, -1, 1);
  update_changes (self);
}

/**
 * tenure_kpi_tile_set_sparkline:
 * @self: a tile
 * @values: (array length=n) (nullable): the figure's history, oldest first;
 *   NaN leaves a gap
 * @n: the number of values; 0 removes the sparkline
 */
void
tenure_kpi_tile_set_sparkline (TenureKpiTile *self,
                               const double  *values,
                               guint          n)
{
  g_return_if_fail (TENURE_IS_KPI_TILE (self));
  g_return_if_fail (values != NULL || n == 0);

  g_clear_pointer (&self->sparkline, tenure_chart_sparkline_data_free);
  if (n > 0)
    {
      self->sparkline = tenure_chart_sparkline_data_new (n);
      memcpy (self->sparkline->values, values, n * sizeof (double));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->sparkline_area));
}

/* The value of a KPI in its own unit: compact money ("$12.3M"), counts,
 * ratios ("4.2×"), percentages and points. */
static char *
format_kpi_value (TenureKpiKind  kind,
                  double         value,
                  const char    *currency,
                  gboolean       signed_change)
{
  if (isnan (value))
    return g_strdup (TENURE_CHART_UNDEFINED);
  switch (kind)
    {
    case TENURE_KPI_MONEY:
      return tenure_chart_format_money_value (value, currency, TENURE_CHART_MONEY_COMPACT);
    case TENURE_KPI_COUNT:
      return tenure_chart_format_number (value, 0);
    case TENURE_KPI_RATIO:
      return tenure_chart_format_ratio (value, 1);
    case TENURE_KPI_FRACTION:
      if (signed_change)
        {
          g_autofree char *points = tenure_chart_format_number (fabs (value) * 100.0, 1);

          /* Translators: a change of a percentage, in percentage points. */
          return g_strdup_printf (_("%s pts"), points);
        }
      return tenure_chart_format_percent (value, 1);
    case TENURE_KPI_POINTS:
    default:
      return tenure_chart_format_number (signed_change ? fabs (value) : value, 0);
    }
}

/**
 * tenure_kpi_tile_set_kpi:
 * @self: a tile
 * @kpi: a KPI of the analysis
 * @currency: the workspace currency
 * @previous_label: "vs last month", "vs last quarter"…
 * @year_label: "vs a year ago"
 *
 * Shows @kpi: its value, its changes (a percentage for counts and money,
 * the difference for ratios, percentages and points) and its history.
 */
void
tenure_kpi_tile_set_kpi (TenureKpiTile   *self,
                         const TenureKpi *kpi,
                         const char      *currency,
                         const char      *previous_label,
                         const char      *year_label)
{
  g_autofree char *value = NULL;

  g_return_if_fail (TENURE_IS_KPI_TILE (self));
  g_return_if_fail (kpi != NULL);

  value = format_kpi_value (kpi->kind, kpi->value, currency, FALSE);
  tenure_kpi_tile_set_value (self, value);
  if (kpi->kind == TENURE_KPI_COUNT || kpi->kind == TENURE_KPI_MONEY)
    {
      /* The labels here carry their "vs": not set_changes(), which adds one. */
      double d_previous = tenure_kpi_change (kpi, kpi->previous);
      double d_year = tenure_kpi_change (kpi, kpi->year_ago);
      g_autofree char *previous = format_change (d_previous, NULL);
      g_autofree char *year = format_change (d_year, NULL);
      g_autofree char *previous_text = g_strdup_printf ("%s %s", previous, previous_label);
      g_autofree char *year_text = g_strdup_printf ("%s %s", year, year_label);

      tenure_kpi_tile_set_higher_is_better (self, kpi->higher_is_better);
      tenure_kpi_tile_set_change_texts (self, previous_text, year_text,
                                        sign_of (d_previous), sign_of (d_year));
    }
  else
    {
      double d_previous = tenure_kpi_change (kpi, kpi->previous);
      double d_year = tenure_kpi_change (kpi, kpi->year_ago);
      g_autofree char *previous = format_kpi_value (kpi->kind, d_previous, currency, TRUE);
      g_autofree char *year = format_kpi_value (kpi->kind, d_year, currency, TRUE);
      g_autofree char *previous_text = g_strdup_printf ("%s %s", previous, previous_label);
      g_autofree char *year_text = g_strdup_printf ("%s %s", year, year_label);

      tenure_kpi_tile_set_higher_is_better (self, kpi->higher_is_better);
      tenure_kpi_tile_set_change_texts (self, previous_text, year_text,
                                        isnan (d_previous) ? 0 : (d_previous > 0) - (d_previous < 0),
                                        isnan (d_year) ? 0 : (d_year > 0) - (d_year < 0));
    }
  tenure_kpi_tile_set_sparkline (self, kpi->history, kpi->n_history);
}
