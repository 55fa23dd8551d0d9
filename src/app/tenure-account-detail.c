/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-account-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tenure-account-detail.h"
#include "tenure-date.h"
#include "tenure-format.h"

/* One account in full: its attributes (type, segment and owner editable),
 * a journey timeline, its scorecard and the records it is made of. Reads go
 * straight to the workspace's connection (one account's rows are few);
 * every edit is one workspace write, whose ::changed updates every view. */

typedef struct
{
  TenureDay day;
  gint64    mrr;
} MrrStep;

typedef struct
{
  TenureDay   day;
  const char *kind;   /* interned */
} JourneyEvent;

struct _TenureAccountDetail
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkLabel         *name_label;
  GtkLabel         *key_label;
  AdwComboRow      *type_row;
  AdwEntryRow      *segment_row;
  AdwEntryRow      *owner_row;
  AdwActionRow     *stage_row;
  AdwActionRow     *mrr_row;
  AdwActionRow     *dates_row;
  AdwActionRow     *risk_row;
  GtkDrawingArea   *timeline;
  GtkLabel         *timeline_empty;
  GtkBox           *scorecard_box;
  GtkBox           *records_box;

  /* Owned */
  TenureWorkspace  *workspace;
  TenureAccount    *account;
  GArray           *steps;      /* MrrStep, by day */
  GArray           *events;     /* JourneyEvent, by day */
  GHashTable       *spins;      /* metric name → GtkSpinButton (borrowed) */
  char             *currency;
  gint64            account_id;
  gulong            changed_id;
  gulong            notify_id;
  guint             reload_id;
  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (TenureAccountDetail, tenure_account_detail, ADW_TYPE_BIN)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static sqlite3 *
get_db (TenureAccountDetail *self)
{
  return self->workspace ? tenure_workspace_get_db (self->workspace) : NULL;
}

static gboolean
is_editable (TenureAccountDetail *self)
{
  return self->workspace != NULL && !tenure_workspace_is_read_only (self->workspace);
}

static void
show_error (TenureAccountDetail *self,
            const GError        *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_debug ("%s", error->message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
}

/* Runs one statement with its parameters bound by @bind as a workspace
 * write: begin, step, commit (emitting ::changed), or roll back. */
static gboolean
write_statement (TenureAccountDetail  *self,
                 const char           *sql,
                 void                (*bind) (sqlite3_stmt *stmt, gpointer data),
                 gpointer              data,
                 GError              **error)
{
  sqlite3 *db = get_db (self);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!tenure_workspace_begin_write (self->workspace, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      tenure_workspace_rollback_write (self->workspace);
      return FALSE;
    }
  bind (stmt, data);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      tenure_workspace_rollback_write (self->workspace);
      return FALSE;
    }
  return tenure_workspace_commit_write (self->workspace, error);
}

typedef struct
{
  gint64      account_id;
  gint64      metric_id;
  const char *text;
  double      value;
  char        today[16];
} WriteData;

static void
bind_score (sqlite3_stmt *stmt,
            gpointer      data)
{
  WriteData *w = data;

  sqlite3_bind_int64 (stmt, 1, w->account_id);
  sqlite3_bind_int64 (stmt, 2, w->metric_id);
  sqlite3_bind_text (stmt, 3, w->today, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, w->value);
}

static void
bind_text (sqlite3_stmt *stmt,
           gpointer      data)
{
  WriteData *w = data;

  if (w->text != NULL && *w->text != '\0')
    sqlite3_bind_text (stmt, 1, w->text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, w->account_id);
}

static void
bind_int (sqlite3_stmt *stmt,
          gpointer      data)
{
  WriteData *w = data;

  if (w->value > 0)
    sqlite3_bind_int (stmt, 1, (int) w->value);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, w->account_id);
}

/* ---- the journey timeline ---- */

