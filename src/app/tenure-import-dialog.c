/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tenure-csv-writer.h"
#include "tenure-import-dialog.h"

/* Enough rows to see what the import will make of the file, few enough to
 * parse between two keystrokes. */
#define PREVIEW_ROWS 50
#define REPARSE_DELAY_MS 250
/* A dry run over the whole file gives the exact count of rejected rows,
 * but holds the workspace's write lock while it runs: only for files it
 * reads in a moment. */
#define COUNT_MAX_BYTES (16 * 1024 * 1024)
#define REJECTS_SHOWN 200

typedef enum
{
  STATE_SETUP,
  STATE_IMPORTING,
  STATE_RESULT,
} State;

/* ---- a preview row as a list item ---- */

#define TENURE_TYPE_IMPORT_PREVIEW_ITEM (tenure_import_preview_item_get_type ())
G_DECLARE_FINAL_TYPE (TenureImportPreviewItem, tenure_import_preview_item, TENURE,
                      IMPORT_PREVIEW_ITEM, GObject)

struct _TenureImportPreviewItem
{
  GObject                 parent_instance;
  TenureImportPreviewRow *row;
  /* One per field, as shown: the stored value, or for a rejected row the
   * cell as the file has it, so the user recognises the row. */
  char                  **shown;
};

G_DEFINE_FINAL_TYPE (TenureImportPreviewItem, tenure_import_preview_item, G_TYPE_OBJECT)

static void
tenure_import_preview_item_finalize (GObject *object)
{
  TenureImportPreviewItem *self = TENURE_IMPORT_PREVIEW_ITEM (object);

  g_clear_pointer (&self->row, tenure_import_preview_row_free);
  g_strfreev (self->shown);
  G_OBJECT_CLASS (tenure_import_preview_item_parent_class)->finalize (object);
}

static void
tenure_import_preview_item_class_init (TenureImportPreviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tenure_import_preview_item_finalize;
}

static void
tenure_import_preview_item_init (TenureImportPreviewItem *self)
{
}

/* ---- the dialog ---- */

typedef struct
{
  char        *column;
  GtkDropDown *dropdown;
} MappingRow;

struct _TenureImportDialog
{
  AdwWindow                  parent_instance;

  /* template widgets */
  AdwWindowTitle            *window_title;
  GtkButton                 *cancel_button;
  GtkButton                 *import_button;
  GtkStack                  *stack;
  GtkRevealer               *message_revealer;
  GtkWidget                 *message_box;
  GtkImage                  *message_icon;
  GtkLabel                  *message_label;
  AdwComboRow               *kind_row;
  AdwComboRow               *date_order_row;
  AdwActionRow              *inclusive_row;
  GtkSwitch                 *inclusive_switch;
  AdwActionRow              *encoding_row;
  GtkLabel                  *delimiter_label;
  GtkLabel                  *encoding_label;
  GtkWidget                 *encoding_warning_icon;
  AdwPreferencesGroup       *mapping_group;
  AdwPreferencesGroup       *preview_group;
  GtkSpinner                *preview_spinner;
  GtkColumnView             *preview_view;
  AdwStatusPage             *progress_page;
  GtkProgressBar            *progress_bar;
  AdwStatusPage             *result_page;
  GtkButton                 *save_rejects_button;
  GtkListBox                *rejects_list;

  /* owned */
  TenureWorkspace           *workspace;
  GFile                     *file;
  char                      *path;
  char                      *file_name;
  /* Work in flight; both cancelled in dispose. */
  GCancellable              *preview_cancellable;  /* the preview and count */
  GCancellable              *import_cancellable;
  GListStore                *preview_rows;
  GPtrArray                 *mapping_rows;         /* (element-type MappingRow) */
  GHashTable                *user_mappings;        /* column → field; "" ignores */
  GtkWidget                 *mapping_placeholder;
  char                     **header;
  char                     **shown_fields;         /* the preview's columns */
  TenureImportReport        *report;               /* of the latest preview */
  TenureImportReport        *result;               /* of the import */
  char                      *error_message;
  guint64                    counted_rows;
  guint64                    counted_rejected;
  gboolean                   counted;

  TenureImportKind           kind;                 /* UNKNOWN: detect */
  TenureImportKind           mapped_kind;          /* fields the dropdowns list */
  TenureDateOrder            date_order;           /* UNKNOWN: automatic */
  gboolean                   date_undecided;
  State                      state;
  guint                      reparse_id;
  guint                      preview_serial;
  gboolean                   previewing;
  gboolean                   counting;
  gboolean                   blocking;             /* the file cannot be imported as set */
  gboolean                   updating;             /* the dialog is setting its own widgets */
  gboolean                   disposed;             /* template widgets are gone */

  TenureImportDialogDoneFunc done;
  gpointer                   done_data;
};

G_DEFINE_FINAL_TYPE (TenureImportDialog, tenure_import_dialog, ADW_TYPE_WINDOW)

static const struct
{
  TenureImportKind kind;
  const char      *label;
} kind_labels[] = {
  { TENURE_IMPORT_KIND_ACCOUNTS, N_("Accounts") },
  { TENURE_IMPORT_KIND_DEALS, N_("Deals") },
  { TENURE_IMPORT_KIND_SUBSCRIPTIONS, N_("Subscriptions") },
  { TENURE_IMPORT_KIND_EVENTS, N_("Lifecycle Events") },
  { TENURE_IMPORT_KIND_TOUCHPOINTS, N_("Touchpoints") },
  { TENURE_IMPORT_KIND_SURVEYS, N_("Surveys") },
  { TENURE_IMPORT_KIND_FUNNEL, N_("Funnel") },
  { TENURE_IMPORT_KIND_SCORES, N_("Scores") },
  { TENURE_IMPORT_KIND_TARGETS, N_("Targets") },
};

/* The canonical field names are what `tenure-cli --map` takes; people
 * read these. */
static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "account", N_("Account") },
  { "amount", N_("Amount") },
  { "area", N_("Area") },
  { "arr", N_("ARR") },
  { "arr_last_year", N_("ARR Last Year") },
  { "arr_target_delta", N_("ARR Target Change") },
  { "channel", N_("Channel") },
  { "closed_on", N_("Closed On") },
  { "created_on", N_("Created On") },
  { "date", N_("Date") },
  { "deal_id", N_("Deal ID") },
  { "direction", N_("Direction") },
  { "end_date", N_("End Date") },
  { "ends_on", N_("Ends On") },
  { "fiscal_year", N_("Fiscal Year") },
  { "kind", N_("Kind") },
  { "leads", N_("Leads") },
  { "marketing_spend", N_("Marketing Spend") },
  { "metric", N_("Metric") },
  { "month", N_("Month") },
  { "mrr", N_("MRR") },
  { "name", N_("Name") },
  { "note", N_("Note") },
  { "opportunities", N_("Opportunities") },
  { "owner", N_("Owner") },
  { "plan", N_("Plan") },
  { "referenceable", N_("Referenceable") },
  { "region", N_("Region") },
  { "sales_spend", N_("Sales Spend") },
  { "score", N_("Score") },
  { "seats", N_("Seats") },
  { "seats_assigned", N_("Seats Assigned") },
  { "segment", N_("Segment") },
  { "source", N_("Source") },
  { "stage", N_("Stage") },
  { "starts_on", N_("Starts On") },
  { "status", N_("Status") },
  { "subscription_id", N_("Subscription ID") },
  { "term_months", N_("Term (Months)") },
  { "type", N_("Type") },
  { "value", N_("Value") },
};

