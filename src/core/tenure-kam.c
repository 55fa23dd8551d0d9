/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-kam"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-kam.h"
#include "tenure-kam-private.h"

/**
 * tenure_kam_free:
 * @kam: (nullable): KPIs from tenure_kam_compute()
 *
 * Frees @kam and drops its reference on the ledger.
 */
void
tenure_kam_free (TenureKam *kam)
{
  if (kam == NULL)
    return;
  g_clear_pointer (&kam->accounts, g_ptr_array_unref);
  g_free (kam->pool);
  g_clear_pointer (&kam->ledger, tenure_ledger_unref);
  g_free (kam);
}

static TenureKamAccount *
lookup (TenureKam *kam,
        gint64     account_id)
{
  guint index;

  /* Without a ledger only the NPS is computed (tenure_kam_nps()). */
  if (kam->ledger == NULL)
    return NULL;
  index = tenure_ledger_index_of_id (kam->ledger, account_id);
  return index != G_MAXUINT ? &kam->pool[index] : NULL;
}

/* Days of [from, to] on which the account is active: its spells clipped to
 * the window. */
static gint64
active_days_between (const TenureLedgerAccount *la,
                     TenureDay                  from,
                     TenureDay                  to)
{
  gint64 days = 0;

  for (guint k = 0; k < la->n_spells; k++)
    {
      gint64 start = MAX ((gint64) la->spells[k].start, (gint64) from);
      gint64 end = MIN ((gint64) la->spells[k].end, (gint64) to + 1);

      if (end > start)
        days += end - start;
    }
  return days;
}

static void
load_accounts (TenureLedger *ledger,
               TenureKam    *kam)
{
  guint n = tenure_ledger_n_accounts (ledger);
  const guint *by_key = tenure_ledger_key_order (ledger);
  gint64 active_days = 0;

  kam->pool = g_new0 (TenureKamAccount, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const TenureLedgerAccount *la = tenure_ledger_account (ledger, i);
      TenureKamAccount *account = &kam->pool[i];

      account->account_id = la->id;
      account->account = la->key;
      account->ledger = la;
      account->active = tenure_ledger_account_active_on (la, kam->as_of);
      account->last_touch = TENURE_DAY_NONE;
      account->days_since_touch = -1;
      account->gap_days = -1;
      account->utilisation = NAN;
      account->latest_nps = -1;
      account->latest_nps_on = TENURE_DAY_NONE;

      if (account->active)
        {
          kam->active_accounts++;
          if (la->referenceable)
            kam->referenceable_accounts++;
        }
      /* The upsell and cross-sell base: active at the snapshot that closes
       * the day before the window opens. */
      account->start_active = tenure_ledger_account_active_on (la, kam->window_start - 1);
      if (account->start_active)
        kam->start_accounts++;
      active_days += active_days_between (la, kam->window_start, kam->as_of);
    }
  kam->accounts = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (kam->accounts, &kam->pool[by_key[i]]);
  /* A month is a twelfth of the window, so an account active throughout
   * counts exactly twelve account-months. */
  kam->active_account_months = (double) active_days * 12.0 / kam->window_days;
}

/* NPS over each account's latest response in the window; the latest
 * response on or before the report date is also kept per account, for the
 * detractor reason of the at-risk list. Same-day answers: the row entered
 * last wins. */