static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
draw_timeline (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  TenureAccountDetail *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg, accent, marker;
  TenureDay first, last;
  gint64 max_mrr = 0;
  const double left = 8, right = 8, top = 28, bottom = 28;
  double plot_w = width - left - right, plot_h = height - top - bottom;

  if (self->steps->len == 0 && self->events->len == 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (!lookup_color (widget, "accent_color", &accent))
    accent = fg;

  first = G_MAXINT32;
  last = tenure_day_today ();
  for (guint i = 0; i < self->steps->len; i++)
    {
      MrrStep *s = &g_array_index (self->steps, MrrStep, i);

      first = MIN (first, s->day);
      last = MAX (last, s->day);
      max_mrr = MAX (max_mrr, s->mrr);
    }
  for (guint i = 0; i < self->events->len; i++)
    {
      JourneyEvent *e = &g_array_index (self->events, JourneyEvent, i);

      first = MIN (first, e->day);
      last = MAX (last, e->day);
    }
  if (last <= first)
    last = first + 30;

#define X(d) (left + plot_w * ((double) ((d) - first) / (double) (last - first)))
#define Y(m) (top + plot_h * (1.0 - (max_mrr > 0 ? (double) (m) / (double) max_mrr : 0.0)))

  /* Baseline. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, top + plot_h + 0.5);
  cairo_line_to (cr, left + plot_w, top + plot_h + 0.5);
  cairo_stroke (cr);

  /* MRR as a step line, filled beneath in a tint of the accent. */
  if (self->steps->len > 0)
    {
      gint64 mrr = 0;

      cairo_move_to (cr, X (first), Y (0));
      for (guint i = 0; i < self->steps->len; i++)
        {
          MrrStep *s = &g_array_index (self->steps, MrrStep, i);

          cairo_line_to (cr, X (s->day), Y (mrr));
          cairo_line_to (cr, X (s->day), Y (s->mrr));
          mrr = s->mrr;
        }
      cairo_line_to (cr, X (last), Y (mrr));
      cairo_line_to (cr, X (last), Y (0));
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_new_path (cr);

      mrr = 0;
      cairo_move_to (cr, X (first), Y (0));
      for (guint i = 0; i < self->steps->len; i++)
        {
          MrrStep *s = &g_array_index (self->steps, MrrStep, i);

          cairo_line_to (cr, X (s->day), Y (mrr));
          cairo_line_to (cr, X (s->day), Y (s->mrr));
          mrr = s->mrr;
        }
      cairo_line_to (cr, X (last), Y (mrr));
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }

  /* Journey events as markers on the baseline: growth in the success
   * colour, loss in the error colour, the rest in the accent. */
  for (guint i = 0; i < self->events->len; i++)
    {
      JourneyEvent *e = &g_array_index (self->events, JourneyEvent, i);
      const char *color = "accent_color";

      if (g_str_equal (e->kind, "churned") || g_str_equal (e->kind, "downgraded"))
        color = "error_color";
      else if (g_str_equal (e->kind, "upgraded") || g_str_equal (e->kind, "reactivated") ||
               g_str_equal (e->kind, "originated"))
        color = "success_color";
      if (!lookup_color (widget, color, &marker))
        marker = accent;
      cairo_arc (cr, X (e->day), top + plot_h, 4.5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &marker);
      cairo_fill (cr);
    }

  /* The first and last dates under the axis, the highest MRR above. */
  if (max_mrr > 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
      g_autofree char *money = tenure_format_money (max_mrr, self->currency, FALSE);
      /* Translators: the top of the MRR timeline, e.g. "$1,200/mo". */
      g_autofree char *text = g_strdup_printf (_("%s/mo"), money);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, left, 2);
      pango_cairo_show_layout (cr, layout);
    }
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
    char a[16], b[16];
    int tw, th;

    tenure_day_format_iso (first, a);
    tenure_day_format_iso (last, b);
    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
    pango_layout_set_text (layout, a, -1);
    cairo_move_to (cr, left, top + plot_h + 8);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_text (layout, b, -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    cairo_move_to (cr, left + plot_w - tw, top + plot_h + 8);
    pango_cairo_show_layout (cr, layout);
  }
#undef X
#undef Y
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  return ((const MrrStep *) a)->day - ((const MrrStep *) b)->day;
}

