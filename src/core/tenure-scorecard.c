/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-scorecard"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-kam-private.h"
#include "tenure-scorecard.h"

/**
 * tenure_scorecards_free:
 * @scorecards: (nullable): scorecards from tenure_scorecards_compute()
 *
 * Frees @scorecards.
 */
void
tenure_scorecards_free (TenureScorecards *scorecards)
{
  if (scorecards == NULL)
    return;
  g_strfreev (scorecards->area_names);
  g_clear_pointer (&scorecards->cards, g_ptr_array_unref);
  g_free (scorecards->pool);
  g_free (scorecards->area_pool);
  g_clear_pointer (&scorecards->ledger, tenure_ledger_unref);
  g_free (scorecards);
}

static gboolean
load_areas (sqlite3           *db,
            TenureScorecards  *sc,
            GHashTable        *area_index,
            GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tenure_kam_prepare (db, "SELECT id, name FROM score_area ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (area_index, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                           GUINT_TO_POINTER (names->len));
      g_ptr_array_add (names, _tenure_kam_column_dup (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (!_tenure_kam_step_done (db, rc, error))
    return FALSE;
  sc->n_areas = names->len;
  g_ptr_array_add (names, NULL);
  sc->area_names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

/* One card per account, in the ledger's order so that an account id finds
 * its card through the ledger; the list of cards is in key order. */
static void
load_accounts (TenureLedger     *ledger,
               TenureScorecards *sc)
{
  guint n = tenure_ledger_n_accounts (ledger);
  const guint *by_key = tenure_ledger_key_order (ledger);

  sc->pool = g_new0 (TenureScorecard, MAX (n, 1));
  sc->area_pool = g_new (double, (gsize) MAX (n, 1) * MAX (sc->n_areas, 1));
  for (guint i = 0; i < n; i++)
    {
      const TenureLedgerAccount *la = tenure_ledger_account (ledger, i);
      TenureScorecard *card = &sc->pool[i];

      card->account_id = la->id;
      card->account = la->key;
      card->name = la->name;
      card->type = la->type;
      card->owner = la->owner;
      card->end_date = la->end_date;
      card->active = tenure_ledger_account_active_on (la, sc->as_of);
      card->areas = &sc->area_pool[(gsize) i * MAX (sc->n_areas, 1)];
      for (guint a = 0; a < sc->n_areas; a++)
        card->areas[a] = NAN;
      card->overall = NAN;
      card->progress = NAN;

      /* ARR last year is the snapshot at the last day of the previous
       * fiscal year, unless the imported target states the figure. */
      card->arr_now = 12 * tenure_ledger_account_mrr_on (la, sc->as_of);
      card->arr_last_year = 12 * tenure_ledger_account_mrr_on (la, sc->fiscal_year_start - 1);
    }
  sc->cards = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sc->cards, &sc->pool[by_key[i]]);
}

static TenureScorecard *
find_card (const TenureScorecards *sc,
           gint64                  account_id)
{
  guint index = tenure_ledger_index_of_id (sc->ledger, account_id);

  return index != G_MAXUINT ? &sc->pool[index] : NULL;
}

/* Area score = mean of the sub-metrics' latest values on or before the
 * report date. Rows come ordered so that the first row of each (account,
 * metric) pair is its latest: a later date wins, and on the same date the
 * row entered last (higher id) wins, as a correction would be. */
static gboolean
score_areas (sqlite3           *db,
             TenureScorecards  *sc,
             GHashTable        *area_index,
             GError           **error)
{
  g_autofree double *sums = g_new0 (double, MAX (sc->n_areas, 1));
  g_autofree guint *counts = g_new0 (guint, MAX (sc->n_areas, 1));
  TenureScorecard *card = NULL;
  gint64 last_metric = -1;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tenure_kam_prepare (db,
                              "SELECT e.account_id, e.metric_id, m.area_id, e.value "
                              "FROM score_entry e JOIN score_metric m ON m.id = e.metric_id "
                              "WHERE e.scored_on <= ?1 "
                              "ORDER BY e.account_id, e.metric_id, e.scored_on DESC, e.id DESC",
                              error);
  if (stmt == NULL)
    return FALSE;
  _tenure_kam_bind_day (stmt, 1, sc->as_of);

  for (;;)
    {
      gint64 account_id = -1;
      gboolean more;

      rc = sqlite3_step (stmt);
      more = rc == SQLITE_ROW;
      if (more)
        account_id = sqlite3_column_int64 (stmt, 0);

      /* Close the previous account when the account changes or rows end. */
      if (card != NULL && (!more || account_id != card->account_id))
        {
          double area_sum = 0.0;
          guint areas_scored = 0;

          for (guint a = 0; a < sc->n_areas; a++)
            {
              if (counts[a] > 0)
                {
                  card->areas[a] = sums[a] / counts[a];
                  area_sum += card->areas[a];
                  areas_scored++;
                }
              sums[a] = 0.0;
              counts[a] = 0;
            }
          card->overall = areas_scored > 0 ? area_sum / areas_scored : NAN;
          card->flagged = areas_scored > 0 && card->overall < sc->flag_threshold;
          card = NULL;
        }
      if (!more)
        break;

      if (card == NULL)
        {
          card = find_card (sc, account_id);
          last_metric = -1;
          if (card == NULL)
            continue;
        }

      {
        gint64 metric_id = sqlite3_column_int64 (stmt, 1);
        gpointer area_pos;

        if (metric_id == last_metric)
          continue;   /* an older value of the same sub-metric */
        last_metric = metric_id;
        if (!g_hash_table_lookup_extended (area_index, GINT_TO_POINTER (sqlite3_column_int (stmt, 2)),
                                           NULL, &area_pos))
          continue;
        sums[GPOINTER_TO_UINT (area_pos)] += sqlite3_column_double (stmt, 3);
        counts[GPOINTER_TO_UINT (area_pos)]++;
        card->scored_metrics++;
      }
    }
  sqlite3_finalize (stmt);
  return _tenure_kam_step_done (db, rc, error);
}

static gboolean
load_targets (sqlite3           *db,
              TenureScorecards  *sc,
              GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tenure_kam_prepare (db,
                              "SELECT account_id, arr_last_year, arr_target_delta FROM target "
                              "WHERE fiscal_year = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, sc->fiscal_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (stmt, 0);
      TenureScorecard *card = find_card (sc, account_id);

      if (card == NULL)
        continue;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          /* The figure the target was agreed against overrides ours. */
          card->arr_last_year = sqlite3_column_int64 (stmt, 1);
          card->arr_last_year_imported = TRUE;
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          card->arr_target_delta = sqlite3_column_int64 (stmt, 2);
          card->has_target = TRUE;
        }
    }
  sqlite3_finalize (stmt);
  return _tenure_kam_step_done (db, rc, error);
}

/**
 * tenure_scorecards_compute:
 * @db: an open workspace, for the scores and targets
 * @ledger: the workspace's ledger, loaded from @db
 * @as_of: the report date
 * @error: return location for an error
 *
 * Computes the account progress scorecard of every account at @as_of: area
 * scores, overall score and flag, and the financial columns of the current
 * fiscal year. Accounts that are active at @as_of, scored on or before it, or
 * have a target for the fiscal year are marked as listed.
 *
 * Returns: (transfer full) (nullable): the scorecards, or %NULL with @error set
 */
TenureScorecards *
tenure_scorecards_compute (sqlite3       *db,
                           TenureLedger  *ledger,
                           TenureDay      as_of,
                           GError       **error)
{
  g_autoptr(TenureScorecards) sc = g_new0 (TenureScorecards, 1);
  g_autoptr(GHashTable) area_index = g_hash_table_new (NULL, NULL);
  const TenureLedgerSettings *settings;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (as_of != TENURE_DAY_NONE, NULL);

  settings = tenure_ledger_settings (ledger);
  sc->as_of = as_of;
  sc->flag_threshold = settings->score_flag_threshold;
  sc->fiscal_year = _tenure_fiscal_year_of (as_of, settings->fiscal_year_start);
  sc->fiscal_year_start = _tenure_fiscal_year_first_day (sc->fiscal_year, settings->fiscal_year_start);
  sc->ledger = tenure_ledger_ref (ledger);

  if (!load_areas (db, sc, area_index, error))
    return NULL;
  load_accounts (ledger, sc);
  if (!score_areas (db, sc, area_index, error) ||
      !load_targets (db, sc, error))
    return NULL;

  for (guint i = 0; i < sc->cards->len; i++)
    {
      TenureScorecard *card = g_ptr_array_index (sc->cards, i);

      card->arr_ytd = card->arr_now - card->arr_last_year;
      if (card->has_target)
        card->progress = _tenure_ratio ((double) card->arr_ytd, (double) card->arr_target_delta);
      card->listed = card->active || card->scored_metrics > 0 || card->has_target;
    }
  return g_steal_pointer (&sc);
}

/**
 * tenure_scorecards_lookup:
 * @scorecards: computed scorecards
 * @account_id: an account's row id
 *
 * Returns: (transfer none) (nullable): the account's scorecard
 */
const TenureScorecard *
tenure_scorecards_lookup (const TenureScorecards *scorecards,
                          gint64                  account_id)
{
  g_return_val_if_fail (scorecards != NULL, NULL);

  return find_card (scorecards, account_id);
}

/**
 * tenure_scorecards_nth:
 * @scorecards: computed scorecards
 * @index: an account's index in the ledger they were computed from
 *
 * Returns: (transfer none): the account's scorecard
 */
const TenureScorecard *
tenure_scorecards_nth (const TenureScorecards *scorecards,
                       guint                   index)
{
  g_return_val_if_fail (scorecards != NULL, NULL);
  g_return_val_if_fail (index < tenure_ledger_n_accounts (scorecards->ledger), NULL);

  return &scorecards->pool[index];
}

/**
 * tenure_scorecards_write_json:
 * @scorecards: computed scorecards
 * @json: the writer, positioned where a value goes
 *
 * Writes the `scorecards` array of `metrics --json`: the listed accounts by
 * key, money in minor units, undefined values as null.
 */
void
tenure_scorecards_write_json (const TenureScorecards *scorecards,
                              TenureJson             *json)
{
  g_return_if_fail (scorecards != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_begin_array (json);
  for (guint i = 0; i < scorecards->cards->len; i++)
    {
      const TenureScorecard *card = g_ptr_array_index (scorecards->cards, i);
      char buf[16];

      if (!card->listed)
        continue;
      tenure_json_begin_object (json);
      tenure_json_member_string (json, "account", card->account);
      if (card->type >= 1 && card->type <= 4)
        tenure_json_member_int (json, "type", card->type);
      else
        tenure_json_member_null (json, "type");
      if (card->owner != NULL)
        tenure_json_member_string (json, "owner", card->owner);
      else
        tenure_json_member_null (json, "owner");
      if (card->end_date != TENURE_DAY_NONE)
        tenure_json_member_string (json, "end_date", tenure_day_format_iso (card->end_date, buf));
      else
        tenure_json_member_null (json, "end_date");
      tenure_json_key (json, "areas");
      tenure_json_begin_object (json);
      for (guint a = 0; a < scorecards->n_areas; a++)
        tenure_json_member_double (json, scorecards->area_names[a], card->areas[a]);
      tenure_json_end_object (json);
      tenure_json_member_double (json, "overall", card->overall);
      tenure_json_member_bool (json, "flagged", card->flagged);
      tenure_json_member_int (json, "arr_last_year", card->arr_last_year);
      if (card->has_target)
        tenure_json_member_int (json, "arr_target_delta", card->arr_target_delta);
      else
        tenure_json_member_null (json, "arr_target_delta");
      tenure_json_member_int (json, "arr_ytd", card->arr_ytd);
      tenure_json_member_double (json, "progress", card->progress);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
}
