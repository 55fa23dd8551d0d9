/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tenure-chart-view.h"

#include <pango/pangocairo.h>

/**
 * TenureChartView:
 *
 * One chart of src/charts on screen. The chart is immutable data built off
 * the main thread (tenure_chart_build()); the widget only draws it through
 * tenure_chart_built_draw(), the function printing and PDF export call too,
 * and hit-tests it with tenure_chart_built_lookup() for the tooltip, the
 * hover highlight and click-through.
 */
struct _TenureChartView
{
  GtkWidget         parent_instance;

  /* Owned */
  TenureChartBuilt *chart;
  char             *currency;
  char             *title;
  char             *summary;

  /* The datum under the pointer, highlighted over the chart */
  TenureChartHit    hover;
  gboolean          has_hover;
  /* Where the primary button went down: a click is a press and release on
   * the same datum */
  TenureChartHit    pressed;
  gboolean          has_pressed;
  /* The datum the keyboard moved to */
  TenureChartHit    cursor;
  gboolean          has_cursor;
  int               width;
  int               height;
};

G_DEFINE_FINAL_TYPE (TenureChartView, tenure_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENCY,
  PROP_HAS_CHART,
  N_PROPS
};

enum {
  DATUM_ACTIVATED,
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Tall enough for a title, a legend, axes and a readable plot. */
#define MIN_HEIGHT 320
#define MIN_WIDTH 240
#define NATURAL_WIDTH 720

/* Probing for the cursor's neighbours: the step along the direction of
 * the move and across it, in pixels. Finer than the thinnest datum drawn
 * (a cell of a 60 × 60 cohort triangle is some 15 pixels wide). */
#define PROBE_ALONG 2.0
#define PROBE_ACROSS 3.0

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

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

static gboolean
same_datum (const TenureChartHit *a,
            const TenureChartHit *b)
{
  return a->kind == b->kind && a->period == b->period && a->series == b->series &&
         a->row == b->row && a->column == b->column;
}

static void
clear_hover (TenureChartView *self)
{
  if (!self->has_hover)
    return;
  self->has_hover = FALSE;
  tenure_chart_hit_init (&self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hover (TenureChartView *self,
              double           x,
              double           y)
{
  TenureChartHit hit;

  if (!tenure_chart_view_lookup (self, x, y, &hit))
    {
      clear_hover (self);
      return;
    }
  if (self->has_hover && same_datum (&hit, &self->hover))
    return;
  self->hover = hit;
  self->has_hover = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A mark on the hovered datum in the chart's own foreground colour, so that
 * it follows dark mode and shows on pale and deep fills alike: a ring
 * around a point, an outline around a bar, a cell or a step. It is drawn
 * just outside the datum, over the hairline gutters, to hide nothing of it. */
static void
draw_highlight (const TenureChartHit   *hit,
                cairo_t                *cr,
                const TenureChartTheme *theme)
{
  const TenureChartRgba *fg = &theme->foreground;
  const TenureChartRgba *bg = &theme->background;
  const TenureChartRect *r = &hit->area;

  if (r->width <= 0 || r->height < 0)
    return;

  cairo_save (cr);
  /* The path is not part of the saved state: drop what the chart left. */
  cairo_new_path (cr);
  if (hit->kind == TENURE_CHART_HIT_POINT)
    {
      double cx = r->x + r->width / 2;
      double cy = r->y + r->height / 2;

      cairo_arc (cr, cx, cy, 7, 0, 2 * G_PI);
    }
  else
    {
      /* A bar of zero height still gets a line where it would stand. */
      cairo_rectangle (cr, r->x - 1, r->y - 1, r->width + 2, MAX (r->height, 1) + 2);
    }
  /* A halo of background under the line keeps it apart from a fill as
   * dark (or, in dark mode, as light) as the line itself. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 4);
  cairo_set_source_rgba (cr, bg->red, bg->green, bg->blue, 0.9);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *format_hit_markup (TenureChartView      *self,
                                const TenureChartHit *hit);

static char *
dup_hit_text (TenureChartView      *self,
              const TenureChartHit *hit)
{
  g_autofree char *markup = format_hit_markup (self, hit);
  char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (markup);
  return text;
}

static void
hit_center (const TenureChartHit *hit,
            double               *x,
            double               *y)
{
  *x = hit->area.x + hit->area.width / 2;
  *y = hit->area.y + hit->area.height / 2;
}

/* The description assistive technologies read: the cursor's datum while
 * there is one, what the chart shows otherwise. */
static void
update_description (TenureChartView *self)
{
  g_autofree char *text = self->has_cursor ? dup_hit_text (self, &self->cursor) : NULL;
  const char *description = text != NULL ? text : self->summary;

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_cursor (TenureChartView      *self,
            const TenureChartHit *hit)
{
  self->has_cursor = hit != NULL;
  if (hit != NULL)
    self->cursor = *hit;
  else
    tenure_chart_hit_init (&self->cursor);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Finds the cursor's datum again after the chart or its size changed: the
 * same datum, where it is drawn now, or none. */
static void
relocate_cursor (TenureChartView *self,
                 double           x_scale,
                 double           y_scale)
{
  TenureChartHit hit;
  double x, y;

  if (!self->has_cursor)
    return;
  hit_center (&self->cursor, &x, &y);
  if (tenure_chart_view_lookup (self, x * x_scale, y * y_scale, &hit) &&
      same_datum (&hit, &self->cursor))
    set_cursor (self, &hit);
  else
    set_cursor (self, NULL);
}

/* The first datum in reading order (columns from the left, each from the
 * top), or with @last the last one. */
static gboolean
move_to_end (TenureChartView *self,
             gboolean         last)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  for (double i = 0.5; i < width; i += PROBE_ALONG)
    {
      double x = last ? width - i : i;

      for (double j = 0.5; j < height; j += PROBE_ACROSS)
        {
          double y = last ? height - j : j;
          TenureChartHit hit;

          if (tenure_chart_view_lookup (self, x, y, &hit))
            {
              set_cursor (self, &hit);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* Whether @hit continues the cursor's row or series: the same cohort,
 * account or stage row of a matrix, the same series of bars and lines. */
static gboolean
same_track (const TenureChartHit *hit,
            const TenureChartHit *cursor,
            gboolean              horizontal)
{
  if (hit->kind == TENURE_CHART_HIT_CELL)
    return horizontal ? hit->row == cursor->row : hit->column == cursor->column;
  if (horizontal)
    return hit->series == cursor->series;
  return hit->period == cursor->period;
}

/* The nearest datum beyond the cursor in the direction (@dx, @dy): the
 * first line of probes across the direction that meets one decides; within
 * it, the same track is preferred, then the nearest. Matrix cells only
 * move along their row or column. */
static gboolean
find_neighbour (TenureChartView *self,
                int              dx,
                int              dy,
                TenureChartHit  *out)
{
  gboolean horizontal = dx != 0;
  int dir = horizontal ? dx : dy;
  double extent = horizontal ? gtk_widget_get_width (GTK_WIDGET (self)) : gtk_widget_get_height (GTK_WIDGET (self));
  double across = horizontal ? gtk_widget_get_height (GTK_WIDGET (self)) : gtk_widget_get_width (GTK_WIDGET (self));
  const TenureChartRect *r = &self->cursor.area;
  double cx, cy, c_along, c_across, start;
  gboolean found = FALSE;
  double best_score = G_MAXDOUBLE;

  hit_center (&self->cursor, &cx, &cy);
  c_along = horizontal ? cx : cy;
  c_across = horizontal ? cy : cx;
  if (horizontal)
    start = dir > 0 ? r->x + r->width + 1 : r->x - 1;
  else
    start = dir > 0 ? r->y + MAX (r->height, 1) + 1 : r->y - 1;

  for (double a = start; a >= 0 && a < extent; a += dir * PROBE_ALONG)
    {
      for (double b = 0.5; b < across; b += PROBE_ACROSS)
        {
          TenureChartHit hit;
          double hx, hy, along, score;
          gboolean track;

          if (!tenure_chart_view_lookup (self, horizontal ? a : b, horizontal ? b : a, &hit) ||
              same_datum (&hit, &self->cursor))
            continue;
          hit_center (&hit, &hx, &hy);
          along = horizontal ? hx : hy;
          /* Lines answer for their nearest point: one of the cursor's own
           * period is not a neighbour. */
          if ((along - c_along) * dir <= 0.5)
            continue;
          track = same_track (&hit, &self->cursor, horizontal);
          if (!track && hit.kind == TENURE_CHART_HIT_CELL)
            continue;
          score = fabs ((horizontal ? hy : hx) - c_across) + (track ? 0 : 1e6);
          if (score < best_score)
            {
              best_score = score;
              *out = hit;
              found = TRUE;
            }
        }
      if (found)
        return TRUE;
    }
  return FALSE;
}

static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);
  tenure_chart_view_move_cursor (TENURE_CHART_VIEW (widget), dx, dy);
  return TRUE;
}

static gboolean
move_to_end_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  move_to_end (TENURE_CHART_VIEW (widget), g_variant_get_boolean (args));
  return TRUE;
}

static void
activate_cb (TenureChartView *self)
{
  if (!self->has_cursor && !move_to_end (self, FALSE))
    return;
  g_signal_emit (self, signals[DATUM_ACTIVATED], 0, &self->cursor);
}

static void
focus_changed_cb (TenureChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The cursor's tooltip, drawn as one beside the datum (above it when
 * there is room): keyboard users get no pointer tooltips. */
static void
draw_callout (TenureChartView        *self,
              cairo_t                *cr,
              const TenureChartTheme *theme,
              int                     width,
              int                     height)
{
  g_autofree char *markup = format_hit_markup (self, &self->cursor);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  const TenureChartRgba *fg = &theme->foreground;
  const TenureChartRgba *bg = &theme->background;
  const TenureChartRect *r = &self->cursor.area;
  const double pad = 6, radius = 6, gap = 8;
  int text_w, text_h;
  double w, h, x, y;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  w = text_w + 2 * pad;
  h = text_h + 2 * pad;
  x = CLAMP (r->x + r->width / 2 - w / 2, 2, MAX (2, width - w - 2));
  y = r->y - gap - h;
  if (y < 2)
    y = MIN (r->y + MAX (r->height, 1) + gap, height - h - 2);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.92);
  cairo_fill (cr);
  cairo_move_to (cr, x + pad, y + pad);
  cairo_set_source_rgb (cr, bg->red, bg->green, bg->blue);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
dark_changed_cb (TenureChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           TenureChartView          *self)
{
  update_hover (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          TenureChartView          *self)
{
  clear_hover (self);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TenureChartView *self)
{
  self->has_pressed = n_press == 1 && tenure_chart_view_lookup (self, x, y, &self->pressed);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             TenureChartView *self)
{
  TenureChartHit hit;

  if (!self->has_pressed)
    return;
  self->has_pressed = FALSE;
  if (tenure_chart_view_lookup (self, x, y, &hit) && same_datum (&hit, &self->pressed))
    g_signal_emit (self, signals[DATUM_ACTIVATED], 0, &hit);
}

static void
tenure_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TenureChartView *self = TENURE_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const TenureChartTheme *theme;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  theme = tenure_chart_theme_get_default (is_dark ());
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tenure_chart_built_draw (self->chart, cr, width, height, theme);
  if (self->has_hover)
    draw_highlight (&self->hover, cr, theme);
  if (self->has_cursor && gtk_widget_has_focus (widget))
    {
      if (!self->has_hover || !same_datum (&self->hover, &self->cursor))
        draw_highlight (&self->cursor, cr, theme);
      draw_callout (self, cr, theme, width, height);
    }
  cairo_destroy (cr);
}

static void
tenure_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = MIN_HEIGHT;
    }
}

static void
tenure_chart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TenureChartView *self = TENURE_CHART_VIEW (widget);

  int old_width = self->width, old_height = self->height;

  /* The layout changes with the size: what was under the pointer is not,
   * and the keyboard's datum has moved. */
  self->width = width;
  self->height = height;
  if (width != old_width || height != old_height)
    {
      clear_hover (self);
      if (old_width > 0 && old_height > 0)
        relocate_cursor (self, (double) width / old_width, (double) height / old_height);
    }
}

static gboolean
tenure_chart_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  TenureChartView *self = TENURE_CHART_VIEW (widget);
  g_autofree char *markup = NULL;
  TenureChartHit hit;

  if (keyboard_mode || !tenure_chart_view_lookup (self, x, y, &hit))
    return FALSE;
  markup = tenure_chart_view_get_tooltip_markup (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  /* Keep the tooltip beside the datum, not wherever the pointer entered it. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) floor (hit.area.x), (int) floor (hit.area.y),
                              MAX (1, (int) ceil (hit.area.width)), MAX (1, (int) ceil (hit.area.height)) });
  return TRUE;
}

static void
tenure_chart_view_dispose (GObject *object)
{
  TenureChartView *self = TENURE_CHART_VIEW (object);

  g_clear_pointer (&self->chart, tenure_chart_built_free);

  G_OBJECT_CLASS (tenure_chart_view_parent_class)->dispose (object);
}

static void
tenure_chart_view_finalize (GObject *object)
{
  TenureChartView *self = TENURE_CHART_VIEW (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (tenure_chart_view_parent_class)->finalize (object);
}

static void
tenure_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TenureChartView *self = TENURE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_HAS_CHART:
      g_value_set_boolean (value, self->chart != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_chart_view_class_init (TenureChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_chart_view_dispose;
  object_class->finalize = tenure_chart_view_finalize;
  object_class->get_property = tenure_chart_view_get_property;

  widget_class->snapshot = tenure_chart_view_snapshot;
  widget_class->measure = tenure_chart_view_measure;
  widget_class->size_allocate = tenure_chart_view_size_allocate;
  widget_class->query_tooltip = tenure_chart_view_query_tooltip;

  /**
   * TenureChartView:currency:
   *
   * The currency code money values are shown in, as set with the chart.
   */
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * TenureChartView:has-chart:
   *
   * Whether a chart is shown.
   */
  properties[PROP_HAS_CHART] =
    g_param_spec_boolean ("has-chart", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TenureChartView::datum-activated:
   * @self: the chart view
   * @hit: (type gpointer): the #TenureChartHit clicked, valid during the
   *   emission only
   *
   * The user clicked a datum: the application lists what is behind it (the
   * accounts of a cohort cell, of a stage band in a period, …).
   */
  signals[DATUM_ACTIVATED] =
    g_signal_new ("datum-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__POINTER,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * TenureChartView::activate:
   * @self: the chart view
   *
   * Activates the datum under the keyboard cursor (gtk_widget_activate(),
   * Enter, Space): #TenureChartView::datum-activated follows.
   */
  signals[ACTIVATE] =
    g_signal_new_class_handler ("activate",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (activate_cb),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  {
    static const struct { guint key, kp_key; int dx, dy; } moves[] = {
      { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 },
      { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
      { GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1 },
      { GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
      {
        gtk_widget_class_add_binding (widget_class, moves[i].key, 0, move_cb, "(ii)", moves[i].dx, moves[i].dy);
        gtk_widget_class_add_binding (widget_class, moves[i].kp_key, 0, move_cb, "(ii)", moves[i].dx, moves[i].dy);
      }
  }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, move_to_end_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, move_to_end_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_to_end_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, move_to_end_cb, "b", TRUE);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_ISO_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Space, 0, "activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tenure_chart_view_init (TenureChartView *self)
{
  GtkEventController *motion;
  GtkEventController *focus;
  GtkGesture *click;

  tenure_chart_hit_init (&self->hover);
  tenure_chart_hit_init (&self->pressed);
  tenure_chart_hit_init (&self->cursor);

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  /* A stop for the keyboard; the pointer has the hover and the tooltips. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * tenure_chart_view_new:
 *
 * Returns: (transfer full): a new, empty chart view
 */
GtkWidget *
tenure_chart_view_new (void)
{
  return g_object_new (TENURE_TYPE_CHART_VIEW, NULL);
}

/**
 * tenure_chart_view_set_chart:
 * @self: a chart view
 * @chart: (transfer full) (nullable): the chart to show
 * @currency: (nullable): currency code of money values, for the tooltips
 *
 * Shows @chart. Without a chart the view draws nothing and keeps its size.
 */
void
tenure_chart_view_set_chart (TenureChartView  *self,
                             TenureChartBuilt *chart,
                             const char       *currency)
{
  gboolean had_chart;

  g_return_if_fail (TENURE_IS_CHART_VIEW (self));

  had_chart = self->chart != NULL;
  if (self->chart != chart)
    g_clear_pointer (&self->chart, tenure_chart_built_free);
  self->chart = chart;
  self->has_hover = FALSE;
  self->has_pressed = FALSE;
  tenure_chart_hit_init (&self->hover);
  /* New figures of the same chart: the cursor stays on its datum if that
   * is still there. */
  relocate_cursor (self, 1.0, 1.0);

  if (set_string (&self->currency, currency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
  if (had_chart != (chart != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CHART]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tenure_chart_view_get_chart:
 * @self: a chart view
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
TenureChartBuilt *
tenure_chart_view_get_chart (TenureChartView *self)
{
  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

/**
 * tenure_chart_view_get_currency:
 * @self: a chart view
 *
 * Returns: (nullable): the currency code given with the chart
 */
const char *
tenure_chart_view_get_currency (TenureChartView *self)
{
  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), NULL);

  return self->currency;
}

/**
 * tenure_chart_view_set_accessible_text:
 * @self: a chart view
 * @title: (nullable): the chart's title, its accessible label
 * @summary: (nullable): what the chart shows in a sentence or two, its
 *   accessible description ("Active accounts grew from 120 to 164 over the
 *   last twelve months.")
 *
 * A chart is a picture to assistive technologies: this is what they read.
 */
void
tenure_chart_view_set_accessible_text (TenureChartView *self,
                                       const char      *title,
                                       const char      *summary)
{
  g_return_if_fail (TENURE_IS_CHART_VIEW (self));

  set_string (&self->title, title);
  set_string (&self->summary, summary);

  if (title != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  update_description (self);
}

/**
 * tenure_chart_view_lookup:
 * @self: a chart view
 * @x: x in widget coordinates
 * @y: y in widget coordinates
 * @hit: (out caller-allocates): the datum at (@x, @y)
 *
 * Hit-tests the chart as it is drawn at the widget's current size.
 *
 * Returns: %TRUE if a datum is at (@x, @y)
 */
gboolean
tenure_chart_view_lookup (TenureChartView *self,
                          double           x,
                          double           y,
                          TenureChartHit  *hit)
{
  int width, height;

  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  tenure_chart_hit_init (hit);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->chart == NULL || width <= 0 || height <= 0)
    return FALSE;
  return tenure_chart_built_lookup (self->chart, width, height, x, y, hit) &&
         hit->kind != TENURE_CHART_HIT_NONE;
}

/* The tooltip of @hit: the value in bold, then what it is (series, period
 * or row; a cohort's age). */
static char *
format_hit_markup (TenureChartView      *self,
                   const TenureChartHit *hit)
{
  g_autoptr(GString) markup = NULL;
  g_autofree char *value = NULL;
  g_autofree char *age = NULL;
  TenureChartKind kind;
  const char *what = NULL;
  const char *where = NULL;

  kind = tenure_chart_built_kind (self->chart);
  value = isnan (hit->value) ? g_strdup (_("No value")) : tenure_chart_hit_format (hit, self->currency);
  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<b>%s</b>", value);

  what = hit->series_name;
  where = hit->label;
  if (kind == TENURE_CHART_KIND_COHORTS && hit->column >= 0)
    {
      /* Translators: a cohort's age, in a tooltip; cohorts are monthly */
      age = g_strdup_printf (ngettext ("%d month after origination", "%d months after origination",
                                       hit->column), hit->column);
    }
  else if (kind == TENURE_CHART_KIND_RETENTION && hit->period >= 0)
    {
      age = g_strdup_printf (ngettext ("%d month after origination", "%d months after origination",
                                       hit->period), hit->period);
    }

  if (kind == TENURE_CHART_KIND_TRANSITIONS && where != NULL && what != NULL)
    {
      g_autofree char *line = NULL;

      /* Translators: a move between two journey stages, "Onboarding → Adopting" */
      line = g_markup_printf_escaped (_("%s → %s"), where, what);
      g_string_append_printf (markup, "\n%s", line);
    }
  else
    {
      const char *parts[2] = { what, where };
      gboolean first = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *escaped = NULL;

          if (parts[i] == NULL || *parts[i] == '\0')
            continue;
          escaped = g_markup_escape_text (parts[i], -1);
          g_string_append (markup, first ? "\n" : " · ");
          g_string_append (markup, escaped);
          first = FALSE;
        }
    }

  if (age != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (age, -1);

      g_string_append_printf (markup, "\n%s", escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
/**
 * tenure_chart_view_get_tooltip_markup:
 * @self: a chart view
 * @x: x in widget coordinates
 * @y: y in widget coordinates
 *
 * The tooltip of the datum at (@x, @y), as the view shows it: the value in
 * bold, then what it is (series, period or row; a cohort's age).
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL when no datum
 *   is there
 */
char *
tenure_chart_view_get_tooltip_markup (TenureChartView *self,
                                      double           x,
                                      double           y)
{
  TenureChartHit hit;

  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), NULL);

  if (!tenure_chart_view_lookup (self, x, y, &hit))
    return NULL;
  return format_hit_markup (self, &hit);
}

/**
 * tenure_chart_view_get_cursor:
 * @self: a chart view
 * @hit: (out caller-allocates) (optional): the datum the keyboard cursor is on
 *
 * Returns: %TRUE if the keyboard cursor is on a datum
 */
gboolean
tenure_chart_view_get_cursor (TenureChartView *self,
                              TenureChartHit  *hit)
{
  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), FALSE);

  if (hit != NULL)
    *hit = self->cursor;
  return self->has_cursor;
}

/**
 * tenure_chart_view_dup_cursor_text:
 * @self: a chart view
 *
 * What the view shows beside the keyboard cursor and gives assistive
 * technologies as the chart's description: the cursor datum's tooltip, as
 * plain text.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without a cursor
 */
char *
tenure_chart_view_dup_cursor_text (TenureChartView *self)
{
  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), NULL);

  return self->has_cursor ? dup_hit_text (self, &self->cursor) : NULL;
}

/**
 * tenure_chart_view_move_cursor:
 * @self: a chart view
 * @dx: -1, 0 or 1: to the datum left or right of the cursor
 * @dy: -1, 0 or 1: to the datum above or below
 *
 * Moves the keyboard cursor as the arrow keys do; without a cursor yet,
 * it goes to the first datum.
 *
 * Returns: %TRUE if the cursor moved
 */
gboolean
tenure_chart_view_move_cursor (TenureChartView *self,
                               int              dx,
                               int              dy)
{
  TenureChartHit hit;

  g_return_val_if_fail (TENURE_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (dx >= -1 && dx <= 1 && dy >= -1 && dy <= 1 && (dx == 0) != (dy == 0), FALSE);

  if (!self->has_cursor)
    return move_to_end (self, FALSE);
  if (!find_neighbour (self, dx, dy, &hit))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  set_cursor (self, &hit);
  return TRUE;
}