/* The account's MRR over time: the sum of its subscription lines at every
 * day a line starts or ends (ends_on is the first day without it). */
static void
load_timeline (TenureAccountDetail *self,
               sqlite3             *db)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (MrrStep));
  sqlite3_stmt *stmt = NULL;

  g_array_set_size (self->steps, 0);
  g_array_set_size (self->events, 0);

  if (sqlite3_prepare_v2 (db, "SELECT starts_on, ends_on, mrr FROM subscription WHERE account_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          MrrStep start, end;

          if (!tenure_day_parse_iso (column_text (stmt, 0), &start.day))
            continue;
          start.mrr = sqlite3_column_int64 (stmt, 2);
          g_array_append_val (changes, start);
          if (tenure_day_parse_iso (column_text (stmt, 1), &end.day))
            {
              end.mrr = -start.mrr;
              g_array_append_val (changes, end);
            }
        }
    }
  sqlite3_finalize (stmt);
  g_array_sort (changes, compare_steps);
  {
    gint64 mrr = 0;

    for (guint i = 0; i < changes->len; i++)
      {
        MrrStep *c = &g_array_index (changes, MrrStep, i);

        mrr += c->mrr;
        if (i + 1 < changes->len && g_array_index (changes, MrrStep, i + 1).day == c->day)
          continue;
        g_array_append_vals (self->steps, &(MrrStep) { c->day, mrr }, 1);
      }
  }

  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT occurred_on, kind FROM event WHERE account_id = ? ORDER BY occurred_on",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JourneyEvent e;

          if (!tenure_day_parse_iso (column_text (stmt, 0), &e.day))
            continue;
          e.kind = g_intern_string (column_text (stmt, 1));
          g_array_append_val (self->events, e);
        }
    }
  sqlite3_finalize (stmt);

  gtk_widget_set_visible (GTK_WIDGET (self->timeline), self->steps->len > 0 || self->events->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_empty), self->steps->len == 0 && self->events->len == 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline));
}

/* ---- the scorecard ---- */

/* One statement inside the caller's write. */
static gboolean
run_score_statement (TenureAccountDetail  *self,
                     const char           *sql,
                     WriteData            *w,
                     GError              **error)
{
  sqlite3 *db = get_db (self);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      return FALSE;
    }
  bind_score (stmt, w);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      return FALSE;
    }
  return TRUE;
}

static void
score_changed_cb (GtkSpinButton       *spin,
                  TenureAccountDetail *self)
{
  g_autoptr(GError) error = NULL;
  WriteData w = { 0 };
  gboolean updated;

  if (self->loading)
    return;
  w.account_id = self->account_id;
  w.metric_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (spin), "metric-id"));
  w.value = gtk_spin_button_get_value (spin);
  tenure_day_format_iso (tenure_day_today (), w.today);

  /* One entry per sub-metric and day: a second change today corrects the
   * first rather than adding history nobody asked for. One transaction, so
   * one ::changed. */
  if (!tenure_workspace_begin_write (self->workspace, &error))
    {
      show_error (self, error);
      return;
    }
  updated = run_score_statement (self, "UPDATE score_entry SET value = ?4 WHERE account_id = ?1 "
                                       "AND metric_id = ?2 AND scored_on = ?3 AND batch_id IS NULL",
                                 &w, &error);
  if (updated && sqlite3_changes (get_db (self)) == 0)
    updated = run_score_statement (self, "INSERT INTO score_entry (account_id, metric_id, scored_on, value) "
                                         "VALUES (?1, ?2, ?3, ?4)",
                                   &w, &error);
  if (!updated)
    tenure_workspace_rollback_write (self->workspace);
  else
    updated = tenure_workspace_commit_write (self->workspace, &error);
  if (!updated)
    show_error (self, error);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_section (GtkBox     *box,
             const char *title,
             const char *subtitle)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (heading), label);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "numeric");
      gtk_box_append (GTK_BOX (heading), sub);
    }
  gtk_box_append (GTK_BOX (section), heading);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (section), list);
  gtk_box_append (box, section);
  return list;
}

