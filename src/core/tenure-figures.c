/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-figures"

#include "config.h"

#include "tenure-figures.h"

struct _TenureFigures
{
  GObject            parent_instance;

  TenureWorkspace   *workspace;
  TenureAccountList *accounts;
  TenureAnalysis    *analysis;
  GError            *error;
  GCancellable      *cancellable;
  TenurePeriodKind   period;
  TenureDay          as_of;
  guint              debounce_id;
  gulong             changed_id;
  guint              running : 1;
  guint              first_pending : 1;   /* constructed, first computation not started yet */
  guint              again : 1;    /* a change arrived while computing */
};

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_ACCOUNTS,
  PROP_BUSY,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TenureFigures, tenure_figures, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Imports arrive as a burst of commits; one computation after the burst. */
#define DEBOUNCE_MS 250

typedef struct
{
  char             *path;
  TenurePeriodKind  period;
  TenureDay         as_of;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job);
}

static void start (TenureFigures *self);

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  TenureAnalysisOptions options = { job->period, job->as_of, NULL, NULL, TRUE };
  g_autoptr(GError) error = NULL;
  TenureAnalysis *analysis;
  sqlite3 *db = NULL;

  /* A connection of its own: SQLite connections are not shared between
   * threads, and a reader never blocks the window's writes. */
  if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, job->path, &error);
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_busy_timeout (db, 5000);
  {
    int off = 0;

    sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &off);
    sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &off);
    sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &off);
  }
  analysis = tenure_analysis_compute (db, &options, cancellable, &error);
  sqlite3_close (db);
  if (analysis == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, analysis, (GDestroyNotify) tenure_analysis_unref);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TenureFigures *self = TENURE_FIGURES (object);
  g_autoptr(GError) error = NULL;
  TenureAnalysis *analysis;

  analysis = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (analysis != NULL)
    {
      g_clear_pointer (&self->analysis, tenure_analysis_unref);
      self->analysis = analysis;
      g_clear_error (&self->error);
      if (self->accounts != NULL)
        {
          g_autoptr(GArray) updates = tenure_analysis_account_updates (analysis);

          tenure_account_list_apply_figures (self->accounts, (TenureAccountUpdate *) updates->data,
                                             updates->len);
        }
    }
  else
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
    }

  if (self->again)
    {
      self->again = FALSE;
      start (self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
start (TenureFigures *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  job = g_new0 (Job, 1);
  job->path = g_strdup (tenure_workspace_get_path (self->workspace));
  job->period = self->period;
  job->as_of = self->as_of;
  self->running = TRUE;
  self->first_pending = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  task = g_task_new (self, self->cancellable, computed_cb, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
debounce_cb (gpointer user_data)
{
  TenureFigures *self = user_data;

  self->debounce_id = 0;
  start (self);
  return G_SOURCE_REMOVE;
}

static void
workspace_changed_cb (TenureFigures   *self,
                      TenureWorkspace *workspace)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

static void
tenure_figures_dispose (GObject *object)
{
  TenureFigures *self = (TenureFigures *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (tenure_figures_parent_class)->dispose (object);
}

static void
tenure_figures_finalize (GObject *object)
{
  TenureFigures *self = (TenureFigures *) object;

  g_clear_pointer (&self->analysis, tenure_analysis_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tenure_figures_parent_class)->finalize (object);
}

static void
tenure_figures_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TenureFigures *self = TENURE_FIGURES (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->running || self->first_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_figures_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TenureFigures *self = TENURE_FIGURES (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_figures_constructed (GObject *object)
{
  TenureFigures *self = (TenureFigures *) object;

  G_OBJECT_CLASS (tenure_figures_parent_class)->constructed (object);

  g_assert (self->workspace != NULL);
  self->changed_id = g_signal_connect_object (self->workspace, "changed",
                                              G_CALLBACK (workspace_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  /* From the main loop, so that a period or report date set right after
   * construction is in the first computation instead of a second one. */
  self->first_pending = TRUE;
  self->debounce_id = g_idle_add (debounce_cb, self);
}

static void
tenure_figures_class_init (TenureFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tenure_figures_constructed;
  object_class->dispose = tenure_figures_dispose;
  object_class->finalize = tenure_figures_finalize;
  object_class->get_property = tenure_figures_get_property;
  object_class->set_property = tenure_figures_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TENURE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL, TENURE_TYPE_ACCOUNT_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TenureFigures::updated:
   *
   * A new analysis (or an error) is there.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tenure_figures_init (TenureFigures *self)
{
  self->cancellable = g_cancellable_new ();
  self->period = TENURE_PERIOD_MONTH;
  self->as_of = TENURE_DAY_NONE;
}

/**
 * tenure_figures_new:
 * @workspace: the workspace
 * @accounts: (nullable): an account list to keep filled with the figures
 *
 * Returns: (transfer full): the figures, computing their first analysis
 */
TenureFigures *
tenure_figures_new (TenureWorkspace   *workspace,
                    TenureAccountList *accounts)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (workspace), NULL);

  return g_object_new (TENURE_TYPE_FIGURES, "workspace", workspace, "accounts", accounts, NULL);
}

TenureAnalysis *
tenure_figures_get_analysis (TenureFigures *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURES (self), NULL);
  return self->analysis;
}

gboolean
tenure_figures_is_busy (TenureFigures *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURES (self), FALSE);
  return self->running || self->first_pending;
}

const GError *
tenure_figures_get_error (TenureFigures *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURES (self), NULL);
  return self->error;
}

TenurePeriodKind
tenure_figures_get_period (TenureFigures *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURES (self), TENURE_PERIOD_MONTH);
  return self->period;
}

void
tenure_figures_set_period (TenureFigures    *self,
                           TenurePeriodKind  period)
{
  g_return_if_fail (TENURE_IS_FIGURES (self));

  if (self->period == period)
    return;
  self->period = period;
  tenure_figures_refresh (self);
}

TenureDay
tenure_figures_get_as_of (TenureFigures *self)
{
  g_return_val_if_fail (TENURE_IS_FIGURES (self), TENURE_DAY_NONE);
  return self->as_of;
}

void
tenure_figures_set_as_of (TenureFigures *self,
                          TenureDay      as_of)
{
  g_return_if_fail (TENURE_IS_FIGURES (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  tenure_figures_refresh (self);
}

void
tenure_figures_refresh (TenureFigures *self)
{
  g_return_if_fail (TENURE_IS_FIGURES (self));

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  start (self);
}
