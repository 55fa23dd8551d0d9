/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "tenure-preferences-window.h"
#include "tenure-settings.h"

/* The workspace settings of CLI.md, each on a row. A change is validated
 * and written at once (tenure_workspace_set_setting validates again); a
 * value the settings refuse shows the reason under its row and is not
 * written. The journey stages and the scorecard's names have editors of
 * their own. */

typedef enum
{
  EDIT_COMBO,
  EDIT_SPIN,
  EDIT_ENTRY,
  EDIT_SWITCH,
} EditKind;

typedef enum
{
  GROUP_CHURN,
  GROUP_MONEY,
  GROUP_STAGE_SOURCE,
  GROUP_THRESHOLDS,
  GROUP_VALUE,
  N_GROUPS
} GroupId;

typedef struct
{
  const char *key;
  GroupId     group;
  EditKind    kind;
  const char *title;
  const char *subtitle;
  const char *values;     /* EDIT_COMBO: "|"-separated setting values */
  const char *labels;     /* EDIT_COMBO: "|"-separated labels (N_) */
  double      min, max;   /* EDIT_SPIN */
} SettingSpec;

static const SettingSpec specs[] = {
  { "churn-rule", GROUP_CHURN, EDIT_COMBO, N_("Churn Rule"),
    N_("When an account counts as lost"),
    "auto|contract|inactivity|explicit",
    N_("Automatic|No active contract|Inactivity|Explicit churn event") },
  { "inactivity-days", GROUP_CHURN, EDIT_SPIN, N_("Inactivity Days"),
    N_("Days without a won deal before an account churns under the inactivity rule"),
    NULL, NULL, 1, 3650 },
  { "currency", GROUP_MONEY, EDIT_ENTRY, N_("Currency"),
    N_("ISO 4217 code, such as USD or EUR") },
  { "fiscal-year-start", GROUP_MONEY, EDIT_COMBO, N_("Fiscal Year Starts In"),
    N_("Quarters and years follow the fiscal year"),
    "1|2|3|4|5|6|7|8|9|10|11|12",
    N_("January|February|March|April|May|June|July|August|September|October|November|December") },
  { "gross-margin", GROUP_MONEY, EDIT_ENTRY, N_("Gross Margin"),
    N_("Share of revenue kept after the cost of service, from 0 to 1") },
  { "discount-rate", GROUP_MONEY, EDIT_ENTRY, N_("Discount Rate"),
    N_("Annual rate for future value, from 0 to 1") },
  { "stage-source", GROUP_STAGE_SOURCE, EDIT_COMBO, N_("Stages Follow"),
    N_("Imported journey events, or each stage's lower MRR bound"),
    "events|mrr-bands", N_("Journey events|MRR bands") },
  { "score-flag-threshold", GROUP_THRESHOLDS, EDIT_ENTRY, N_("Score Flag Threshold"),
    N_("Accounts whose overall score is below it are flagged, from 0 to 10") },
  { "utilisation-threshold", GROUP_THRESHOLDS, EDIT_ENTRY, N_("Licence Utilisation Threshold"),
    N_("Accounts using fewer of their seats are flagged, from 0 to 1") },
  { "interaction-gap-days", GROUP_THRESHOLDS, EDIT_SPIN, N_("Interaction Gap"),
    N_("Days without a touchpoint before an account is flagged"), NULL, NULL, 1, 3650 },
  { "value-horizon", GROUP_VALUE, EDIT_SPIN, N_("Value Horizon"),
    N_("Months ahead for the future value of deal-based accounts"), NULL, NULL, 1, 600 },
  { "quick-ratio-benchmark", GROUP_VALUE, EDIT_ENTRY, N_("Quick Ratio Benchmark"),
    N_("The line drawn on the quick ratio chart, above 0") },
  { "quick-ratio-reactivation", GROUP_VALUE, EDIT_SWITCH, N_("Count Reactivation in the Quick Ratio"),
    N_("Add reactivated MRR to new and expansion MRR") },
};

