/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-segments"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-kam-private.h"
#include "tenure-segments.h"

static void
segment_free (gpointer data)
{
  TenureSegment *segment = data;

  if (segment == NULL)
    return;
  g_free (segment->segment);
  g_free (segment);
}

/**
 * tenure_segments_free:
 * @segments: (nullable): segments from tenure_segments_compute()
 *
 * Frees @segments and their total.
 */
void
tenure_segments_free (TenureSegments *segments)
{
  if (segments == NULL)
    return;
  g_clear_pointer (&segments->segments, g_ptr_array_unref);
  g_clear_pointer (&segments->total, segment_free);
  g_free (segments);
}

static TenureSegment *
segment_new (const char *name)
{
  TenureSegment *segment = g_new0 (TenureSegment, 1);

  segment->segment = g_strdup (name);
  return segment;
}

/* An empty segment name is no segment. */
static const char *
normalise_name (const char *name)
{
  return name != NULL && *name != '\0' ? name : NULL;
}

static TenureSegment *
find_or_add (GPtrArray      *list,
             GHashTable     *by_name,
             const char     *name,
             TenureSegment **unnamed)
{
  TenureSegment *segment;

  name = normalise_name (name);
  if (name == NULL)
    {
      if (*unnamed == NULL)
        *unnamed = segment_new (NULL);
      return *unnamed;
    }
  segment = g_hash_table_lookup (by_name, name);
  if (segment == NULL)
    {
      segment = segment_new (name);
      g_ptr_array_add (list, segment);
      g_hash_table_insert (by_name, segment->segment, segment);
    }
  return segment;
}

static gboolean
load_funnel (sqlite3         *db,
             TenureSegments  *s,
             GPtrArray       *list,
             GHashTable      *by_name,
             TenureSegment  **unnamed,
             GError         **error)
{
  char from[8], to[8];
  sqlite3_stmt *stmt;
  int rc;

  /* Every segment the funnel names is listed, even with nothing in the
   * window. Months are compared on their YYYY-MM part. */
  stmt = _tenure_kam_prepare (db,
                              "SELECT segment,"
                              " SUM(CASE WHEN substr(month, 1, 7) BETWEEN ?1 AND ?2 THEN leads ELSE 0 END),"
                              " SUM(CASE WHEN substr(month, 1, 7) BETWEEN ?1 AND ?2 THEN opportunities ELSE 0 END),"
                              " SUM(CASE WHEN substr(month, 1, 7) BETWEEN ?1 AND ?2 THEN marketing_spend ELSE 0 END),"
                              " SUM(CASE WHEN substr(month, 1, 7) BETWEEN ?1 AND ?2 THEN sales_spend ELSE 0 END),"
                              " SUM(substr(month, 1, 7) BETWEEN ?1 AND ?2) "
                              "FROM funnel GROUP BY segment",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tenure_month_format (s->first_month, from), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tenure_month_format (s->last_month, to), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TenureSegment *segment = find_or_add (list, by_name, (const char *) sqlite3_column_text (stmt, 0),
                                            unnamed);
      TenureSegment *targets[2] = { segment, s->total };

      for (guint t = 0; t < 2; t++)
        {
          targets[t]->leads += sqlite3_column_int64 (stmt, 1);
          targets[t]->opportunities += sqlite3_column_int64 (stmt, 2);
          targets[t]->marketing_spend += sqlite3_column_int64 (stmt, 3);
          targets[t]->sales_spend += sqlite3_column_int64 (stmt, 4);
          targets[t]->funnel_rows += sqlite3_column_int (stmt, 5);
        }
    }
  sqlite3_finalize (stmt);
  return _tenure_kam_step_done (db, rc, error);
}

/* First-year contract value of a new account: 12 × MRR at the first
 * month-end snapshot with MRR > 0 (the report date is the last snapshot),
 * or its first sale when it has no subscription. FALSE when it has neither
 * yet, such as a pilot that started and ended within one month. */
