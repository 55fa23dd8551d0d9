/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-at-risk"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-at-risk.h"

/* Days before an inactivity churn date from which an account is due. */
#define CHURN_DUE_DAYS 30

static const char *const reason_codes[TENURE_RISK_N_REASONS] = {
  "low_score",
  "low_utilisation",
  "interaction_gap",
  "detractor",
  "contraction",
  "churn_due",
};

/**
 * tenure_risk_reason_code:
 * @reason: one reason flag
 *
 * Returns: (nullable): the fixed code of @reason, %NULL when @reason is not
 *   exactly one flag
 */
const char *
tenure_risk_reason_code (TenureRiskReasons reason)
{
  for (guint i = 0; i < TENURE_RISK_N_REASONS; i++)
    if (reason == (TenureRiskReasons) (1u << i))
      return reason_codes[i];
  return NULL;
}

/**
 * tenure_risk_reasons_write_json:
 * @reasons: reason flags
 * @json: the writer, positioned where a value goes
 *
 * Writes the codes of @reasons as an array, in the order of METRICS.md (the
 * `at_risk` field of `accounts --json`).
 */
void
tenure_risk_reasons_write_json (TenureRiskReasons  reasons,
                                TenureJson        *json)
{
  g_return_if_fail (json != NULL);

  tenure_json_begin_array (json);
  for (guint i = 0; i < TENURE_RISK_N_REASONS; i++)
    if (reasons & (1u << i))
      tenure_json_string (json, reason_codes[i]);
  tenure_json_end_array (json);
}

/**
 * tenure_at_risk_free:
 * @at_risk: (nullable): a list from tenure_at_risk_compute()
 *
 * Frees @at_risk.
 */
void
tenure_at_risk_free (TenureAtRisk *at_risk)
{
  if (at_risk == NULL)
    return;
  g_clear_pointer (&at_risk->accounts, g_ptr_array_unref);
  g_free (at_risk->pool);
  g_clear_pointer (&at_risk->ledger, tenure_ledger_unref);
  g_free (at_risk);
}

/* The inactivity churn date as the report date sees it: the last won deal
 * on or before it plus N days. The ledger's spell end may already reflect
 * deals after the report date, which the report must not know about. */
static TenureDay
inactivity_churn_day (const TenureLedgerAccount *la,
                      TenureDay                  as_of,
                      gint64                     inactivity_days)
{
  for (guint i = la->n_won_days; i > 0; i--)
    if (la->won_days[i - 1].day <= as_of)
      return (TenureDay) MIN ((gint64) la->won_days[i - 1].day + inactivity_days,
                              (gint64) TENURE_DAY_OPEN - 1);
  return TENURE_DAY_NONE;
}

/**
 * tenure_at_risk_compute:
 * @ledger: the workspace's ledger
 * @scorecards: the scorecards at @as_of
 * @kam: the key-account KPIs at @as_of
 * @as_of: the report date
 *
 * Lists, for every account, its overall score, last touch and at-risk
 * reasons. Only accounts active at @as_of have reasons.
 *
 * Returns: (transfer full): the at-risk list
 */