/* Right-aligned in the preview, so digits line up. */
static const char *const numeric_fields[] = {
  "amount", "arr", "arr_last_year", "arr_target_delta", "leads", "marketing_spend", "mrr",
  "opportunities", "sales_spend", "score", "seats", "seats_assigned", "term_months", "value",
  NULL
};

enum
{
  DATE_ORDER_AUTO,
  DATE_ORDER_DAY_FIRST,
  DATE_ORDER_MONTH_FIRST,
};

static void schedule_preview (TenureImportDialog *self,
                              guint               delay_ms);

/* ---- helpers ---- */

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}

static guint
kind_position (TenureImportKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (kind_labels[i].kind == kind)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("Comma");
    case ';': return _("Semicolon");
    case '\t': return _("Tab");
    case '|': return _("Vertical Bar");
    default: return _("Unknown");
    }
}

static const char *
encoding_name (TenureCsvEncoding encoding)
{
  switch (encoding)
    {
    case TENURE_CSV_ENCODING_UTF8: return _("UTF-8");
    case TENURE_CSV_ENCODING_UTF8_BOM: return _("UTF-8 with byte order mark");
    case TENURE_CSV_ENCODING_UTF16LE: return _("UTF-16 (little-endian)");
    case TENURE_CSV_ENCODING_UTF16BE: return _("UTF-16 (big-endian)");
    case TENURE_CSV_ENCODING_WINDOWS_1252: return _("Windows-1252");
    default: return _("Unknown");
    }
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
mapping_row_free (MappingRow *row)
{
  g_free (row->column);
  g_free (row);
}

/* Each worker opens its own connection: an SQLite connection must not be
 * used from two threads, and the main thread keeps the workspace's. */
static sqlite3 *
open_worker_db (const char  *db_path,
                GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, db_path, error);
      sqlite3_close (db);
      return NULL;
    }
  /* The main connection may be reading: wait for it rather than fail. */
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
                        "PRAGMA synchronous = FULL;", NULL, NULL, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, db_path, error);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* What the user chose, as the importer takes it. */
typedef struct
{
  char             *db_path;
  char             *path;
  char             *file_name;
  TenureImportKind  kind;
  TenureDateOrder   date_order;
  gboolean          inclusive_end;
  char            **mappings;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->file_name);
  g_strfreev (job->mappings);
  g_free (job);
}

static void
job_options (const Job           *job,
             TenureImportOptions *options)
{
  *options = (TenureImportOptions) {
    .kind = job->kind,
    .mappings = (const char *const *) job->mappings,
    .date_order = job->date_order,
    .inclusive_end = job->inclusive_end,
    .file_name = job->file_name,
  };
}

static Job *
job_new (TenureImportDialog *self)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  job->db_path = g_strdup (tenure_workspace_get_path (self->workspace));
  job->path = g_strdup (self->path);
  job->file_name = g_strdup (self->file_name);
  job->kind = self->kind;
  job->date_order = self->date_order;
  job->inclusive_end = gtk_switch_get_active (self->inclusive_switch);
  g_hash_table_iter_init (&iter, self->user_mappings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *mapping = g_strdup_printf ("%s=%s", (char *) key, (char *) value);

      g_strv_builder_add (builder, mapping);
    }
  job->mappings = g_strv_builder_end (builder);
  return job;
}

typedef struct
{
  char              **header;
  GPtrArray          *rows;
  GHashTable         *raw;      /* row number → (char **) cells of a rejected row */
  TenureImportReport *report;
  GError             *error;
} PreviewResult;

static void
preview_result_free (PreviewResult *result)
{
  g_strfreev (result->header);
  g_clear_pointer (&result->raw, g_hash_table_unref);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->report, tenure_import_report_free);
  g_clear_error (&result->error);
  g_free (result);
}

static char **
read_header (const char  *path,
             GError     **error)
{
  g_autoptr(TenureCsvReader) reader = tenure_csv_reader_new_for_path (path, error);
  const char *const *fields;
  guint n;
  char **header;

  if (reader == NULL || !tenure_csv_reader_read_record (reader, &n, &fields, error))
    return NULL;
  header = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    header[i] = g_strstrip (g_strdup (fields[i]));
  return header;
}

/* The importer stores nothing of a rejected row; its cells come from the
 * file, found by the line the record starts on. */
static GHashTable *
read_rejected_cells (const char      *path,
                     const GPtrArray *rows)
{
  g_autoptr(TenureCsvReader) reader = tenure_csv_reader_new_for_path (path, NULL);
  GHashTable *raw = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint64 last = 0;
  const char *const *fields;
  guint n;

  for (guint i = 0; i < rows->len; i++)
    {
      TenureImportPreviewRow *row = g_ptr_array_index (rows, i);

      if (row->reason != NULL)
        {
          g_hash_table_add (wanted, &row->row);
          last = MAX (last, row->row);
        }
    }
  if (reader == NULL || last == 0)
    return raw;
  for (;;)
    {
      guint64 start = tenure_csv_reader_get_row (reader) + 1;

      if (start > last || !tenure_csv_reader_read_record (reader, &n, &fields, NULL))
        break;
      if (g_hash_table_contains (wanted, &start))
        {
          gint64 *key = g_new (gint64, 1);
          char **cells = g_new0 (char *, n + 1);

          *key = (gint64) start;
          for (guint c = 0; c < n; c++)
            cells[c] = g_strdup (fields[c]);
          g_hash_table_insert (raw, key, cells);
        }
    }
  return raw;
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  PreviewResult *result = g_new0 (PreviewResult, 1);
  TenureImportOptions options;
  sqlite3 *db;

  job_options (job, &options);
  result->header = read_header (job->path, &result->error);
  if (result->header != NULL && (db = open_worker_db (job->db_path, &result->error)) != NULL)
    {
      result->rows = tenure_import_preview (db, job->path, &options, PREVIEW_ROWS,
                                            &result->report, &result->error);
      sqlite3_close (db);
    }
  if (result->rows != NULL)
    result->raw = read_rejected_cells (job->path, result->rows);
  g_task_return_pointer (task, result, (GDestroyNotify) preview_result_free);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TenureImportReport) report = NULL;
  TenureImportOptions options;
  GError *error = NULL;
  sqlite3 *db;

  job_options (job, &options);
  options.dry_run = TRUE;
  db = open_worker_db (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!tenure_import_file (db, job->path, &options, NULL, NULL, cancellable, &report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&report),
                           (GDestroyNotify) tenure_import_report_free);
  sqlite3_close (db);
}