static gboolean
first_year_value (const TenureLedgerAccount *la,
                  TenureDay                  as_of,
                  double                    *value)
{
  gboolean has_subscription = FALSE;

  for (guint k = 0; k < la->n_subscriptions; k++)
    if (la->subscriptions[k].starts_on <= as_of)
      has_subscription = TRUE;

  if (has_subscription)
    {
      TenureMonth last = tenure_month_of_day (as_of);

      if (la->first_paying_day == TENURE_DAY_NONE || la->first_paying_day > as_of)
        return FALSE;
      for (TenureMonth m = tenure_month_of_day (la->first_paying_day); m <= last; m++)
        {
          TenureDay snapshot = m == last ? as_of : tenure_month_last_day (m);
          gint64 mrr = tenure_ledger_account_mrr_on (la, snapshot);

          if (mrr > 0)
            {
              *value = 12.0 * (double) mrr;
              return TRUE;
            }
        }
      return FALSE;
    }
  if (la->first_sale_day == TENURE_DAY_NONE || la->first_sale_day > as_of)
    return FALSE;
  *value = (double) la->first_sale_amount;
  return TRUE;
}

static void
add_account (TenureSegments            *s,
             TenureSegment             *segment,
             const TenureLedgerAccount *la)
{
  TenureSegment *targets[2] = { segment, s->total };
  TenureDay originated_on = tenure_ledger_account_originated_on (la, s->as_of);
  gint64 mrr = tenure_ledger_account_mrr_on (la, s->as_of);
  gboolean is_new = originated_on != TENURE_DAY_NONE && originated_on >= s->window_start;
  double acv = 0.0;
  gboolean has_acv = is_new && first_year_value (la, s->as_of, &acv);
  guint won = 0, lost = 0;
  gint64 bookings = 0;
  gboolean base[TENURE_SEGMENT_MONTHS] = { FALSE, };
  gboolean churned[TENURE_SEGMENT_MONTHS] = { FALSE, };

  for (guint d = 0; d < la->n_deals; d++)
    {
      const TenureDeal *deal = &la->deals[d];

      if (deal->closed_on == TENURE_DAY_NONE ||
          deal->closed_on < s->window_start || deal->closed_on > s->as_of)
        continue;
      if (deal->status == TENURE_DEAL_WON)
        {
          won++;
          bookings += deal->amount;
        }
      else if (deal->status == TENURE_DEAL_LOST)
        lost++;
    }

  /* Logo churn of month q: active at the snapshot of q − 1 and a churn day
   * (a spell's end) within q, up to the report date. */
  for (guint i = 0; i < TENURE_SEGMENT_MONTHS; i++)
    {
      TenureMonth month = s->first_month + (TenureMonth) i;
      TenureDay first = tenure_month_first_day (month);
      TenureDay last = MIN (tenure_month_last_day (month), s->as_of);

      base[i] = tenure_ledger_account_active_on (la, first - 1);
      if (!base[i])
        continue;
      for (guint k = 0; k < la->n_spells; k++)
        if (la->spells[k].end != TENURE_DAY_OPEN &&
            la->spells[k].end >= first && la->spells[k].end <= last)
          churned[i] = TRUE;
    }

  for (guint t = 0; t < 2; t++)
    {
      TenureSegment *target = targets[t];

      target->won_deals += won;
      target->lost_deals += lost;
      target->bookings += bookings;
      if (is_new)
        target->new_accounts++;
      if (has_acv)
        {
          target->acv_accounts++;
          target->acv_sum += acv;
        }
      for (guint i = 0; i < TENURE_SEGMENT_MONTHS; i++)
        {
          target->churn_base[i] += base[i];
          target->churned[i] += churned[i];
        }
      if (mrr > 0)
        {
          target->mrr += mrr;
          target->paying_accounts++;
        }
    }
}