static void
load_scorecard (TenureAccountDetail *self,
                sqlite3             *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 area = -1;
  GtkWidget *list = NULL;
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (int));

  clear_box (self->scorecard_box);
  g_hash_table_remove_all (self->spins);
  if (sqlite3_prepare_v2 (db,
                          "SELECT a.id, a.name, m.id, m.name, "
                          "  (SELECT e.value FROM score_entry e WHERE e.account_id = ?1 AND e.metric_id = m.id "
                          "   ORDER BY e.scored_on DESC, e.id DESC LIMIT 1), "
                          "  (SELECT e.scored_on FROM score_entry e WHERE e.account_id = ?1 AND e.metric_id = m.id "
                          "   ORDER BY e.scored_on DESC, e.id DESC LIMIT 1) "
                          "FROM score_area a JOIN score_metric m ON m.area_id = a.id "
                          "ORDER BY a.position, m.position",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, self->account_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row, *spin;
      gboolean scored = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      g_autofree char *subtitle = NULL;

      if (sqlite3_column_int64 (stmt, 0) != area)
        {
          area = sqlite3_column_int64 (stmt, 0);
          list = add_section (self->scorecard_box, column_text (stmt, 1), NULL);
          g_ptr_array_add (areas, g_strdup (column_text (stmt, 1)));
          g_array_set_size (sums, areas->len);
          g_array_set_size (counts, areas->len);
          g_object_set_data (G_OBJECT (list), "area-index", GUINT_TO_POINTER (areas->len - 1));
        }
      if (scored)
        {
          g_array_index (sums, double, areas->len - 1) += sqlite3_column_double (stmt, 4);
          g_array_index (counts, int, areas->len - 1)++;
          subtitle = g_strdup_printf (_("Scored on %s"), column_text (stmt, 5));
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_text (stmt, 3));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : _("Not scored yet"));
      spin = gtk_spin_button_new_with_range (0, 10, 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), scored ? sqlite3_column_double (stmt, 4) : 0);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (spin, is_editable (self));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      column_text (stmt, 3), -1);
      if (!scored)
        gtk_widget_add_css_class (spin, "dim-label");
      g_object_set_data (G_OBJECT (spin), "metric-id", GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 2)));
      g_signal_connect (spin, "value-changed", G_CALLBACK (score_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_hash_table_insert (self->spins, g_strdup (column_text (stmt, 3)), spin);
    }
  sqlite3_finalize (stmt);

  /* Each area's score (the mean of its scored sub-metrics) beside its name. */
  {
    guint i = 0;

    for (GtkWidget *section = gtk_widget_get_first_child (GTK_WIDGET (self->scorecard_box));
         section != NULL; section = gtk_widget_get_next_sibling (section), i++)
      {
        GtkWidget *heading = gtk_widget_get_first_child (section);
        int n = g_array_index (counts, int, i);
        g_autofree char *text = n > 0 ? g_strdup_printf ("%.1f", g_array_index (sums, double, i) / n)
                                      : g_strdup ("—");
        GtkWidget *score = gtk_label_new (text);

        gtk_widget_add_css_class (score, "numeric");
        gtk_widget_add_css_class (score, "dim-label");
        gtk_box_append (GTK_BOX (heading), score);
      }
  }
}

/* ---- the records ---- */