/* Progress travels from the importing thread to the main loop through this
 * block: the worker stores the latest figure and posts at most one update
 * at a time, so a fast import does not flood the main loop. */
typedef struct
{
  gatomicrefcount ref_count;
  GWeakRef        dialog;
  gint            permille;
  gint            pending;
} Progress;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      g_weak_ref_clear (&progress->dialog);
      g_free (progress);
    }
}

static gboolean
progress_update_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(TenureImportDialog) self = g_weak_ref_get (&progress->dialog);

  g_atomic_int_set (&progress->pending, 0);
  if (self != NULL && !self->disposed && self->state == STATE_IMPORTING)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   g_atomic_int_get (&progress->permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
import_progress_cb (guint64  bytes_done,
                    guint64  bytes_total,
                    guint64  rows,
                    gpointer user_data)
{
  Progress *progress = user_data;

  if (bytes_total == 0)
    return;
  g_atomic_int_set (&progress->permille, (gint) MIN (1000, bytes_done * 1000 / bytes_total));
  if (g_atomic_int_compare_and_exchange (&progress->pending, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_update_cb,
                                progress_ref (progress), (GDestroyNotify) progress_unref);
}

typedef struct
{
  Job      *job;
  Progress *progress;
} ImportData;

static void
import_data_free (ImportData *data)
{
  job_free (data->job);
  progress_unref (data->progress);
  g_free (data);
}

typedef struct
{
  TenureImportReport *report;
  GError             *error;
} ImportResult;

static void
import_result_free (ImportResult *result)
{
  g_clear_pointer (&result->report, tenure_import_report_free);
  g_clear_error (&result->error);
  g_free (result);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  ImportResult *result = g_new0 (ImportResult, 1);
  TenureImportOptions options;
  sqlite3 *db;

  job_options (data->job, &options);
  db = open_worker_db (data->job->db_path, &result->error);
  if (db != NULL)
    {
      tenure_import_file (db, data->job->path, &options, import_progress_cb, data->progress,
                          cancellable, &result->report, &result->error);
      sqlite3_close (db);
    }
  g_task_return_pointer (task, result, (GDestroyNotify) import_result_free);
}

/* ---- showing state ---- */

static void
show_message (TenureImportDialog *self,
              const char         *message,
              gboolean            is_error)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_image_set_from_icon_name (self->message_icon,
                                is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  /* Only the icon in red: a paragraph in red is hard to read. */
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_icon), "error");
  /* Hidden, not just folded: the box's spacing would still leave a gap. */
  gtk_widget_set_visible (GTK_WIDGET (self->message_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
update_buttons (TenureImportDialog *self)
{
  gboolean can_import = self->state == STATE_SETUP && !self->blocking && self->report != NULL
                        && self->reparse_id == 0 && !self->previewing;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), can_import
                            || self->state == STATE_RESULT);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->state != STATE_RESULT);
  gtk_button_set_label (self->import_button,
                        self->state == STATE_RESULT ? _("_Done") : _("_Import"));
  gtk_spinner_set_spinning (self->preview_spinner, self->previewing || self->counting
                            || self->reparse_id != 0);
}

static void
update_summary (TenureImportDialog *self)
{
  g_autofree char *summary = NULL;
  const TenureImportReport *report = self->report;

  if (report == NULL || self->blocking)
    summary = NULL;
  else if (self->counted)
    {
      g_autofree char *n_rows = format_count (self->counted_rows);
      g_autofree char *n_rejected = format_count (self->counted_rejected);
      g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                            self->counted_rows % 1000000),
                                               n_rows);

      if (self->counted_rejected == 0)
        summary = g_strdup_printf (_("%s, none will be rejected"), rows);
      else
        /* TRANSLATORS: the first %s is "N rows" */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s will be rejected",
                                                "%s, %s will be rejected",
                                                self->counted_rejected % 1000000),
                                   rows, n_rejected);
    }
  else
    {
      guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows));
      guint rejected = 0;

      for (guint i = 0; i < shown; i++)
        {
          g_autoptr(TenureImportPreviewItem) item
            = g_list_model_get_item (G_LIST_MODEL (self->preview_rows), i);

          if (item->row->reason != NULL)
            rejected++;
        }
      if (self->counting)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The first %u row; counting the rest…",
                                                "The first %u rows; counting the rest…", shown),
                                   shown);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The first %u row, %u will be rejected; the rest "
                                                "are checked during the import",
                                                "The first %u rows, %u will be rejected; the rest "
                                                "are checked during the import", shown),
                                   shown, rejected);
    }
  adw_preferences_group_set_description (self->preview_group, summary);
}

static void
preview_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
preview_numeric_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          gpointer                  user_data)
{
  GtkWidget *label;

  preview_cell_setup_cb (factory, list_item, user_data);
  label = gtk_list_item_get_child (list_item);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
}

static void
preview_status_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_add_css_class (image, "error");
  gtk_list_item_set_child (list_item, image);
}

/* Which value a column of the preview shows: a field's index, or one of
 * these. */
enum
{
  CELL_ROW = -1,
  CELL_REASON = -2,
};

static void
preview_cell_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  TenureImportPreviewItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  int index = GPOINTER_TO_INT (user_data);
  const TenureImportPreviewRow *row = item->row;
  g_autofree char *number = NULL;
  const char *text = NULL;

  if (GTK_IS_IMAGE (child))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (child),
                                    row->reason ? "dialog-warning-symbolic" : NULL);
      gtk_widget_set_tooltip_text (child, row->reason);
      return;
    }
  if (index == CELL_ROW)
    text = number = g_strdup_printf ("%" G_GUINT64_FORMAT, row->row);
  else if (index == CELL_REASON && row->column != NULL && row->reason != NULL)
    /* TRANSLATORS: a column header of the file, then why its value is refused */
    text = number = g_strdup_printf (_("%s: %s"), row->column, row->reason);
  else if (index == CELL_REASON)
    text = row->reason;
  else if (item->shown != NULL && (guint) index < g_strv_length (item->shown))
    text = item->shown[index];
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  gtk_widget_set_tooltip_text (child, row->reason);
  if (row->reason != NULL)
    gtk_widget_add_css_class (child, "error");
  else
    gtk_widget_remove_css_class (child, "error");
  if (index == CELL_ROW)
    gtk_widget_add_css_class (child, "dim-label");
}

static void
add_preview_column (TenureImportDialog *self,
                    const char         *title,
                    int                 index,
                    gboolean            numeric,
                    gboolean            expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup",
                    numeric ? G_CALLBACK (preview_numeric_setup_cb)
                            : G_CALLBACK (preview_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (preview_cell_bind_cb), GINT_TO_POINTER (index));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->preview_view, column);
}