struct _TenurePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *churn_group;
  AdwPreferencesGroup  *money_group;
  AdwPreferencesGroup  *stages_group;
  AdwPreferencesGroup  *stage_source_group;
  AdwPreferencesGroup  *areas_group;
  AdwPreferencesGroup  *thresholds_group;
  AdwPreferencesGroup  *value_group;
  GtkWidget            *add_stage_button;

  /* Owned */
  TenureWorkspace      *workspace;
  GHashTable           *editors;      /* key → editing widget (borrowed) */
  GHashTable           *rows;         /* key → AdwActionRow/AdwComboRow (borrowed) */
  GHashTable           *errors;       /* key → error message */
  GPtrArray            *stage_rows;   /* rows in stages_group (borrowed) */
  GPtrArray            *area_rows;    /* rows in areas_group (borrowed) */
  gulong                changed_id;
  guint                 reload_id;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (TenurePreferencesWindow, tenure_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
is_editable (TenurePreferencesWindow *self)
{
  return self->workspace != NULL && !tenure_workspace_is_read_only (self->workspace);
}

static void
show_row_error (TenurePreferencesWindow *self,
                const SettingSpec       *spec,
                const char              *message)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, spec->key);
  GtkWidget *editor = g_hash_table_lookup (self->editors, spec->key);

  if (message != NULL)
    {
      g_hash_table_insert (self->errors, (gpointer) spec->key, g_strdup (message));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (editor, "error");
    }
  else
    {
      g_hash_table_remove (self->errors, spec->key);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->subtitle));
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (editor, "error");
    }
}

static void
write_setting (TenurePreferencesWindow *self,
               const SettingSpec       *spec,
               const char              *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *current = NULL;

  if (self->loading || self->workspace == NULL)
    return;
  normal = tenure_settings_validate (spec->key, value, &error);
  if (normal == NULL)
    {
      show_row_error (self, spec, error->message);
      return;
    }
  current = tenure_workspace_get_setting (self->workspace, spec->key);
  if (g_strcmp0 (current, normal) == 0)
    {
      show_row_error (self, spec, NULL);
      return;
    }
  if (!tenure_workspace_set_setting (self->workspace, spec->key, normal, &error))
    {
      show_row_error (self, spec, error->message);
      return;
    }
  show_row_error (self, spec, NULL);
}

static void
combo_selected_cb (AdwComboRow             *row,
                   GParamSpec              *pspec,
                   TenurePreferencesWindow *self)
{
  const SettingSpec *spec = g_object_get_data (G_OBJECT (row), "spec");
  g_auto(GStrv) values = g_strsplit (spec->values, "|", -1);
  guint selected = adw_combo_row_get_selected (row);

  if (selected < g_strv_length (values))
    write_setting (self, spec, values[selected]);
}

static void
spin_changed_cb (GtkSpinButton           *spin,
                 TenurePreferencesWindow *self)
{
  const SettingSpec *spec = g_object_get_data (G_OBJECT (spin), "spec");
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  write_setting (self, spec, value);
}

static void
entry_activated_cb (GtkEntry                *entry,
                    TenurePreferencesWindow *self)
{
  const SettingSpec *spec = g_object_get_data (G_OBJECT (entry), "spec");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  write_setting (self, spec, value);
}

static void
entry_focus_left_cb (GtkEventControllerFocus *controller,
                     TenurePreferencesWindow *self)
{
  entry_activated_cb (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), self);
}

static void
switch_active_cb (GtkSwitch               *sw,
                  GParamSpec              *pspec,
                  TenurePreferencesWindow *self)
{
  const SettingSpec *spec = g_object_get_data (G_OBJECT (sw), "spec");

  write_setting (self, spec, gtk_switch_get_active (sw) ? "true" : "false");
}