static void
add_record (GtkWidget  *list,
            const char *title,
            const char *subtitle,
            const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

/* Records beyond this many per section are counted, not listed: the detail
 * is for reading, the exports are for everything. */
#define MAX_RECORDS 12

static void
add_more_row (GtkWidget *list,
              int        total)
{
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (total <= MAX_RECORDS)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d more record", "%d more records",
                                       total - MAX_RECORDS), total - MAX_RECORDS);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static int
count_rows (sqlite3    *db,
            const char *table,
            gint64      account_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE account_id = ?", table);
  sqlite3_stmt *stmt = NULL;
  int n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static const char *
deal_status_label (const char *status)
{
  if (g_strcmp0 (status, "won") == 0)
    return _("Won");
  if (g_strcmp0 (status, "lost") == 0)
    return _("Lost");
  return _("Open");
}

static const char *
deal_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "new") == 0)
    return _("New business");
  if (g_strcmp0 (kind, "upsell") == 0)
    return _("Upsell");
  if (g_strcmp0 (kind, "cross_sell") == 0)
    return _("Cross-sell");
  if (g_strcmp0 (kind, "renewal") == 0)
    return _("Renewal");
  return _("Other");
}

static const char *
channel_label (const char *channel)
{
  if (g_strcmp0 (channel, "call") == 0)
    return _("Call");
  if (g_strcmp0 (channel, "email") == 0)
    return _("Email");
  if (g_strcmp0 (channel, "meeting") == 0)
    return _("Meeting");
  if (g_strcmp0 (channel, "video") == 0)
    return _("Video call");
  return _("Other");
}

static void
load_records (TenureAccountDetail *self,
              sqlite3             *db)
{
  sqlite3_stmt *stmt = NULL;
  GtkWidget *list;
  int n;

  clear_box (self->records_box);

  n = count_rows (db, "subscription", self->account_id);
  if (n > 0 && sqlite3_prepare_v2 (db,
                                   "SELECT coalesce(plan, ''), starts_on, ends_on, mrr, seats, seats_assigned "
                                   "FROM subscription WHERE account_id = ? ORDER BY starts_on DESC, id DESC LIMIT ?",
                                   -1, &stmt, NULL) == SQLITE_OK)
    {
      list = add_section (self->records_box, _("Subscriptions"), NULL);
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      sqlite3_bind_int (stmt, 2, MAX_RECORDS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *period = NULL;
          g_autofree char *money = tenure_format_money (sqlite3_column_int64 (stmt, 3), self->currency, TRUE);
          g_autofree char *value = g_strdup_printf (_("%s/mo"), money);
          const char *plan = column_text (stmt, 0);

          if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
            period = g_strdup_printf (_("%s to %s · %d of %d seats assigned"), column_text (stmt, 1),
                                      column_text (stmt, 2) ? column_text (stmt, 2) : _("open end"),
                                      sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 4));
          else
            period = g_strdup_printf (_("%s to %s"), column_text (stmt, 1),
                                      column_text (stmt, 2) ? column_text (stmt, 2) : _("open end"));
          add_record (list, *plan ? plan : _("Subscription"), period, value);
        }
      sqlite3_finalize (stmt);
      add_more_row (list, n);
    }

  stmt = NULL;
  n = count_rows (db, "deal", self->account_id);
  if (n > 0 && sqlite3_prepare_v2 (db,
                                   "SELECT coalesce(closed_on, created_on, ''), status, kind, amount, source "
                                   "FROM deal WHERE account_id = ? ORDER BY 1 DESC, id DESC LIMIT ?",
                                   -1, &stmt, NULL) == SQLITE_OK)
    {
      list = add_section (self->records_box, _("Deals"), NULL);
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      sqlite3_bind_int (stmt, 2, MAX_RECORDS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *title = g_strdup_printf ("%s · %s", deal_kind_label (column_text (stmt, 2)),
                                                    deal_status_label (column_text (stmt, 1)));
          g_autofree char *money = tenure_format_money (sqlite3_column_int64 (stmt, 3), self->currency, TRUE);
          g_autofree char *subtitle = column_text (stmt, 4)
            ? g_strdup_printf (_("%s · source: %s"), column_text (stmt, 0), column_text (stmt, 4))
            : g_strdup (column_text (stmt, 0));

          add_record (list, title, subtitle, money);
        }
      sqlite3_finalize (stmt);
      add_more_row (list, n);
    }

  stmt = NULL;
  n = count_rows (db, "touchpoint", self->account_id);
  if (n > 0 && sqlite3_prepare_v2 (db,
                                   "SELECT occurred_on, channel, direction FROM touchpoint "
                                   "WHERE account_id = ? ORDER BY occurred_on DESC, id DESC LIMIT ?",
                                   -1, &stmt, NULL) == SQLITE_OK)
    {
      list = add_section (self->records_box, _("Touchpoints"), NULL);
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      sqlite3_bind_int (stmt, 2, MAX_RECORDS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        add_record (list, channel_label (column_text (stmt, 1)), column_text (stmt, 0), column_text (stmt, 2));
      sqlite3_finalize (stmt);
      add_more_row (list, n);
    }

  stmt = NULL;
  n = count_rows (db, "survey_response", self->account_id);
  if (n > 0 && sqlite3_prepare_v2 (db,
                                   "SELECT answered_on, kind, score FROM survey_response "
                                   "WHERE account_id = ? ORDER BY answered_on DESC, id DESC LIMIT ?",
                                   -1, &stmt, NULL) == SQLITE_OK)
    {
      list = add_section (self->records_box, _("Survey Answers"), NULL);
      sqlite3_bind_int64 (stmt, 1, self->account_id);
      sqlite3_bind_int (stmt, 2, MAX_RECORDS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gboolean nps = g_strcmp0 (column_text (stmt, 1), "nps") == 0;
          g_autofree char *score = g_strdup_printf (nps ? _("%d of 10") : _("%d of 5"), sqlite3_column_int (stmt, 2));

          add_record (list, nps ? _("Net Promoter Score") : _("Satisfaction (CSAT)"), column_text (stmt, 0), score);
        }
      sqlite3_finalize (stmt);
      add_more_row (list, n);
    }
}