static void
rebuild_preview_columns (TenureImportDialog *self,
                         const GPtrArray    *fields)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  GtkListItemFactory *factory;
  g_autoptr(GtkColumnViewColumn) status = NULL;
  gboolean same = self->shown_fields != NULL && g_strv_length (self->shown_fields) == fields->len;

  for (guint i = 0; same && i < fields->len; i++)
    same = g_strcmp0 (self->shown_fields[i], g_ptr_array_index (fields, i)) == 0;
  if (same)
    return;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  g_clear_pointer (&self->shown_fields, g_strfreev);
  self->shown_fields = g_new0 (char *, fields->len + 1);
  for (guint i = 0; i < fields->len; i++)
    self->shown_fields[i] = g_strdup (g_ptr_array_index (fields, i));

  /* A leading icon marks a rejected row for those who do not see the red. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (preview_status_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (preview_cell_bind_cb), NULL);
  status = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (self->preview_view, status);

  add_preview_column (self, _("Row"), CELL_ROW, TRUE, FALSE);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      add_preview_column (self, field_label (field), (int) i, g_strv_contains (numeric_fields, field),
                          FALSE);
    }
  add_preview_column (self, _("Problem"), CELL_REASON, FALSE, TRUE);
}

static const char *
report_field_of_column (const TenureImportReport *report,
                        const char               *column)
{
  /* report->columns reads "Header → field". */
  for (guint i = 0; i < report->columns->len; i++)
    {
      const char *entry = g_ptr_array_index (report->columns, i);
      gsize len = strlen (column);

      if (strncmp (entry, column, len) == 0 && g_str_has_prefix (entry + len, " → "))
        return entry + len + strlen (" → ");
    }
  return NULL;
}

static void
mapping_selected_cb (GtkDropDown        *dropdown,
                     GParamSpec         *pspec,
                     TenureImportDialog *self)
{
  MappingRow *row = g_object_get_data (G_OBJECT (dropdown), "mapping-row");
  const char *const *fields = tenure_import_kind_fields (self->mapped_kind);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_hash_table_insert (self->user_mappings, g_strdup (row->column),
                       g_strdup (selected == 0 || fields == NULL ? "" : fields[selected - 1]));
  schedule_preview (self, REPARSE_DELAY_MS);
}

/* One row per column of the header, listing the fields of @kind. */
static void
rebuild_mapping_rows (TenureImportDialog *self,
                      TenureImportKind    kind)
{
  const char *const *fields = tenure_import_kind_fields (kind);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      MappingRow *row = g_ptr_array_index (self->mapping_rows, i);

      adw_preferences_group_remove (self->mapping_group,
                                    gtk_widget_get_ancestor (GTK_WIDGET (row->dropdown),
                                                             ADW_TYPE_ACTION_ROW));
    }
  g_ptr_array_set_size (self->mapping_rows, 0);
  self->mapped_kind = kind;

  for (guint c = 0; self->header && self->header[c]; c++)
    {
      GtkStringList *labels = gtk_string_list_new (NULL);
      MappingRow *row = g_new0 (MappingRow, 1);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *title = NULL;

      gtk_string_list_append (labels, _("Ignore"));
      for (guint f = 0; fields && fields[f]; f++)
        gtk_string_list_append (labels, field_label (fields[f]));
      row->column = g_strdup (self->header[c]);
      row->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (labels), NULL));
      gtk_widget_set_valign (GTK_WIDGET (row->dropdown), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (row->dropdown), "flat");
      gtk_widget_set_sensitive (GTK_WIDGET (row->dropdown), fields != NULL);
      g_object_set_data (G_OBJECT (row->dropdown), "mapping-row", row);
      /* Column headers are the user's data, not markup. */
      title = *self->header[c] ? g_markup_escape_text (self->header[c], -1)
                               : g_strdup_printf (_("Column %u (no name)"), c + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->dropdown));
      adw_preferences_group_add (self->mapping_group, action_row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->header[c], -1);
      g_signal_connect (row->dropdown, "notify::selected", G_CALLBACK (mapping_selected_cb), self);
      g_ptr_array_add (self->mapping_rows, row);
    }
}

static void
sync_mapping_rows (TenureImportDialog       *self,
                   const TenureImportReport *report)
{
  /* The kind the user chose lists its fields even when the file does not
   * fit it yet: that is where the user fixes it. */
  TenureImportKind kind = report->kind != TENURE_IMPORT_KIND_UNKNOWN ? report->kind : self->kind;
  gboolean mapped = report->columns->len > 0 || report->unknown_columns->len > 0;
  const char *const *fields;

  if (kind != self->mapped_kind || self->mapping_rows->len == 0)
    rebuild_mapping_rows (self, kind);
  fields = tenure_import_kind_fields (self->mapped_kind);

  self->updating = TRUE;
  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      MappingRow *row = g_ptr_array_index (self->mapping_rows, i);
      const char *field;
      guint position = 0;

      /* Without a mapping from the importer (it stopped before), show
       * what the user chose and nothing more. */
      if (mapped)
        field = report_field_of_column (report, row->column);
      else
        field = g_hash_table_lookup (self->user_mappings, row->column);
      for (guint f = 0; field && fields && fields[f]; f++)
        if (g_str_equal (fields[f], field))
          position = f + 1;
      gtk_drop_down_set_selected (row->dropdown, position);
    }
  self->updating = FALSE;
}

static void
sync_settings (TenureImportDialog       *self,
               const TenureImportReport *report)
{
  gboolean warned = FALSE;

  TenureImportKind kind = report->kind != TENURE_IMPORT_KIND_UNKNOWN ? report->kind : self->kind;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind_position (kind));
  if (self->date_order == TENURE_DATE_ORDER_UNKNOWN)
    {
      adw_combo_row_set_selected (self->date_order_row,
                                  self->date_undecided ? GTK_INVALID_LIST_POSITION
                                                       : DATE_ORDER_AUTO);
      if (self->date_undecided)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row),
                                     _("The dates could be day first or month first: choose one"));
      else if (report->date_order == TENURE_DATE_ORDER_DMY)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row),
                                     _("Detected: day first"));
      else if (report->date_order == TENURE_DATE_ORDER_MDY)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row),
                                     _("Detected: month first"));
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row),
                                     _("No date in the file depends on it"));
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row), NULL);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->inclusive_row),
                          kind == TENURE_IMPORT_KIND_SUBSCRIPTIONS);
  gtk_label_set_text (self->delimiter_label, delimiter_name (report->delimiter));
  gtk_label_set_text (self->encoding_label, encoding_name (report->encoding));
  if (report->encoding == TENURE_CSV_ENCODING_WINDOWS_1252)
    {
      adw_action_row_set_subtitle (self->encoding_row,
                                   _("The file is not UTF-8 and was read as Windows-1252: "
                                     "check accented letters in the preview"));
      warned = TRUE;
    }
  else
    adw_action_row_set_subtitle (self->encoding_row, NULL);
  gtk_widget_set_visible (self->encoding_warning_icon, warned);
}