static gboolean
compute_surveys (sqlite3    *db,
                 TenureKam  *kam,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 last_account = -1;
  int rc;

  stmt = _tenure_kam_prepare (db,
                              "SELECT account_id, answered_on, score FROM survey_response "
                              "WHERE kind = 'nps' AND answered_on <= ?1 "
                              "ORDER BY account_id, answered_on DESC, id DESC",
                              error);
  if (stmt == NULL)
    return FALSE;
  _tenure_kam_bind_day (stmt, 1, kam->as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (stmt, 0);
      TenureDay day = _tenure_kam_column_day (stmt, 1);
      int score = sqlite3_column_int (stmt, 2);
      TenureKamAccount *account;

      if (account_id == last_account || day == TENURE_DAY_NONE)
        continue;
      last_account = account_id;
      account = lookup (kam, account_id);
      if (account != NULL)
        {
          account->latest_nps = score;
          account->latest_nps_on = day;
        }
      if (day < kam->window_start)
        continue;
      kam->nps_accounts++;
      if (score >= 9)
        kam->promoters++;
      else if (score <= 6)
        kam->detractors++;
    }
  sqlite3_finalize (stmt);
  if (!_tenure_kam_step_done (db, rc, error))
    return FALSE;
  kam->nps = 100.0 * _tenure_ratio ((double) kam->promoters - (double) kam->detractors,
                                    kam->nps_accounts);

  /* CSAT counts every response in the window, not one per account. */
  stmt = _tenure_kam_prepare (db,
                              "SELECT COUNT(*), COALESCE(SUM(score >= 4), 0) FROM survey_response "
                              "WHERE kind = 'csat' AND answered_on BETWEEN ?1 AND ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  _tenure_kam_bind_day (stmt, 1, kam->window_start);
  _tenure_kam_bind_day (stmt, 2, kam->as_of);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      kam->csat_responses = sqlite3_column_int (stmt, 0);
      kam->csat_satisfied = sqlite3_column_int (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (!_tenure_kam_step_done (db, rc, error))
    return FALSE;
  kam->csat = _tenure_ratio (kam->csat_satisfied, kam->csat_responses);
  return TRUE;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  TenureDay x = *(const TenureDay *) a, y = *(const TenureDay *) b;

  return (x > y) - (x < y);
}

/* Touchpoints of @days (sorted) dated in [from, to]. */
static guint
count_days_between (GArray    *days,
                    TenureDay  from,
                    TenureDay  to)
{
  guint lo = 0, hi = days->len, first;

  /* First index with day >= from, then first with day > to. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (days, TenureDay, mid) < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  hi = days->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (days, TenureDay, mid) <= to)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - first;
}

/* Loads the touchpoints dated on or before the report date: per account
 * their days, sorted, and per deal id the number tagged with it. */
static gboolean
load_touchpoints (sqlite3     *db,
                  TenureKam   *kam,
                  GHashTable  *touch_days,
                  GHashTable  *deal_touches,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tenure_kam_prepare (db,
                              "SELECT account_id, occurred_on, deal_id FROM touchpoint "
                              "WHERE occurred_on <= ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  _tenure_kam_bind_day (stmt, 1, kam->as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureKamAccount *account = lookup (kam, sqlite3_column_int64 (stmt, 0));
      TenureDay day = _tenure_kam_column_day (stmt, 1);
      GArray *days;

      if (account == NULL || day == TENURE_DAY_NONE)
        continue;
      kam->has_touchpoints = TRUE;
      days = g_hash_table_lookup (touch_days, &account->account_id);
      if (days == NULL)
        {
          days = g_array_new (FALSE, FALSE, sizeof (TenureDay));
          g_hash_table_insert (touch_days, &account->account_id, days);
        }
      g_array_append_val (days, day);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          gint64 deal_id = sqlite3_column_int64 (stmt, 2);
          gpointer count = g_hash_table_lookup (deal_touches, &deal_id);

          kam->deal_tagged = TRUE;
          if (count == NULL)
            g_hash_table_insert (deal_touches, g_memdup2 (&deal_id, sizeof deal_id), GUINT_TO_POINTER (1));
          else
            g_hash_table_insert (deal_touches, g_memdup2 (&deal_id, sizeof deal_id),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
        }
    }
  sqlite3_finalize (stmt);
  if (!_tenure_kam_step_done (db, rc, error))
    return FALSE;

  g_hash_table_iter_init (&iter, touch_days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_days);
  return TRUE;
}

static void
compute_interaction (TenureKam  *kam,
                     GHashTable *touch_days)
{
  gint64 touches = 0;

  for (guint i = 0; i < kam->accounts->len; i++)
    {
      TenureKamAccount *account = g_ptr_array_index (kam->accounts, i);
      const TenureLedgerAccount *la = account->ledger;
      GArray *days = g_hash_table_lookup (touch_days, &account->account_id);
      TenureDay since;

      if (days != NULL && days->len > 0)
        {
          account->last_touch = g_array_index (days, TenureDay, days->len - 1);
          account->days_since_touch = kam->as_of - account->last_touch;

          /* Touches per active account per month count the touchpoints
           * on days the account was active. */
          for (guint k = 0; k < la->n_spells; k++)
            {
              TenureDay from = MAX (la->spells[k].start, kam->window_start);
              TenureDay to = la->spells[k].end == TENURE_DAY_OPEN
                             ? kam->as_of : MIN (la->spells[k].end - 1, kam->as_of);

              if (from <= to)
                touches += count_days_between (days, from, to);
            }
        }

      /* An account never touched has gone without contact since it
       * became a customer; one that never originated has no gap at all. */
      since = account->last_touch;
      if (since == TENURE_DAY_NONE)
        since = tenure_ledger_account_originated_on (la, kam->as_of);
      if (since != TENURE_DAY_NONE)
        account->gap_days = kam->as_of - since;
      account->interaction_gap = kam->has_touchpoints && account->active &&
                                 account->gap_days > kam->gap_threshold_days;
      if (account->interaction_gap)
        kam->gap_accounts++;
    }
  kam->active_touches = (guint) touches;
  kam->touches_per_account_month = _tenure_ratio (kam->active_touches, kam->active_account_months);
}

static gboolean
is_referral (const char *source)
{
  g_autofree char *copy = NULL;

  if (source == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (source));
  return g_ascii_strcasecmp (copy, "referral") == 0;
}

/* Won deals closed in the window: bookings, repeat and referral shares,
 * upsell and cross-sell, touches to closure. */
static void
compute_deals (TenureKam  *kam,
               GHashTable *touch_days,
               GHashTable *deal_touches)
{
  for (guint i = 0; i < kam->accounts->len; i++)
    {
      TenureKamAccount *account = g_ptr_array_index (kam->accounts, i);
      const TenureLedgerAccount *la = account->ledger;
      TenureDay originated_on = tenure_ledger_account_originated_on (la, kam->as_of);
      GArray *days = g_hash_table_lookup (touch_days, &account->account_id);
      gboolean upsold = FALSE, cross_sold = FALSE;

      for (guint d = 0; d < la->n_deals; d++)
        {
          const TenureDeal *deal = &la->deals[d];

          if (deal->status != TENURE_DEAL_WON || deal->closed_on == TENURE_DAY_NONE ||
              deal->closed_on < kam->window_start || deal->closed_on > kam->as_of)
            continue;

          kam->won_deals++;
          kam->bookings += deal->amount;
          if (is_referral (deal->source))
            kam->referral_deals++;

          /* A repeat sale comes from an account that had originated
           * before the month the deal closed in. */
          if (originated_on != TENURE_DAY_NONE &&
              originated_on < tenure_month_first_day (tenure_month_of_day (deal->closed_on)))
            kam->repeat_bookings += deal->amount;
          else
            kam->new_bookings += deal->amount;

          if (deal->kind == TENURE_DEAL_KIND_UPSELL)
            upsold = TRUE;
          else if (deal->kind == TENURE_DEAL_KIND_CROSS_SELL)
            cross_sold = TRUE;

          /* Tagged workspaces count the deal's own touchpoints; untagged
           * ones the account's touchpoints while the deal was open, which
           * needs its created_on. */
          if (kam->deal_tagged)
            {
              kam->closure_deals++;
              kam->closure_touches += GPOINTER_TO_UINT (g_hash_table_lookup (deal_touches, &deal->id));
            }
          else if (deal->created_on != TENURE_DAY_NONE)
            {
              kam->closure_deals++;
              if (days != NULL)
                kam->closure_touches += count_days_between (days, deal->created_on, deal->closed_on);
            }
        }
      if (account->start_active && upsold)
        kam->upsell_accounts++;
      if (account->start_active && cross_sold)
        kam->cross_sell_accounts++;
    }

  kam->touches_to_closure = _tenure_ratio (kam->closure_touches, kam->closure_deals);
  kam->upsell_rate = _tenure_ratio (kam->upsell_accounts, kam->start_accounts);
  kam->cross_sell_rate = _tenure_ratio (kam->cross_sell_accounts, kam->start_accounts);
  kam->referral_share = _tenure_ratio (kam->referral_deals, kam->won_deals);
  kam->repeat_bookings_share = _tenure_ratio (kam->repeat_bookings, kam->bookings);
  kam->new_to_repeat_ratio = _tenure_ratio (kam->new_bookings, kam->repeat_bookings);
}

/* Renewals: an account is due once, at the latest end of one of its
 * subscription lines within the window (ends_on is the first day without
 * the line), and renewed when its MRR that day is still above zero.
 * Utilisation: lines active at the report date that state both seats and
 * assigned seats; a line with either unknown says nothing. */
static void
compute_subscriptions (TenureKam *kam)
{
  for (guint i = 0; i < kam->accounts->len; i++)
    {
      TenureKamAccount *account = g_ptr_array_index (kam->accounts, i);
      const TenureLedgerAccount *la = account->ledger;
      TenureDay due_on = TENURE_DAY_NONE;
      gboolean has_seats = FALSE;

      for (guint k = 0; k < la->n_subscriptions; k++)
        {
          const TenureSubscriptionLine *line = &la->subscriptions[k];

          /* A line active on no day (ends_on = starts_on) is no
           * contract coming up for renewal. */
          if (line->ends_on != TENURE_DAY_OPEN && line->ends_on > line->starts_on &&
              line->ends_on >= kam->window_start && line->ends_on <= kam->as_of &&
              (due_on == TENURE_DAY_NONE || line->ends_on > due_on))
            due_on = line->ends_on;

          if (line->starts_on <= kam->as_of && kam->as_of < line->ends_on &&
              line->seats >= 0 && line->seats_assigned >= 0)
            {
              has_seats = TRUE;
              account->seats += line->seats;
              account->seats_assigned += line->seats_assigned;
            }
        }

      if (due_on != TENURE_DAY_NONE)
        {
          kam->renewals_due++;
          if (tenure_ledger_account_mrr_on (la, due_on) > 0)
            kam->renewals_renewed++;
        }

      if (has_seats)
        {
          account->utilisation = _tenure_ratio (account->seats_assigned, account->seats);
          account->low_utilisation = account->utilisation < kam->utilisation_threshold;
          if (account->low_utilisation)
            kam->low_utilisation_accounts++;
          kam->seats += account->seats;
          kam->seats_assigned += account->seats_assigned;
        }
    }
  kam->renewal_rate = _tenure_ratio (kam->renewals_renewed, kam->renewals_due);
  kam->licence_utilisation = _tenure_ratio (kam->seats_assigned, kam->seats);
}

/**
 * tenure_kam_compute:
 * @db: an open workspace
 * @ledger: the workspace's ledger, loaded from @db
 * @as_of: the report date
 * @error: return location for an error
 *
 * Computes the key-account KPIs over the twelve months ending at @as_of, and
 * per account the last touch, interaction gap, licence utilisation and
 * latest NPS response.
 *
 * Returns: (transfer full) (nullable): the KPIs, or %NULL with @error set
 */
TenureKam *
tenure_kam_compute (sqlite3       *db,
                    TenureLedger  *ledger,
                    TenureDay      as_of,
                    GError       **error)
{
  g_autoptr(TenureKam) kam = g_new0 (TenureKam, 1);
  g_autoptr(GHashTable) touch_days = NULL;
  g_autoptr(GHashTable) deal_touches = NULL;
  const TenureLedgerSettings *settings;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (as_of != TENURE_DAY_NONE, NULL);

  settings = tenure_ledger_settings (ledger);
  kam->ledger = tenure_ledger_ref (ledger);
  kam->as_of = as_of;
  kam->window_start = _tenure_kam_window_start (as_of);
  kam->window_days = as_of - kam->window_start + 1;
  kam->gap_threshold_days = (int) settings->interaction_gap_days;
  kam->utilisation_threshold = settings->utilisation_threshold;
  touch_days = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) g_array_unref);
  deal_touches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  load_accounts (ledger, kam);
  if (!compute_surveys (db, kam, error) ||
      !load_touchpoints (db, kam, touch_days, deal_touches, error))
    return NULL;
  compute_interaction (kam, touch_days);
  compute_deals (kam, touch_days, deal_touches);
  compute_subscriptions (kam);
  kam->referenceable_share = _tenure_ratio (kam->referenceable_accounts, kam->active_accounts);
  return g_steal_pointer (&kam);
}

/**
 * tenure_kam_nps:
 * @db: an open workspace connection
 * @as_of: the report date
 * @error: return location for a #GError, or %NULL
 *
 * The NPS that tenure_kam_compute() would give for @as_of, without the
 * rest of the key-account figures: for the earlier snapshots of the KPIs.
 *
 * Returns: NPS in points, NAN when no account answered in the window or on
 *   error (with @error set)
 */
double
tenure_kam_nps (sqlite3    *db,
                TenureDay   as_of,
                GError    **error)
{
  g_autoptr(TenureKam) kam = g_new0 (TenureKam, 1);

  g_return_val_if_fail (db != NULL, NAN);
  g_return_val_if_fail (as_of != TENURE_DAY_NONE, NAN);

  kam->as_of = as_of;
  kam->window_start = _tenure_kam_window_start (as_of);
  kam->window_days = as_of - kam->window_start + 1;
  if (!compute_surveys (db, kam, error))
    return NAN;
  return kam->nps;
}

/**
 * tenure_kam_lookup:
 * @kam: computed KPIs
 * @account_id: an account's row id
 *
 * Returns: (transfer none) (nullable): what the KPIs know about the account
 */
const TenureKamAccount *
tenure_kam_lookup (const TenureKam *kam,
                   gint64           account_id)
{
  g_return_val_if_fail (kam != NULL, NULL);

  return lookup ((TenureKam *) kam, account_id);
}

/**
 * tenure_kam_nth:
 * @kam: computed KPIs
 * @index: an account's index in the ledger they were computed from
 *
 * Returns: (transfer none): what the KPIs know about the account
 */
const TenureKamAccount *
tenure_kam_nth (const TenureKam *kam,
                guint            index)
{
  g_return_val_if_fail (kam != NULL && kam->ledger != NULL, NULL);
  g_return_val_if_fail (index < tenure_ledger_n_accounts (kam->ledger), NULL);

  return &kam->pool[index];
}

/**
 * tenure_kam_write_json:
 * @kam: computed KPIs
 * @json: the writer, positioned where a value goes
 *
 * Writes the `kam` object of `metrics --json`; undefined values are null.
 */
void
tenure_kam_write_json (const TenureKam *kam,
                       TenureJson      *json)
{
  g_return_if_fail (kam != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_begin_object (json);
  tenure_json_member_double (json, "nps", kam->nps);
  tenure_json_member_double (json, "csat", kam->csat);
  tenure_json_member_double (json, "referenceable_share", kam->referenceable_share);
  tenure_json_member_double (json, "touches_per_account_month", kam->touches_per_account_month);
  tenure_json_member_double (json, "touches_to_closure", kam->touches_to_closure);
  tenure_json_member_double (json, "upsell_rate", kam->upsell_rate);
  tenure_json_member_double (json, "cross_sell_rate", kam->cross_sell_rate);
  tenure_json_member_double (json, "renewal_rate", kam->renewal_rate);
  tenure_json_member_double (json, "repeat_bookings_share", kam->repeat_bookings_share);
  tenure_json_member_double (json, "new_to_repeat_ratio", kam->new_to_repeat_ratio);
  tenure_json_member_double (json, "referral_share", kam->referral_share);
  tenure_json_member_double (json, "licence_utilisation", kam->licence_utilisation);
  tenure_json_end_object (json);
}