static void
finish (TenureSegment *segment,
        double         gross_margin)
{
  double survival = 1.0;
  guint months = 0;

  segment->lead_to_opportunity_rate = _tenure_ratio (segment->opportunities, segment->leads);
  segment->win_rate = _tenure_ratio (segment->won_deals, segment->won_deals + segment->lost_deals);
  segment->asp = _tenure_ratio (segment->bookings, segment->won_deals);
  segment->cost_per_lead = _tenure_ratio (segment->marketing_spend, segment->leads);
  /* Without a funnel row in the window the spend is unknown, not zero:
   * a CAC of 0 would flatter the segment. */
  segment->cac = segment->funnel_rows == 0
                 ? NAN
                 : _tenure_ratio ((double) segment->marketing_spend + (double) segment->sales_spend,
                                  segment->new_accounts);
  segment->acv = _tenure_ratio (segment->acv_sum, segment->acv_accounts);

  /* Months that start with no active account have no churn rate; they
   * are left out of the product rather than read as zero churn. */
  for (guint i = 0; i < TENURE_SEGMENT_MONTHS; i++)
    {
      segment->monthly_logo_churn[i] = _tenure_ratio (segment->churned[i], segment->churn_base[i]);
      if (isnan (segment->monthly_logo_churn[i]))
        continue;
      survival *= 1.0 - segment->monthly_logo_churn[i];
      months++;
    }
  segment->annual_churn = months > 0 ? 1.0 - survival : NAN;

  segment->arpa = _tenure_ratio (segment->mrr, segment->paying_accounts);
  segment->ltv = _tenure_ratio (segment->acv * gross_margin, segment->annual_churn);
  segment->ltv_cac = _tenure_ratio (segment->ltv, segment->cac);
  segment->acv_cac = _tenure_ratio (segment->acv, segment->cac);
  segment->cac_payback_months = _tenure_ratio (segment->cac, segment->arpa * gross_margin);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const TenureSegment *x = *(TenureSegment *const *) a;
  const TenureSegment *y = *(TenureSegment *const *) b;

  return strcmp (x->segment, y->segment);
}

/**
 * tenure_segments_compute:
 * @db: an open workspace, for the funnel
 * @ledger: the workspace's ledger, loaded from @db
 * @as_of: the report date
 * @error: return location for an error
 *
 * Computes the acquisition economics of every segment, and of the whole
 * workspace, over the months p − 11 … p, p the month of @as_of.
 *
 * Returns: (transfer full) (nullable): the segments, or %NULL with @error set
 */
TenureSegments *
tenure_segments_compute (sqlite3       *db,
                         TenureLedger  *ledger,
                         TenureDay      as_of,
                         GError       **error)
{
  g_autoptr(TenureSegments) s = g_new0 (TenureSegments, 1);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  TenureSegment *unnamed = NULL;
  guint n;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (as_of != TENURE_DAY_NONE, NULL);

  s->as_of = as_of;
  s->last_month = tenure_month_of_day (as_of);
  s->first_month = s->last_month - (TENURE_SEGMENT_MONTHS - 1);
  s->window_start = tenure_month_first_day (s->first_month);
  s->gross_margin = tenure_ledger_settings (ledger)->gross_margin;
  s->segments = g_ptr_array_new_with_free_func (segment_free);
  s->total = segment_new (NULL);
  s->total->is_total = TRUE;

  if (!load_funnel (db, s, s->segments, by_name, &unnamed, error))
    {
      segment_free (unnamed);
      return NULL;
    }

  n = tenure_ledger_n_accounts (ledger);
  for (guint i = 0; i < n; i++)
    {
      const TenureLedgerAccount *la = tenure_ledger_account (ledger, i);

      add_account (s, find_or_add (s->segments, by_name, la->segment, &unnamed), la);
    }

  g_ptr_array_sort (s->segments, compare_by_name);
  if (unnamed != NULL)
    g_ptr_array_add (s->segments, unnamed);
  for (guint i = 0; i < s->segments->len; i++)
    finish (g_ptr_array_index (s->segments, i), s->gross_margin);
  finish (s->total, s->gross_margin);
  return g_steal_pointer (&s);
}

/**
 * tenure_segments_lookup:
 * @segments: computed segments
 * @name: (nullable): a segment name, %NULL for the accounts without one
 *
 * Returns: (transfer none) (nullable): the segment
 */
const TenureSegment *
tenure_segments_lookup (const TenureSegments *segments,
                        const char           *name)
{
  g_return_val_if_fail (segments != NULL, NULL);

  name = normalise_name (name);
  for (guint i = 0; i < segments->segments->len; i++)
    {
      const TenureSegment *segment = g_ptr_array_index (segments->segments, i);

      if (g_strcmp0 (segment->segment, name) == 0)
        return segment;
    }
  return NULL;
}

/**
 * tenure_segment_write_json:
 * @segment: a segment or the total
 * @json: the writer, positioned where a value goes
 *
 * Writes one object of the `segments` array of `metrics --json`. The
 * segment of accounts without one, and the total, are named null.
 */