static AdwPreferencesGroup *
group_for (TenurePreferencesWindow *self,
           GroupId                  group)
{
  switch (group)
    {
    case GROUP_CHURN:
      return self->churn_group;
    case GROUP_MONEY:
      return self->money_group;
    case GROUP_STAGE_SOURCE:
      return self->stage_source_group;
    case GROUP_THRESHOLDS:
      return self->thresholds_group;
    case GROUP_VALUE:
      return self->value_group;
    case N_GROUPS:
    default:
      g_assert_not_reached ();
    }
}

static void
create_setting_rows (TenurePreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const SettingSpec *spec = &specs[i];
      GtkWidget *row, *editor;

      if (spec->kind == EDIT_COMBO)
        {
          g_auto(GStrv) labels = g_strsplit (_(spec->labels), "|", -1);
          g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);

          row = editor = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
        }
      else
        {
          row = adw_action_row_new ();
          switch (spec->kind)
            {
            case EDIT_SPIN:
              editor = gtk_spin_button_new_with_range (spec->min, spec->max, 1);
              gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor), TRUE);
              g_signal_connect (editor, "value-changed", G_CALLBACK (spin_changed_cb), self);
              break;
            case EDIT_ENTRY:
              {
                GtkEventController *focus = gtk_event_controller_focus_new ();

                editor = gtk_entry_new ();
                /* The same width for every number and code: 8 characters. */
                gtk_editable_set_width_chars (GTK_EDITABLE (editor), 8);
                gtk_editable_set_max_width_chars (GTK_EDITABLE (editor), 8);
                gtk_editable_set_alignment (GTK_EDITABLE (editor), 1.0);
                g_signal_connect (editor, "activate", G_CALLBACK (entry_activated_cb), self);
                g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_left_cb), self);
                gtk_widget_add_controller (editor, focus);
                break;
              }
            case EDIT_SWITCH:
              editor = gtk_switch_new ();
              g_signal_connect (editor, "notify::active", G_CALLBACK (switch_active_cb), self);
              break;
            case EDIT_COMBO:
            default:
              g_assert_not_reached ();
            }
          gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(spec->title), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->subtitle));
      g_object_set_data (G_OBJECT (editor), "spec", (gpointer) spec);
      g_object_set_data (G_OBJECT (row), "spec", (gpointer) spec);
      adw_preferences_group_add (group_for (self, spec->group), row);
      g_hash_table_insert (self->editors, (gpointer) spec->key, editor);
      g_hash_table_insert (self->rows, (gpointer) spec->key, row);
    }
}

static void
load_settings (TenurePreferencesWindow *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const SettingSpec *spec = &specs[i];
      GtkWidget *editor = g_hash_table_lookup (self->editors, spec->key);
      g_autofree char *value = tenure_workspace_get_setting (self->workspace, spec->key);

      switch (spec->kind)
        {
        case EDIT_COMBO:
          {
            g_auto(GStrv) values = g_strsplit (spec->values, "|", -1);

            for (guint v = 0; values[v] != NULL; v++)
              if (g_strcmp0 (values[v], value) == 0)
                adw_combo_row_set_selected (ADW_COMBO_ROW (editor), v);
            break;
          }
        case EDIT_SPIN:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), g_ascii_strtod (value, NULL));
          break;
        case EDIT_ENTRY:
          /* Keep what the user typed while its error is shown. */
          if (!g_hash_table_contains (self->errors, spec->key))
            gtk_editable_set_text (GTK_EDITABLE (editor), value);
          break;
        case EDIT_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (editor), g_strcmp0 (value, "true") == 0);
          break;
        default:
          g_assert_not_reached ();
        }
      gtk_widget_set_sensitive (editor, is_editable (self));
    }
  self->loading = FALSE;
}

/* ---- journey stages ---- */

static GArray *
read_stages (TenurePreferencesWindow  *self,
             GError                  **error)
{
  g_autofree char *json = tenure_workspace_get_setting (self->workspace, "stages");

  return tenure_settings_parse_stages (json, error);
}