/* The header column mapped to @field, or -1. */
static int
column_of_field (TenureImportDialog *self,
                 const char         *field)
{
  for (guint c = 0; self->header && self->header[c]; c++)
    if (g_strcmp0 (report_field_of_column (self->report, self->header[c]), field) == 0)
      return (int) c;
  return -1;
}

/* The importer's messages name the file, row and column; some end with
 * the command line's remedy, which here is a control of the dialog. */
static char *
dialog_message (const GError *error)
{
  static const struct
  {
    const char *cli;
    const char *dialog;
  } remedies[] = {
    { " Map one with --map", N_("Choose the column that holds it under Columns.") },
    { " Import again with --date-order", N_("Choose the date order above.") },
    { "; name the kind with --kind", N_(". Choose the kind of data above and what each column "
                                        "holds.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (remedies); i++)
    {
      const char *cli = strstr (error->message, remedies[i].cli);

      if (cli != NULL)
        return g_strdup_printf ("%.*s%s%s", (int) (cli - error->message), error->message,
                                *remedies[i].cli == ' ' ? " " : "", _(remedies[i].dialog));
    }
  return g_strdup (error->message);
}

static void
show_report (TenureImportDialog *self,
             PreviewResult      *result)
{
  gboolean any_rejected = FALSE;
  gboolean cannot_decide = result->error != NULL
                           && g_error_matches (result->error, TENURE_IMPORT_ERROR,
                                               TENURE_IMPORT_ERROR_DATE_ORDER);

  if (result->header != NULL && self->header == NULL)
    self->header = g_steal_pointer (&result->header);
  self->date_undecided = cannot_decide && self->date_order == TENURE_DATE_ORDER_UNKNOWN;

  g_clear_pointer (&self->report, tenure_import_report_free);
  self->report = g_steal_pointer (&result->report);
  g_clear_pointer (&self->error_message, g_free);
  self->blocking = result->error != NULL;
  if (result->error != NULL)
    self->error_message = dialog_message (result->error);

  if (self->report != NULL)
    {
      sync_settings (self, self->report);
      sync_mapping_rows (self, self->report);
      rebuild_preview_columns (self, self->report->fields);
    }
  else if (self->mapping_rows->len == 0 && self->header != NULL)
    rebuild_mapping_rows (self, TENURE_IMPORT_KIND_UNKNOWN);

  g_list_store_remove_all (self->preview_rows);
  if (result->rows != NULL)
    {
      gsize n_rows = 0;
      g_autofree gpointer *rows = g_ptr_array_steal (result->rows, &n_rows);

      for (gsize i = 0; i < n_rows; i++)
        {
          g_autoptr(TenureImportPreviewItem) item
            = g_object_new (TENURE_TYPE_IMPORT_PREVIEW_ITEM, NULL);
          TenureImportPreviewRow *row = rows[i];
          gint64 key = (gint64) row->row;
          char **raw = result->raw ? g_hash_table_lookup (result->raw, &key) : NULL;
          guint n_fields = self->report ? self->report->fields->len : 0;

          item->row = row;
          item->shown = g_new0 (char *, n_fields + 1);
          for (guint f = 0; f < n_fields; f++)
            {
              /* values holds one per field, some NULL: never g_strv_length(). */
              if (row->values != NULL && row->values[f] != NULL)
                item->shown[f] = g_strdup (row->values[f]);
              else if (raw != NULL)
                {
                  int c = column_of_field (self, g_ptr_array_index (self->report->fields, f));

                  if (c >= 0 && (guint) c < g_strv_length (raw))
                    item->shown[f] = g_strdup (raw[c]);
                }
              if (item->shown[f] == NULL)
                item->shown[f] = g_strdup ("");
            }
          any_rejected |= row->reason != NULL;
          g_list_store_append (self->preview_rows, item);
        }
    }

  /* The problem columns only when there is a problem to show. */
  {
    GListModel *columns = gtk_column_view_get_columns (self->preview_view);
    guint n_columns = g_list_model_get_n_items (columns);

    if (n_columns > 0)
      {
        g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
        g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, n_columns - 1);

        gtk_column_view_column_set_visible (first, any_rejected);
        gtk_column_view_column_set_visible (last, any_rejected);
      }
  }
  /* An empty table under an error says nothing the error does not. */
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group),
                          g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows)) > 0);
  if (self->blocking)
    show_message (self, self->error_message, TRUE);
  else if (self->report != NULL && self->report->mapping_reused)
    show_message (self, _("The columns were mapped as you mapped a file with the same header "
                          "before"), FALSE);
  else
    show_message (self, NULL, FALSE);
  update_summary (self);
  update_buttons (self);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (source);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(TenureImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = g_task_propagate_pointer (G_TASK (res), &error);
  if (serial != self->preview_serial
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->counting = FALSE;
  if (report != NULL)
    {
      self->counted = TRUE;
      self->counted_rows = report->rows;
      self->counted_rejected = report->rows_rejected;
    }
  else
    /* The preview succeeded; a failure past its rows shows on import. */
    g_debug ("Counting %s failed: %s", self->file_name, error->message);
  update_summary (self);
  update_buttons (self);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (source);
  guint serial = GPOINTER_TO_UINT (user_data);
  PreviewResult *result;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  /* A newer preview replaced this one, or the dialog is gone. */
  if (result == NULL || serial != self->preview_serial)
    {
      g_clear_pointer (&result, preview_result_free);
      return;
    }
  self->previewing = FALSE;
  self->counted = FALSE;
  self->counting = result->error == NULL
                   && g_file_test (self->path, G_FILE_TEST_IS_REGULAR)
                   && result->report != NULL;
  if (self->counting)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      self->counting = info != NULL && g_file_info_get_size (info) <= COUNT_MAX_BYTES;
    }
  show_report (self, result);
  preview_result_free (result);

  if (self->counting)
    {
      g_autoptr(GTask) task = g_task_new (self, self->preview_cancellable, count_done_cb,
                                          GUINT_TO_POINTER (self->preview_serial));

      g_task_set_source_tag (task, count_done_cb);
      g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
      g_task_run_in_thread (task, count_thread);
    }
  update_summary (self);
  update_buttons (self);
}