TenureAtRisk *
tenure_at_risk_compute (TenureLedger           *ledger,
                        const TenureScorecards *scorecards,
                        const TenureKam        *kam,
                        TenureDay               as_of)
{
  g_autoptr(TenureAtRisk) at_risk = g_new0 (TenureAtRisk, 1);
  const TenureLedgerSettings *settings;
  gboolean inactivity;
  TenureDay previous_snapshot;
  guint n;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (scorecards != NULL && scorecards->as_of == as_of, NULL);
  g_return_val_if_fail (kam != NULL && kam->as_of == as_of, NULL);

  settings = tenure_ledger_settings (ledger);
  inactivity = tenure_ledger_churn_rule (ledger) == TENURE_CHURN_RULE_INACTIVITY;
  /* The latest period is the month of the report date; it opens after the
   * snapshot of the month before. */
  previous_snapshot = tenure_month_first_day (tenure_month_of_day (as_of)) - 1;

  at_risk->as_of = as_of;
  at_risk->ledger = tenure_ledger_ref (ledger);

  n = tenure_ledger_n_accounts (ledger);
  at_risk->pool = g_new0 (TenureAccountRisk, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const TenureLedgerAccount *la = tenure_ledger_account (ledger, i);
      const TenureScorecard *card = tenure_scorecards_nth (scorecards, i);
      const TenureKamAccount *ka = tenure_kam_nth (kam, i);
      TenureAccountRisk *risk = &at_risk->pool[i];

      risk->account_id = la->id;
      risk->account = la->key;
      risk->active = tenure_ledger_account_active_on (la, as_of);
      risk->overall_score = card ? card->overall : NAN;
      risk->last_touch = ka ? ka->last_touch : TENURE_DAY_NONE;
      risk->mrr_previous = tenure_ledger_account_mrr_on (la, previous_snapshot);
      risk->mrr = tenure_ledger_account_mrr_on (la, as_of);
      risk->churn_due_on = inactivity
                           ? inactivity_churn_day (la, as_of, settings->inactivity_days)
                           : TENURE_DAY_NONE;

      if (!risk->active)
        continue;
      if (card != NULL && card->flagged)
        risk->reasons |= TENURE_RISK_LOW_SCORE;
      if (ka != NULL && ka->low_utilisation)
        risk->reasons |= TENURE_RISK_LOW_UTILISATION;
      if (ka != NULL && ka->interaction_gap)
        risk->reasons |= TENURE_RISK_INTERACTION_GAP;
      if (ka != NULL && ka->latest_nps >= 0 && ka->latest_nps <= 6)
        risk->reasons |= TENURE_RISK_DETRACTOR;
      /* Any fall counts, down to zero: an account still active under
       * inactivity or explicit rules can lose all its MRR. */
      if (risk->mrr < risk->mrr_previous)
        risk->reasons |= TENURE_RISK_CONTRACTION;
      if (risk->churn_due_on != TENURE_DAY_NONE && risk->churn_due_on > as_of &&
          (gint64) risk->churn_due_on - as_of <= CHURN_DUE_DAYS)
        risk->reasons |= TENURE_RISK_CHURN_DUE;
      if (risk->reasons != TENURE_RISK_NONE)
        at_risk->n_at_risk++;
    }
  at_risk->accounts = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (at_risk->accounts, &at_risk->pool[tenure_ledger_key_order (ledger)[i]]);
  return g_steal_pointer (&at_risk);
}

/**
 * tenure_at_risk_lookup:
 * @at_risk: the at-risk list
 * @account_id: an account's row id
 *
 * Returns: (transfer none) (nullable): the account's entry
 */
const TenureAccountRisk *
tenure_at_risk_lookup (const TenureAtRisk *at_risk,
                       gint64              account_id)
{
  guint index;

  g_return_val_if_fail (at_risk != NULL, NULL);

  index = tenure_ledger_index_of_id (at_risk->ledger, account_id);
  return index != G_MAXUINT ? &at_risk->pool[index] : NULL;
}

/**
 * tenure_at_risk_write_json:
 * @at_risk: the at-risk list
 * @json: the writer, positioned where a value goes
 *
 * Writes the `at_risk` array of `metrics --json`: the accounts with a
 * reason, by key.
 */
void
tenure_at_risk_write_json (const TenureAtRisk *at_risk,
                           TenureJson         *json)
{
  g_return_if_fail (at_risk != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_begin_array (json);
  for (guint i = 0; i < at_risk->accounts->len; i++)
    {
      const TenureAccountRisk *risk = g_ptr_array_index (at_risk->accounts, i);

      if (risk->reasons == TENURE_RISK_NONE)
        continue;
      tenure_json_begin_object (json);
      tenure_json_member_string (json, "account", risk->account);
      tenure_json_key (json, "reasons");
      tenure_risk_reasons_write_json (risk->reasons, json);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);
}

/**
 * tenure_account_risk_write_members:
 * @risk: one account's entry
 * @json: the writer, inside the account's object
 *
 * Writes `overall_score` (null when unscored), `last_touch` (ISO date, null
 * when never touched) and `at_risk` (reason codes, empty unless the account
 * is active and at risk) for `accounts --json`.
 */
void
tenure_account_risk_write_members (const TenureAccountRisk *risk,
                                   TenureJson              *json)
{
  char buf[16];

  g_return_if_fail (risk != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_member_double (json, "overall_score", risk->overall_score);
  if (risk->last_touch != TENURE_DAY_NONE)
    tenure_json_member_string (json, "last_touch", tenure_day_format_iso (risk->last_touch, buf));
  else
    tenure_json_member_null (json, "last_touch");
  tenure_json_key (json, "at_risk");
  tenure_risk_reasons_write_json (risk->reasons, json);
}