/* ---- attributes ---- */

static void
update_attributes (TenureAccountDetail *self)
{
  TenureAccount *account = self->account;
  g_autofree char *key = NULL;
  g_autofree char *mrr = NULL;
  g_autofree char *arr = NULL;
  g_autofree char *money = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *risk = NULL;
  const char *stage;
  int type;

  if (account == NULL)
    return;
  self->loading = TRUE;
  gtk_label_set_text (self->name_label, tenure_account_get_name (account));
  if (tenure_account_get_region (account) != NULL)
    key = g_strdup_printf ("%s · %s", tenure_account_get_key (account), tenure_account_get_region (account));
  else
    key = g_strdup (tenure_account_get_key (account));
  gtk_label_set_text (self->key_label, key);

  type = tenure_account_get_account_type (account);
  adw_combo_row_set_selected (self->type_row, type > 0 ? (guint) type - 1 : GTK_INVALID_LIST_POSITION);
  gtk_editable_set_text (GTK_EDITABLE (self->segment_row),
                         tenure_account_get_segment (account) ? tenure_account_get_segment (account) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                         tenure_account_get_owner (account) ? tenure_account_get_owner (account) : "");

  stage = tenure_account_get_stage (account);
  adw_action_row_set_subtitle (self->stage_row, stage ? stage : _("Not in a stage"));
  mrr = tenure_format_money (tenure_account_get_mrr (account), self->currency, TRUE);
  arr = tenure_format_money (tenure_account_get_arr (account), self->currency, FALSE);
  money = g_strdup_printf (_("%s MRR · %s ARR"), mrr, arr);
  adw_action_row_set_subtitle (self->mrr_row, money);
  if (tenure_account_get_churned_on (account) != NULL)
    dates = g_strdup_printf (_("Originated %s · churned %s"),
                             tenure_account_get_originated_on (account) ? tenure_account_get_originated_on (account) : "—",
                             tenure_account_get_churned_on (account));
  else if (tenure_account_get_originated_on (account) != NULL)
    dates = g_strdup_printf (_("Originated %s"), tenure_account_get_originated_on (account));
  else
    dates = g_strdup (_("Not originated yet"));
  adw_action_row_set_subtitle (self->dates_row, dates);
  risk = tenure_format_risk_reasons (tenure_account_get_at_risk_reasons (account));
  gtk_widget_set_visible (GTK_WIDGET (self->risk_row), risk != NULL);
  adw_action_row_set_subtitle (self->risk_row, risk ? risk : "");

  gtk_widget_set_sensitive (GTK_WIDGET (self->type_row), is_editable (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->segment_row), is_editable (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->owner_row), is_editable (self));
  self->loading = FALSE;
}