static gboolean
reparse_cb (gpointer data)
{
  TenureImportDialog *self = data;
  g_autoptr(GTask) task = NULL;

  self->reparse_id = 0;
  /* The previous preview's result would be stale: drop it. */
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  self->preview_serial++;
  self->previewing = TRUE;
  self->counting = FALSE;

  task = g_task_new (self, self->preview_cancellable, preview_done_cb,
                     GUINT_TO_POINTER (self->preview_serial));
  g_task_set_source_tag (task, reparse_cb);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_thread);
  update_buttons (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (TenureImportDialog *self,
                  guint               delay_ms)
{
  if (tenure_workspace_is_read_only (self->workspace))
    return;
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  self->reparse_id = g_timeout_add (delay_ms, reparse_cb, self);
  update_buttons (self);
}

static void
add_reject_row (TenureImportDialog       *self,
                const TenureImportReject *reject)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *escaped = g_markup_escape_text (reject->reason ? reject->reason : "", -1);

  g_autofree char *number = format_count (reject->row);

  if (reject->column != NULL)
    title = g_strdup_printf (_("Row %s, column “%s”: %s"), number, reject->column,
                             reject->value ? reject->value : "");
  else
    title = g_strdup_printf (_("Row %s"), number);
  {
    g_autofree char *escaped_title = g_markup_escape_text (title, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_append (self->rejects_list, row);
}

static void
show_result (TenureImportDialog *self)
{
  const TenureImportReport *report = self->result;
  g_autofree char *title = g_strdup_printf (_("Imported %s"), self->file_name);
  g_autofree char *description = NULL;
  g_autofree char *n_new = format_count (report->rows_new);
  g_autofree char *n_updated = format_count (report->rows_updated);
  g_autofree char *n_unchanged = format_count (report->rows_unchanged);
  g_autofree char *n_rejected = format_count (report->rows_rejected);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s new, %s updated, %s unchanged. %s row was "
                                              "rejected and not imported.",
                                              "%s new, %s updated, %s unchanged. %s rows were "
                                              "rejected and not imported.",
                                              report->rows_rejected % 1000000),
                                 n_new, n_updated, n_unchanged, n_rejected);
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  for (guint i = 0; i < report->rejects->len && i < REJECTS_SHOWN; i++)
    add_reject_row (self, g_ptr_array_index (report->rejects, i));
  if (report->rows_rejected > MIN (report->rejects->len, REJECTS_SHOWN))
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *more_rows = format_count (report->rows_rejected
                                                 - MIN (report->rejects->len, REJECTS_SHOWN));
      g_autofree char *text = g_strdup_printf (_("And %s more: save the rejected rows to see "
                                                 "them all"), more_rows);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_list_box_append (self->rejects_list, more);
    }
  self->state = STATE_RESULT;
  gtk_stack_set_visible_child_name (self->stack, "result");
  update_buttons (self);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (source);
  ImportResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  g_clear_object (&self->import_cancellable);
  if (result->report != NULL && result->report->committed)
    {
      /* The rows were written on the worker's connection: tell the views. */
      tenure_workspace_notify_changed (self->workspace);
      self->result = g_steal_pointer (&result->report);
      import_result_free (result);
      if (self->done != NULL)
        self->done (self->file_name, self->result, self->done_data);
      if (self->disposed)
        return;
      if (self->result->rows_rejected > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
        show_result (self);
      else
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  self->state = STATE_SETUP;
  if (self->disposed)
    {
      import_result_free (result);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "setup");
  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _("The import was cancelled. The workspace is unchanged."), FALSE);
  else if (result->error != NULL)
    show_message (self, result->error->message, TRUE);
  import_result_free (result);
  update_buttons (self);
}

/* ---- callbacks ---- */

static void
kind_selected_cb (AdwComboRow        *row,
                  GParamSpec         *pspec,
                  TenureImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);
  TenureImportKind kind;
  const char *const *fields;
  GHashTableIter iter;
  gpointer value;

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  kind = kind_labels[selected].kind;
  if (self->report != NULL && kind == self->report->kind && self->kind == TENURE_IMPORT_KIND_UNKNOWN)
    return;
  self->kind = kind;
  /* Choices naming fields the new kind lacks would only be an error. */
  fields = tenure_import_kind_fields (kind);
  g_hash_table_iter_init (&iter, self->user_mappings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (*(char *) value != '\0' && !g_strv_contains (fields, value))
      g_hash_table_iter_remove (&iter);
  schedule_preview (self, 0);
}

static void
date_order_selected_cb (AdwComboRow        *row,
                        GParamSpec         *pspec,
                        TenureImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->date_order = selected == DATE_ORDER_DAY_FIRST     ? TENURE_DATE_ORDER_DMY
                     : selected == DATE_ORDER_MONTH_FIRST ? TENURE_DATE_ORDER_MDY
                                                          : TENURE_DATE_ORDER_UNKNOWN;
  schedule_preview (self, 0);
}

static void
inclusive_active_cb (GtkSwitch          *sw,
                     GParamSpec         *pspec,
                     TenureImportDialog *self)
{
  schedule_preview (self, REPARSE_DELAY_MS);
}

static void
import_clicked_cb (TenureImportDialog *self)
{
  tenure_import_dialog_start_import (self);
}

static void
cancel_clicked_cb (TenureImportDialog *self)
{
  tenure_import_dialog_cancel (self);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (window);

  /* Closing mid-import cancels it; the window goes once the rollback is
   * done and the user sees the workspace is unchanged. */
  if (self->state == STATE_IMPORTING)
    {
      g_cancellable_cancel (self->import_cancellable);
      return TRUE;
    }
  return FALSE;
}

static void
save_rejects_to (TenureImportDialog *self,
                 GFile              *file)
{
  g_autoptr(GError) error = NULL;

  if (file == NULL || self->result == NULL)
    return;
  if (!tenure_import_dialog_save_rejects (self->result, file, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Save the Rejected Rows"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_button_set_label (self->save_rejects_button, _("Rejected Rows Saved"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_rejects_button), FALSE);
}

static void
save_chooser_response_cb (GtkNativeDialog    *chooser,
                          int                 response,
                          TenureImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      save_rejects_to (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_rejects_clicked_cb (TenureImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *stem = g_strdup (self->file_name);
  g_autofree char *name = NULL;
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    *dot = '\0';
  /* TRANSLATORS: the name offered for the CSV of rejected rows; %s is the
   * imported file's name without its extension. */
  name = g_strdup_printf (_("%s (rejected rows).csv"), stem);
  chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- GObject ---- */

static void
tenure_import_dialog_dispose (GObject *object)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  /* The dialog's work dies with it: an import still running rolls back. */
  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TENURE_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (tenure_import_dialog_parent_class)->dispose (object);
}

static void
tenure_import_dialog_finalize (GObject *object)
{
  TenureImportDialog *self = TENURE_IMPORT_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_object (&self->file);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->preview_rows);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->user_mappings, g_hash_table_unref);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->shown_fields, g_strfreev);
  g_clear_pointer (&self->report, tenure_import_report_free);
  g_clear_pointer (&self->result, tenure_import_report_free);
  g_free (self->error_message);
  g_free (self->path);
  g_free (self->file_name);
  G_OBJECT_CLASS (tenure_import_dialog_parent_class)->finalize (object);
}

static void
tenure_import_dialog_class_init (TenureImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tenure_import_dialog_dispose;
  object_class->finalize = tenure_import_dialog_finalize;
  window_class->close_request = close_request_cb;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tenure/Tenure/ui/tenure-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, inclusive_row);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, inclusive_switch);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, delimiter_label);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, encoding_warning_icon);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, save_rejects_button);
  gtk_widget_class_bind_template_child (widget_class, TenureImportDialog, rejects_list);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_rejects_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tenure_import_dialog_init (TenureImportDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->preview_cancellable = g_cancellable_new ();
  self->preview_rows = g_list_store_new (TENURE_TYPE_IMPORT_PREVIEW_ITEM);
  self->mapping_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_row_free);
  self->user_mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->mapped_kind = TENURE_IMPORT_KIND_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    gtk_string_list_append (kinds, _(kind_labels[i].label));
  gtk_string_list_append (orders, _("Automatic"));
  gtk_string_list_append (orders, _("Day First (31/12/2024)"));
  gtk_string_list_append (orders, _("Month First (12/31/2024)"));

  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_model (self->date_order_row, G_LIST_MODEL (orders));
  adw_combo_row_set_selected (self->date_order_row, DATE_ORDER_AUTO);
  self->updating = FALSE;
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect (self->date_order_row, "notify::selected",
                    G_CALLBACK (date_order_selected_cb), self);
  g_signal_connect (self->inclusive_switch, "notify::active", G_CALLBACK (inclusive_active_cb),
                    self);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (
    G_LIST_MODEL (g_object_ref (self->preview_rows))));
  gtk_column_view_set_model (self->preview_view, selection);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