static gboolean
write_stages (TenurePreferencesWindow  *self,
              GArray                   *stages,
              GError                  **error)
{
  g_autofree char *json = tenure_settings_format_stages (stages);

  return tenure_workspace_set_setting (self->workspace, "stages", json, error);
}

static void
report_error (TenurePreferencesWindow *self,
              const GError            *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
stage_applied_cb (AdwEntryRow             *row,
                  TenurePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  if (!tenure_preferences_window_rename_stage (self, position, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report_error (self, error);
}

static void
stage_button_clicked_cb (GtkButton               *button,
                         TenurePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  gboolean ok;

  if (delta == 0)
    ok = tenure_preferences_window_remove_stage (self, position, &error);
  else
    ok = tenure_preferences_window_move_stage (self, position, delta, &error);
  if (!ok)
    report_error (self, error);
}

static GtkWidget *
stage_button (TenurePreferencesWindow *self,
              const char              *icon,
              const char              *tooltip,
              guint                    position,
              int                      delta,
              gboolean                 sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive && is_editable (self));
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (stage_button_clicked_cb), self);
  return button;
}

static void
load_stages (TenurePreferencesWindow *self)
{
  g_autoptr(GArray) stages = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->stage_rows->len; i++)
    adw_preferences_group_remove (self->stages_group, g_ptr_array_index (self->stage_rows, i));
  g_ptr_array_set_size (self->stage_rows, 0);

  stages = read_stages (self, &error);
  if (stages == NULL)
    {
      adw_preferences_group_set_description (self->stages_group, error->message);
      return;
    }
  for (guint i = 0; i < stages->len; i++)
    {
      TenureStageSpec *stage = &g_array_index (stages, TenureStageSpec, i);
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = g_strdup_printf (_("Stage %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), stage->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_widget_set_sensitive (row, TRUE);
      gtk_editable_set_editable (GTK_EDITABLE (row), is_editable (self));
      g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (i));
      g_signal_connect (row, "apply", G_CALLBACK (stage_applied_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                stage_button (self, "go-up-symbolic", _("Move Up"), i, -1, i > 0));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                stage_button (self, "go-down-symbolic", _("Move Down"), i, +1,
                                              i + 1 < stages->len));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                                stage_button (self, "user-trash-symbolic", _("Remove Stage"), i, 0,
                                              stages->len > 1));
      adw_preferences_group_add (self->stages_group, row);
      g_ptr_array_add (self->stage_rows, row);
    }
  gtk_widget_set_sensitive (self->add_stage_button, is_editable (self));
}

static void
add_stage_clicked_cb (TenurePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stages = read_stages (self, NULL);
  g_autofree char *name = NULL;

  /* A name not taken yet; the user renames it in place. */
  for (guint n = (stages ? stages->len : 0) + 1; name == NULL || n < 1000; n++)
    {
      gboolean taken = FALSE;

      g_free (name);
      name = g_strdup_printf (_("Stage %u"), n);
      for (guint i = 0; stages != NULL && i < stages->len; i++)
        taken |= g_str_equal (g_array_index (stages, TenureStageSpec, i).name, name);
      if (!taken)
        break;
    }
  if (!tenure_preferences_window_add_stage (self, name, &error))
    report_error (self, error);
}

/* ---- scorecard names ---- */

typedef struct
{
  const char *table;
  gint64      id;
} NameTarget;

static gboolean
rename_score_item (TenurePreferencesWindow  *self,
                   const char               *table,
                   gint64                    id,
                   const char               *name,
                   GError                  **error)
{
  sqlite3 *db = tenure_workspace_get_db (self->workspace);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET name = ? WHERE id = ?", table);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  int rc;

  if (*trimmed == '\0')
    {
      g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID, _("A name cannot be empty"));
      return FALSE;
    }
  if (!tenure_workspace_begin_write (self->workspace, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      tenure_workspace_rollback_write (self->workspace);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT)
        g_set_error (error, TENURE_WORKSPACE_ERROR, TENURE_WORKSPACE_ERROR_INVALID,
                     _("“%s” is already used in this area"), trimmed);
      else
        tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      tenure_workspace_rollback_write (self->workspace);
      return FALSE;
    }
  return tenure_workspace_commit_write (self->workspace, error);
}