void
tenure_segment_write_json (const TenureSegment *segment,
                           TenureJson          *json)
{
  g_return_if_fail (segment != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_begin_object (json);
  if (segment->segment != NULL)
    tenure_json_member_string (json, "segment", segment->segment);
  else
    tenure_json_member_null (json, "segment");
  tenure_json_member_int (json, "leads", segment->leads);
  tenure_json_member_int (json, "opportunities", segment->opportunities);
  tenure_json_member_int (json, "won_deals", segment->won_deals);
  tenure_json_member_int (json, "lost_deals", segment->lost_deals);
  tenure_json_member_double (json, "win_rate", segment->win_rate);
  tenure_json_member_int (json, "bookings", segment->bookings);
  tenure_json_member_double (json, "asp", segment->asp);
  tenure_json_member_int (json, "new_accounts", segment->new_accounts);
  tenure_json_member_double (json, "cost_per_lead", segment->cost_per_lead);
  tenure_json_member_double (json, "cac", segment->cac);
  tenure_json_member_double (json, "acv", segment->acv);
  tenure_json_member_double (json, "annual_churn", segment->annual_churn);
  tenure_json_member_double (json, "ltv", segment->ltv);
  tenure_json_member_double (json, "ltv_cac", segment->ltv_cac);
  tenure_json_member_double (json, "acv_cac", segment->acv_cac);
  tenure_json_member_double (json, "cac_payback_months", segment->cac_payback_months);
  tenure_json_end_object (json);
}

/**
 * tenure_segments_write_json:
 * @segments: computed segments
 * @json: the writer, positioned where a value goes
 *
 * Writes the `segments` array of `metrics --json` (the total is not part of
 * it: it feeds `value.cac` and `value.ltv_cac`).
 */
void
tenure_segments_write_json (const TenureSegments *segments,
                            TenureJson           *json)
{
  g_return_if_fail (segments != NULL);
  g_return_if_fail (json != NULL);

  tenure_json_begin_array (json);
  for (guint i = 0; i < segments->segments->len; i++)
    tenure_segment_write_json (g_ptr_array_index (segments->segments, i), json);
  tenure_json_end_array (json);
}

/**
 * tenure_segments_what_if:
 * @segments: computed segments
 * @lines: (array length=n_lines): budget per segment; the projections are
 *   filled in
 * @n_lines: the number of lines
 * @total: (out caller-allocates) (optional): the sums of the projections
 *
 * Projects a budget allocation linearly at each segment's current rates:
 * leads = budget / cost per lead, new accounts = leads × new accounts per
 * lead, bookings = leads × bookings per lead, LTV = new accounts × LTV. A
 * zero budget projects zeros; a segment whose rates are undefined (no leads,
 * no marketing spend, unknown segment) projects NaN, and so does the total.
 */
void
tenure_segments_what_if (const TenureSegments *segments,
                         TenureBudgetLine     *lines,
                         guint                 n_lines,
                         TenureBudgetLine     *total)
{
  TenureBudgetLine sum = { NULL, 0, 0.0, 0.0, 0.0, 0.0 };

  g_return_if_fail (segments != NULL);
  g_return_if_fail (lines != NULL || n_lines == 0);

  for (guint i = 0; i < n_lines; i++)
    {
      TenureBudgetLine *line = &lines[i];
      const TenureSegment *segment = tenure_segments_lookup (segments, line->segment);

      if (line->budget == 0)
        {
          line->leads = line->new_accounts = line->bookings = line->ltv = 0.0;
        }
      else if (segment == NULL || segment->leads == 0 || segment->marketing_spend == 0)
        {
          line->leads = line->new_accounts = line->bookings = line->ltv = NAN;
        }
      else
        {
          line->leads = (double) line->budget / segment->cost_per_lead;
          line->new_accounts = line->leads * segment->new_accounts / (double) segment->leads;
          line->bookings = line->leads * segment->bookings / (double) segment->leads;
          /* No new account projected: no lifetime value, whatever the LTV. */
          line->ltv = line->new_accounts == 0.0 ? 0.0 : line->new_accounts * segment->ltv;
        }
      sum.budget += line->budget;
      sum.leads += line->leads;
      sum.new_accounts += line->new_accounts;
      sum.bookings += line->bookings;
      sum.ltv += line->ltv;
    }
  if (total != NULL)
    *total = sum;
}