static void
account_notify_cb (TenureAccountDetail *self)
{
  update_attributes (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TenureAccountDetail *self = user_data;

  self->reload_id = 0;
  tenure_account_detail_reload (self);
  return G_SOURCE_REMOVE;
}

static void
workspace_changed_cb (TenureAccountDetail *self)
{
  /* Deferred: the change may come from one of our own spin buttons, which
   * a reload would destroy while it is still emitting. */
  if (self->reload_id == 0 && self->account != NULL)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
write_attribute (TenureAccountDetail *self,
                 const char          *sql,
                 void               (*bind) (sqlite3_stmt *, gpointer),
                 WriteData           *w)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->account_id <= 0)
    return;
  w->account_id = self->account_id;
  if (!write_statement (self, sql, bind, w, &error))
    {
      show_error (self, error);
      update_attributes (self);
    }
}

static void
segment_applied_cb (TenureAccountDetail *self)
{
  WriteData w = { .text = gtk_editable_get_text (GTK_EDITABLE (self->segment_row)) };

  write_attribute (self, "UPDATE account SET segment = ?1 WHERE id = ?2", bind_text, &w);
}

static void
owner_applied_cb (TenureAccountDetail *self)
{
  WriteData w = { .text = gtk_editable_get_text (GTK_EDITABLE (self->owner_row)) };

  write_attribute (self, "UPDATE account SET owner = ?1 WHERE id = ?2", bind_text, &w);
}

static void
type_selected_cb (TenureAccountDetail *self)
{
  guint selected = adw_combo_row_get_selected (self->type_row);
  WriteData w = { .value = selected == GTK_INVALID_LIST_POSITION ? 0 : selected + 1 };

  if (self->account == NULL || (int) w.value == tenure_account_get_account_type (self->account))
    return;
  write_attribute (self, "UPDATE account SET type = ?1 WHERE id = ?2", bind_int, &w);
}

static void
close_clicked_cb (TenureAccountDetail *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
tenure_account_detail_dispose (GObject *object)
{
  TenureAccountDetail *self = (TenureAccountDetail *) object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  tenure_account_detail_set_account (self, NULL);
  tenure_account_detail_set_workspace (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TENURE_TYPE_ACCOUNT_DETAIL);

  G_OBJECT_CLASS (tenure_account_detail_parent_class)->dispose (object);
}

static void
tenure_account_detail_finalize (GObject *object)
{
  TenureAccountDetail *self = (TenureAccountDetail *) object;

  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->spins, g_hash_table_unref);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (tenure_account_detail_parent_class)->finalize (object);
}

static void
tenure_account_detail_class_init (TenureAccountDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_account_detail_dispose;
  object_class->finalize = tenure_account_detail_finalize;

  /**
   * TenureAccountDetail::close:
   *
   * The user closed the pane.
   */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tenure/Tenure/ui/tenure-account-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, key_label);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, type_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, segment_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, stage_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, mrr_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, dates_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, risk_row);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, timeline_empty);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, scorecard_box);
  gtk_widget_class_bind_template_child (widget_class, TenureAccountDetail, records_box);
  gtk_widget_class_bind_template_callback (widget_class, segment_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
}