static void
score_name_applied_cb (AdwEntryRow             *row,
                       TenurePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *table = g_object_get_data (G_OBJECT (row), "table");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  if (!rename_score_item (self, table, id, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    report_error (self, error);
}

static GtkWidget *
score_name_row (TenurePreferencesWindow *self,
                const char              *title,
                const char              *name,
                const char              *table,
                gint64                   id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_editable (GTK_EDITABLE (row), is_editable (self));
  g_object_set_data (G_OBJECT (row), "table", (gpointer) table);
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER (id));
  g_signal_connect (row, "apply", G_CALLBACK (score_name_applied_cb), self);
  return row;
}

static void
load_areas (TenurePreferencesWindow *self)
{
  sqlite3 *db = tenure_workspace_get_db (self->workspace);
  sqlite3_stmt *stmt = NULL;
  GtkWidget *expander = NULL;
  gint64 area = -1;
  int n_metrics = 0;

  for (guint i = 0; i < self->area_rows->len; i++)
    adw_preferences_group_remove (self->areas_group, g_ptr_array_index (self->area_rows, i));
  g_ptr_array_set_size (self->area_rows, 0);

  if (sqlite3_prepare_v2 (db,
                          "SELECT a.id, a.name, m.id, m.name FROM score_area a "
                          "LEFT JOIN score_metric m ON m.area_id = a.id ORDER BY a.position, m.position",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *area_name = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_int64 (stmt, 0) != area)
        {
          area = sqlite3_column_int64 (stmt, 0);
          n_metrics = 0;
          expander = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), area_name);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    score_name_row (self, _("Area Name"), area_name, "score_area", area));
          adw_preferences_group_add (self->areas_group, expander);
          g_ptr_array_add (self->area_rows, expander);
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          g_autofree char *title = g_strdup_printf (_("Sub-metric %d"), ++n_metrics);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    score_name_row (self, title, (const char *) sqlite3_column_text (stmt, 3),
                                                    "score_metric", sqlite3_column_int64 (stmt, 2)));
        }
    }
  sqlite3_finalize (stmt);
}

/* ---- loading ---- */

static void
load_all (TenurePreferencesWindow *self)
{
  if (self->workspace == NULL)
    return;
  load_settings (self);
  load_stages (self);
  load_areas (self);
  if (!is_editable (self))
    adw_preferences_group_set_description (self->churn_group,
                                           tenure_workspace_get_read_only_reason (self->workspace));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TenurePreferencesWindow *self = user_data;

  self->reload_id = 0;
  load_all (self);
  return G_SOURCE_REMOVE;
}

