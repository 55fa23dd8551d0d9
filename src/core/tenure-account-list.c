/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-account-list"

#include "config.h"

#include <math.h>

#include "tenure-account-list.h"
#include "tenure-date.h"

/* The accounts of a workspace as a GListModel, ordered by key. It reloads
 * when the workspace commits a change: objects are kept across reloads (so
 * bindings and selections survive) and items-changed is emitted only where
 * accounts came or went. Until the metrics engine delivers its figures, MRR
 * and dates come from a direct reading of the subscriptions. */

struct _TenureAccountList
{
  GObject          parent_instance;

  TenureWorkspace *workspace;
  GPtrArray       *items;    /* TenureAccount, ordered by key */
  GHashTable      *by_key;   /* key → TenureAccount (borrowed from items) */
  gulong           changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TenureAccountList, tenure_account_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
workspace_changed_cb (TenureAccountList *self,
                      TenureWorkspace   *workspace)
{
  g_autoptr(GError) error = NULL;

  if (!tenure_account_list_reload (self, &error))
    g_debug ("Could not reload the accounts: %s", error->message);
}

static GType
list_get_item_type (GListModel *model)
{
  return TENURE_TYPE_ACCOUNT;
}

static guint
list_get_n_items (GListModel *model)
{
  return TENURE_ACCOUNT_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TenureAccountList *self = TENURE_ACCOUNT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
tenure_account_list_dispose (GObject *object)
{
  TenureAccountList *self = (TenureAccountList *) object;

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (tenure_account_list_parent_class)->dispose (object);
}

static void
tenure_account_list_finalize (GObject *object)
{
  TenureAccountList *self = (TenureAccountList *) object;

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (tenure_account_list_parent_class)->finalize (object);
}

static void
tenure_account_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TenureAccountList *self = TENURE_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_account_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TenureAccountList *self = TENURE_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tenure_account_list_constructed (GObject *object)
{
  TenureAccountList *self = (TenureAccountList *) object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (tenure_account_list_parent_class)->constructed (object);

  g_assert (self->workspace != NULL);
  self->changed_id = g_signal_connect_object (self->workspace, "changed",
                                              G_CALLBACK (workspace_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  if (!tenure_account_list_reload (self, &error))
    g_debug ("Could not load the accounts: %s", error->message);
}

static void
tenure_account_list_class_init (TenureAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tenure_account_list_constructed;
  object_class->dispose = tenure_account_list_dispose;
  object_class->finalize = tenure_account_list_finalize;
  object_class->get_property = tenure_account_list_get_property;
  object_class->set_property = tenure_account_list_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, TENURE_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tenure_account_list_init (TenureAccountList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * tenure_account_list_new:
 * @workspace: the workspace to list
 *
 * Returns: (transfer full): the accounts of @workspace, kept up to date
 */
TenureAccountList *
tenure_account_list_new (TenureWorkspace *workspace)
{
  g_return_val_if_fail (TENURE_IS_WORKSPACE (workspace), NULL);

  return g_object_new (TENURE_TYPE_ACCOUNT_LIST, "workspace", workspace, NULL);
}

/**
 * tenure_account_list_get_workspace:
 * @self: a #TenureAccountList
 *
 * Returns: (transfer none): the workspace
 */
TenureWorkspace *
tenure_account_list_get_workspace (TenureAccountList *self)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT_LIST (self), NULL);
  return self->workspace;
}

/* Attributes, and MRR on the report date (today) from the subscriptions:
 * the account's MRR is the sum of the lines with starts_on <= d < ends_on. */
static const char *load_sql =
  "SELECT a.key, a.name, a.segment, a.owner, coalesce(a.type, 0), a.region, "
  "  (SELECT coalesce(sum(s.mrr), 0) FROM subscription s WHERE s.account_id = a.id "
  "     AND s.starts_on <= ?1 AND (s.ends_on IS NULL OR s.ends_on > ?1)), "
  "  (SELECT min(s.starts_on) FROM subscription s WHERE s.account_id = a.id AND s.mrr > 0), "
  "  (SELECT max(t.occurred_on) FROM touchpoint t WHERE t.account_id = a.id AND t.occurred_on <= ?1) "
  "FROM account a ORDER BY a.key";

/**
 * tenure_account_list_reload:
 * @self: a #TenureAccountList
 * @error: return location for an error
 *
 * Reads the accounts again. Objects of accounts that are still there are
 * updated in place (notifying only what changed).
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_account_list_reload (TenureAccountList  *self,
                            GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  char today[16];
  gboolean same_keys;
  guint old_n;
  int rc;

  g_return_val_if_fail (TENURE_IS_ACCOUNT_LIST (self), FALSE);

  db = tenure_workspace_get_db (self->workspace);
  if (db == NULL)
    return TRUE;
  if (sqlite3_prepare_v2 (db, load_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      return FALSE;
    }
  tenure_day_format_iso (tenure_day_today (), today);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 0);
      TenureAccount *account = g_hash_table_lookup (self->by_key, key);
      gint64 mrr = sqlite3_column_int64 (stmt, 6);

      if (account == NULL)
        account = tenure_account_new (key);
      else
        g_object_ref (account);

      g_object_freeze_notify (G_OBJECT (account));
      tenure_account_set_name (account, column_text (stmt, 1));
      tenure_account_set_segment (account, column_text (stmt, 2));
      tenure_account_set_owner (account, column_text (stmt, 3));
      tenure_account_set_account_type (account, CLAMP (sqlite3_column_int (stmt, 4), 0, 4));
      tenure_account_set_region (account, column_text (stmt, 5));
      tenure_account_set_mrr (account, mrr);
      tenure_account_set_active (account, mrr > 0);
      tenure_account_set_originated_on (account, column_text (stmt, 7));
      tenure_account_set_last_touch (account, column_text (stmt, 8));
      g_object_thaw_notify (G_OBJECT (account));
      g_ptr_array_add (items, account);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      tenure_workspace_set_sqlite_error (db, tenure_workspace_get_path (self->workspace), error);
      return FALSE;
    }

  old_n = self->items->len;
  same_keys = old_n == items->len;
  for (guint i = 0; same_keys && i < items->len; i++)
    same_keys = g_ptr_array_index (items, i) == g_ptr_array_index (self->items, i);
  if (same_keys)
    return TRUE;

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_hash_table_remove_all (self->by_key);
  for (guint i = 0; i < self->items->len; i++)
    {
      TenureAccount *account = g_ptr_array_index (self->items, i);

      g_hash_table_insert (self->by_key, (gpointer) tenure_account_get_key (account), account);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->items->len);
  if (old_n != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * tenure_account_list_lookup:
 * @self: a #TenureAccountList
 * @key: an account key
 *
 * Returns: (transfer none) (nullable): the account with @key
 */
TenureAccount *
tenure_account_list_lookup (TenureAccountList *self,
                            const char        *key)
{
  g_return_val_if_fail (TENURE_IS_ACCOUNT_LIST (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->by_key, key);
}

/**
 * tenure_account_list_apply_figures:
 * @self: a #TenureAccountList
 * @figures: (array length=n_figures): figures by account key
 * @n_figures: their number
 *
 * Sets the computed figures on the accounts they name; unknown keys are
 * skipped (the account may have been removed since the computation began).
 */
void
tenure_account_list_apply_figures (TenureAccountList          *self,
                                   const TenureAccountUpdate *figures,
                                   guint                       n_figures)
{
  g_return_if_fail (TENURE_IS_ACCOUNT_LIST (self));
  g_return_if_fail (figures != NULL || n_figures == 0);

  for (guint i = 0; i < n_figures; i++)
    {
      TenureAccount *account = g_hash_table_lookup (self->by_key, figures[i].key);

      if (account == NULL)
        continue;
      g_object_freeze_notify (G_OBJECT (account));
      tenure_account_set_stage (account, figures[i].stage);
      tenure_account_set_mrr (account, figures[i].mrr);
      tenure_account_set_active (account, figures[i].active);
      tenure_account_set_originated_on (account, figures[i].originated_on);
      tenure_account_set_churned_on (account, figures[i].churned_on);
      tenure_account_set_last_touch (account, figures[i].last_touch);
      tenure_account_set_at_risk_reasons (account, figures[i].at_risk_reasons);
      tenure_account_set_overall_score (account, figures[i].overall_score);
      tenure_account_set_tenure_months (account, figures[i].tenure_months);
      g_object_thaw_notify (G_OBJECT (account));
    }
}