/* ---- public API ---- */

/**
 * tenure_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @workspace: the workspace to import into
 * @file: the CSV file
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
TenureImportDialog *
tenure_import_dialog_new (GtkWindow       *parent,
                          TenureWorkspace *workspace,
                          GFile           *file)
{
  TenureImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TENURE_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TENURE_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->file_name = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, self->file_name);
  adw_window_title_set_subtitle (self->window_title, _("Import CSV File"));
  gtk_window_set_title (GTK_WINDOW (self), self->file_name);
  {
    g_autofree char *title = g_strdup_printf (_("Importing %s…"), self->file_name);

    adw_status_page_set_title (self->progress_page, title);
  }

  if (tenure_workspace_is_read_only (workspace))
    {
      const char *reason = tenure_workspace_get_read_only_reason (workspace);

      self->blocking = TRUE;
      self->error_message = g_strdup_printf (_("This workspace is read-only: %s"),
                                             reason ? reason : _("it was opened for reading"));
      show_message (self, self->error_message, TRUE);
    }
  else if (self->path == NULL)
    {
      self->blocking = TRUE;
      self->error_message = g_strdup_printf (_("%s is not a local file"), self->file_name);
      show_message (self, self->error_message, TRUE);
    }
  else
    schedule_preview (self, 0);
  update_buttons (self);
  return self;
}

/**
 * tenure_import_dialog_set_done_func:
 * @self: a #TenureImportDialog
 * @done: (nullable) (scope notified): called when the import committed
 * @user_data: data for @done
 */
void
tenure_import_dialog_set_done_func (TenureImportDialog        *self,
                                    TenureImportDialogDoneFunc done,
                                    gpointer                   user_data)
{
  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));

  self->done = done;
  self->done_data = user_data;
}

/**
 * tenure_import_dialog_set_kind:
 * @self: a #TenureImportDialog
 * @kind: a kind other than %TENURE_IMPORT_KIND_UNKNOWN
 *
 * Chooses the kind of data, as the user would; the file is parsed again.
 */
void
tenure_import_dialog_set_kind (TenureImportDialog *self,
                               TenureImportKind    kind)
{
  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));
  g_return_if_fail (kind_position (kind) != GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (self->kind_row, kind_position (kind));
}

/**
 * tenure_import_dialog_set_date_order:
 * @self: a #TenureImportDialog
 * @order: day first, month first, or %TENURE_DATE_ORDER_UNKNOWN for automatic
 */
void
tenure_import_dialog_set_date_order (TenureImportDialog *self,
                                     TenureDateOrder     order)
{
  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));

  adw_combo_row_set_selected (self->date_order_row,
                              order == TENURE_DATE_ORDER_DMY   ? DATE_ORDER_DAY_FIRST
                              : order == TENURE_DATE_ORDER_MDY ? DATE_ORDER_MONTH_FIRST
                                                               : DATE_ORDER_AUTO);
}

/**
 * tenure_import_dialog_set_mapping:
 * @self: a #TenureImportDialog
 * @column: a column header of the file
 * @field: (nullable): a field of the kind shown, or %NULL or "" to ignore
 *
 * Chooses in the column's drop-down, as the user would.
 */
void
tenure_import_dialog_set_mapping (TenureImportDialog *self,
                                  const char         *column,
                                  const char         *field)
{
  const char *const *fields;

  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column != NULL);

  fields = tenure_import_kind_fields (self->mapped_kind);
  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      MappingRow *row = g_ptr_array_index (self->mapping_rows, i);
      guint position = 0;

      if (!g_str_equal (row->column, column))
        continue;
      for (guint f = 0; field && *field && fields && fields[f]; f++)
        if (g_str_equal (fields[f], field))
          position = f + 1;
      g_return_if_fail (field == NULL || *field == '\0' || position > 0);
      gtk_drop_down_set_selected (row->dropdown, position);
      return;
    }
  g_critical ("%s has no column “%s”", self->file_name, column);
}

/**
 * tenure_import_dialog_start_import:
 * @self: a #TenureImportDialog
 *
 * Imports the file as set, in a worker thread, as the Import button does.
 * In the result page, closes the dialog.
 */
void
tenure_import_dialog_start_import (TenureImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));

  if (self->state == STATE_RESULT)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)))
    return;

  /* A count still running holds the write lock the import needs. */
  g_cancellable_cancel (self->preview_cancellable);
  self->counting = FALSE;
  self->preview_serial++;

  data = g_new0 (ImportData, 1);
  data->job = job_new (self);
  /* Import what the preview showed, even if detection would now differ. */
  if (self->report != NULL)
    {
      data->job->kind = self->report->kind;
      if (data->job->date_order == TENURE_DATE_ORDER_UNKNOWN)
        data->job->date_order = self->report->date_order;
    }
  data->progress = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&data->progress->ref_count);
  g_weak_ref_init (&data->progress->dialog, self);

  self->import_cancellable = g_cancellable_new ();
  self->state = STATE_IMPORTING;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  show_message (self, NULL, FALSE);
  update_buttons (self);

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, tenure_import_dialog_start_import);
  /* A commit that lands just as the user cancels still happened: the result
   * says so, never a cancellation error. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * tenure_import_dialog_cancel:
 * @self: a #TenureImportDialog
 *
 * Cancels the import running (the workspace stays as it was), or closes
 * the dialog without importing.
 */