static void
workspace_changed_cb (TenurePreferencesWindow *self)
{
  /* Deferred: the change may come from a row whose signal is still being
   * emitted, and the reload rebuilds the stage and area rows. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
tenure_preferences_window_dispose (GObject *object)
{
  TenurePreferencesWindow *self = (TenurePreferencesWindow *) object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), TENURE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tenure_preferences_window_parent_class)->dispose (object);
}

static void
tenure_preferences_window_finalize (GObject *object)
{
  TenurePreferencesWindow *self = (TenurePreferencesWindow *) object;

  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_clear_pointer (&self->area_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tenure_preferences_window_parent_class)->finalize (object);
}

static void
tenure_preferences_window_class_init (TenurePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tenure_preferences_window_dispose;
  object_class->finalize = tenure_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tenure/Tenure/ui/tenure-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, churn_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, money_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, stages_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, stage_source_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, areas_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, thresholds_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, value_group);
  gtk_widget_class_bind_template_child (widget_class, TenurePreferencesWindow, add_stage_button);
  gtk_widget_class_bind_template_callback (widget_class, add_stage_clicked_cb);
}

static void
tenure_preferences_window_init (TenurePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_hash_table_new (g_str_hash, g_str_equal);
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->stage_rows = g_ptr_array_new ();
  self->area_rows = g_ptr_array_new ();
  create_setting_rows (self);
}

/**
 * tenure_preferences_window_new:
 * @workspace: the workspace whose settings to edit
 *
 * Returns: (transfer full): a new preferences window
 */
GtkWidget *
tenure_preferences_window_new (TenureWorkspace *workspace)
{
  TenurePreferencesWindow *self;

  g_return_val_if_fail (TENURE_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TENURE_TYPE_PREFERENCES_WINDOW, NULL);
  self->workspace = g_object_ref (workspace);
  self->changed_id = g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  load_all (self);
  return GTK_WIDGET (self);
}

/**
 * tenure_preferences_window_get_editor:
 * @self: a #TenurePreferencesWindow
 * @key: a setting key
 *
 * Returns: (transfer none) (nullable): the widget editing @key
 */
GtkWidget *
tenure_preferences_window_get_editor (TenurePreferencesWindow *self,
                                      const char              *key)
{
  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->editors, key);
}

const char *
tenure_preferences_window_get_error (TenurePreferencesWindow *self,
                                     const char              *key)
{
  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->errors, key);
}

gboolean
tenure_preferences_window_add_stage (TenurePreferencesWindow  *self,
                                     const char               *name,
                                     GError                  **error)
{
  g_autoptr(GArray) stages = NULL;
  TenureStageSpec stage = { NULL, -1 };

  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((stages = read_stages (self, error)) == NULL)
    return FALSE;
  stage.name = g_strdup (name);
  g_array_append_val (stages, stage);
  return write_stages (self, stages, error);
}

gboolean
tenure_preferences_window_rename_stage (TenurePreferencesWindow  *self,
                                        guint                     position,
                                        const char               *name,
                                        GError                  **error)
{
  g_autoptr(GArray) stages = NULL;
  TenureStageSpec *stage;

  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((stages = read_stages (self, error)) == NULL)
    return FALSE;
  g_return_val_if_fail (position < stages->len, FALSE);
  stage = &g_array_index (stages, TenureStageSpec, position);
  g_free (stage->name);
  stage->name = g_strstrip (g_strdup (name));
  return write_stages (self, stages, error);
}

gboolean
tenure_preferences_window_move_stage (TenurePreferencesWindow  *self,
                                      guint                     position,
                                      int                       delta,
                                      GError                  **error)
{
  g_autoptr(GArray) stages = NULL;
  TenureStageSpec tmp;
  guint other;

  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), FALSE);

  if ((stages = read_stages (self, error)) == NULL)
    return FALSE;
  other = position + delta;
  g_return_val_if_fail (position < stages->len && other < stages->len, FALSE);
  /* A swap of the structs moves the names without freeing them. */
  tmp = g_array_index (stages, TenureStageSpec, position);
  g_array_index (stages, TenureStageSpec, position) = g_array_index (stages, TenureStageSpec, other);
  g_array_index (stages, TenureStageSpec, other) = tmp;
  return write_stages (self, stages, error);
}

gboolean
tenure_preferences_window_remove_stage (TenurePreferencesWindow  *self,
                                        guint                     position,
                                        GError                  **error)
{
  g_autoptr(GArray) stages = NULL;

  g_return_val_if_fail (TENURE_IS_PREFERENCES_WINDOW (self), FALSE);

  if ((stages = read_stages (self, error)) == NULL)
    return FALSE;
  g_return_val_if_fail (position < stages->len, FALSE);
  g_array_remove_index (stages, position);
  return write_stages (self, stages, error);
}