static void
tenure_account_detail_init (TenureAccountDetail *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->steps = g_array_new (FALSE, FALSE, sizeof (MrrStep));
  self->events = g_array_new (FALSE, FALSE, sizeof (JourneyEvent));
  self->spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int t = 1; t <= 4; t++)
    gtk_string_list_append (types, tenure_format_account_type (t));
  self->loading = TRUE;
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  adw_combo_row_set_selected (self->type_row, GTK_INVALID_LIST_POSITION);
  self->loading = FALSE;
  gtk_drawing_area_set_draw_func (self->timeline, draw_timeline, self, NULL);
}

GtkWidget *
tenure_account_detail_new (void)
{
  return g_object_new (TENURE_TYPE_ACCOUNT_DETAIL, NULL);
}

/**
 * tenure_account_detail_set_workspace:
 * @self: a #TenureAccountDetail
 * @workspace: (nullable): the workspace the accounts come from
 */
void
tenure_account_detail_set_workspace (TenureAccountDetail *self,
                                     TenureWorkspace     *workspace)
{
  g_return_if_fail (TENURE_IS_ACCOUNT_DETAIL (self));
  g_return_if_fail (workspace == NULL || TENURE_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    self->changed_id = g_signal_connect_object (workspace, "changed",
                                                G_CALLBACK (workspace_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  tenure_account_detail_reload (self);
}

/**
 * tenure_account_detail_set_account:
 * @self: a #TenureAccountDetail
 * @account: (nullable): the account to show
 */
void
tenure_account_detail_set_account (TenureAccountDetail *self,
                                   TenureAccount       *account)
{
  g_return_if_fail (TENURE_IS_ACCOUNT_DETAIL (self));
  g_return_if_fail (account == NULL || TENURE_IS_ACCOUNT (account));

  if (self->account == account)
    return;
  if (self->account != NULL)
    g_clear_signal_handler (&self->notify_id, self->account);
  g_set_object (&self->account, account);
  if (account != NULL)
    self->notify_id = g_signal_connect_object (account, "notify", G_CALLBACK (account_notify_cb),
                                               self, G_CONNECT_SWAPPED);
  tenure_account_detail_reload (self);
}

/**
 * tenure_account_detail_get_account:
 * @self: a #TenureAccountDetail
 *
 * Returns: (transfer none) (nullable): the account shown
 */
TenureAccount *
tenure_account_detail_get_account (TenureAccountDetail *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT_DETAIL (self), NULL);
  return self->account;
}

/**
 * tenure_account_detail_get_score_spin:
 * @self: a #TenureAccountDetail
 * @metric: the name of a sub-metric
 *
 * Returns: (transfer none) (nullable): its spin button
 */
GtkSpinButton *
tenure_account_detail_get_score_spin (TenureAccountDetail *self,
                                      const char          *metric)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT_DETAIL (self), NULL);
  g_return_val_if_fail (metric != NULL, NULL);

  return g_hash_table_lookup (self->spins, metric);
}

void
tenure_account_detail_reload (TenureAccountDetail *self)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_return_if_fail (TENURE_IS_ACCOUNT_DETAIL (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  db = get_db (self);
  self->account_id = -1;
  if (db == NULL || self->account == NULL)
    {
      clear_box (self->scorecard_box);
      clear_box (self->records_box);
      g_hash_table_remove_all (self->spins);
      return;
    }
  g_free (self->currency);
  self->currency = tenure_workspace_get_setting (self->workspace, "currency");
  if (sqlite3_prepare_v2 (db, "SELECT id FROM account WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tenure_account_get_key (self->account), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        self->account_id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  self->loading = TRUE;
  update_attributes (self);
  load_timeline (self, db);
  load_scorecard (self, db);
  load_records (self, db);
  self->loading = FALSE;
}