void
tenure_import_dialog_cancel (TenureImportDialog *self)
{
  g_return_if_fail (TENURE_IS_IMPORT_DIALOG (self));

  if (self->state == STATE_IMPORTING)
    g_cancellable_cancel (self->import_cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * tenure_import_dialog_is_busy:
 * @self: a #TenureImportDialog
 *
 * Returns: %TRUE while a preview, a count or the import is due or running
 */
gboolean
tenure_import_dialog_is_busy (TenureImportDialog *self)
{
  g_return_val_if_fail (TENURE_IS_IMPORT_DIALOG (self), FALSE);

  return self->reparse_id != 0 || self->previewing || self->counting
         || self->state == STATE_IMPORTING;
}

/**
 * tenure_import_dialog_get_report:
 * @self: a #TenureImportDialog
 *
 * Returns: (transfer none) (nullable): the import's report once it
 *   committed, else the latest preview's
 */
const TenureImportReport *
tenure_import_dialog_get_report (TenureImportDialog *self)
{
  g_return_val_if_fail (TENURE_IS_IMPORT_DIALOG (self), NULL);

  return self->result ? self->result : self->report;
}

/**
 * tenure_import_dialog_get_error:
 * @self: a #TenureImportDialog
 *
 * Returns: (transfer none) (nullable): the message that keeps the file
 *   from being imported as set, as the dialog shows it
 */
const char *
tenure_import_dialog_get_error (TenureImportDialog *self)
{
  g_return_val_if_fail (TENURE_IS_IMPORT_DIALOG (self), NULL);

  return self->blocking ? self->error_message : NULL;
}

/**
 * tenure_import_dialog_get_preview:
 * @self: a #TenureImportDialog
 *
 * Returns: (transfer none): the rows the preview shows
 */
GListModel *
tenure_import_dialog_get_preview (TenureImportDialog *self)
{
  g_return_val_if_fail (TENURE_IS_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->preview_rows);
}

/**
 * tenure_import_dialog_get_preview_row:
 * @self: a #TenureImportDialog
 * @position: a row of the preview
 *
 * Returns: (transfer none) (nullable): the row as the importer previewed it
 */
const TenureImportPreviewRow *
tenure_import_dialog_get_preview_row (TenureImportDialog *self,
                                      guint               position)
{
  g_autoptr(TenureImportPreviewItem) item = NULL;

  g_return_val_if_fail (TENURE_IS_IMPORT_DIALOG (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->preview_rows), position);
  /* The store keeps its own reference: the row outlives this one. */
  return item ? item->row : NULL;
}

/**
 * tenure_import_dialog_save_rejects:
 * @report: the report of an import
 * @file: where to write
 * @error: return location for an error
 *
 * Writes the rejected rows of @report as CSV: row, column, value and
 * reason, each cell made inert for spreadsheets.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
tenure_import_dialog_save_rejects (const TenureImportReport *report,
                                   GFile                    *file,
                                   GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "row", "column", "value", "reason" };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tenure_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < report->rejects->len; i++)
    {
      const TenureImportReject *reject = g_ptr_array_index (report->rejects, i);
      g_autofree char *row = g_strdup_printf ("%" G_GUINT64_FORMAT, reject->row);
      const char *cells[] = { row, reject->column, reject->value, reject->reason };

      tenure_csv_write_row (out, cells, G_N_ELEMENTS (cells));
    }
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

/**
 * tenure_import_dialog_undo:
 * @workspace: the workspace imported into
 * @batch_id: the batch of the import (TenureImportReport.batch_id)
 * @error: return location for an error
 *
 * Undoes an import, for the Undo button of the toast that reports it.
 *
 * Returns: %TRUE when the batch was undone
 */
gboolean
tenure_import_dialog_undo (TenureWorkspace *workspace,
                           gint64           batch_id,
                           GError         **error)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (batch_id > 0, FALSE);

  return tenure_workspace_undo_import (workspace, batch_id, NULL, error);
}

/* Several files dropped at once: one dialog after the other. */
typedef struct
{
  GtkWindow                 *parent;  /* weak */
  gboolean                   had_parent;
  TenureWorkspace           *workspace;
  GPtrArray                 *files;
  guint                      next;
  TenureImportDialogDoneFunc done;
  gpointer                   user_data;
} Chain;

static void
chain_free (Chain *chain)
{
  g_clear_weak_pointer (&chain->parent);
  g_clear_object (&chain->workspace);
  g_ptr_array_unref (chain->files);
  g_free (chain);
}

static void chain_run_next (Chain *chain);

static void
chain_dialog_destroyed_cb (GtkWidget *dialog,
                           Chain     *chain)
{
  chain_run_next (chain);
}

static void
chain_run_next (Chain *chain)
{
  TenureImportDialog *dialog;

  if (chain->next >= chain->files->len
      /* The window closed: its files go with it. */
      || (chain->had_parent && chain->parent == NULL))
    {
      chain_free (chain);
      return;
    }
  dialog = tenure_import_dialog_new (chain->parent, chain->workspace,
                                     g_ptr_array_index (chain->files, chain->next));
  chain->next++;
  if (chain->files->len > 1)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Import CSV File %u of %u"), chain->next,
                                                   chain->files->len);

      adw_window_title_set_subtitle (dialog->window_title, subtitle);
    }
  tenure_import_dialog_set_done_func (dialog, chain->done, chain->user_data);
  g_signal_connect (dialog, "destroy", G_CALLBACK (chain_dialog_destroyed_cb), chain);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Chain           *chain)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (chain->files, g_list_model_get_item (files, i));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  chain_run_next (chain);
}

/**
 * tenure_import_dialog_run:
 * @parent: (nullable): the window the dialogs belong to
 * @workspace: the workspace to import into
 * @files: (array length=n_files) (nullable): CSV files; none asks for them
 * @n_files: the number of @files
 * @done: (scope notified) (nullable): called for every committed import
 * @user_data: data for @done
 *
 * Opens the import dialog for each file in turn; the next opens when one
 * is imported or skipped. A read-only workspace is refused with its reason.
 */
void
tenure_import_dialog_run (GtkWindow                  *parent,
                          TenureWorkspace            *workspace,
                          GFile                     **files,
                          guint                       n_files,
                          TenureImportDialogDoneFunc  done,
                          gpointer                    user_data)
{
  Chain *chain;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TENURE_IS_WORKSPACE (workspace));
  g_return_if_fail (files != NULL || n_files == 0);

  if (tenure_workspace_is_read_only (workspace))
    {
      const char *reason = tenure_workspace_get_read_only_reason (workspace);
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Cannot Import Into This Workspace"),
                                                  reason ? reason
                                                         : _("The workspace is read-only."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  chain = g_new0 (Chain, 1);
  g_set_weak_pointer (&chain->parent, parent);
  chain->had_parent = parent != NULL;
  chain->workspace = g_object_ref (workspace);
  chain->files = g_ptr_array_new_with_free_func (g_object_unref);
  chain->done = done;
  chain->user_data = user_data;
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (chain->files, g_object_ref (files[i]));

  if (n_files == 0)
    {
      GtkFileChooserNative *chooser
        = gtk_file_chooser_native_new (_("Import CSV Files"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Import"), _("_Cancel"));
      g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (csv, _("CSV Files"));
      gtk_file_filter_add_mime_type (csv, "text/csv");
      gtk_file_filter_add_suffix (csv, "csv");
      gtk_file_filter_add_suffix (csv, "tsv");
      gtk_file_filter_add_suffix (csv, "txt");
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), chain);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  chain_run_next (chain);
}
