/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-metrics"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tenure-metrics.h"

G_DEFINE_QUARK (tenure-metrics-error-quark, tenure_metrics_error)

/* Periods and labels */

/**
 * tenure_period_kind_to_string:
 * @kind: a period kind
 *
 * Returns: (transfer none): "month", "quarter" or "year", as in JSON and
 *   on the command line
 */
const char *
tenure_period_kind_to_string (TenurePeriodKind kind)
{
  switch (kind)
    {
    case TENURE_PERIOD_MONTH:
      return "month";
    case TENURE_PERIOD_QUARTER:
      return "quarter";
    case TENURE_PERIOD_YEAR:
      return "year";
    default:
      g_return_val_if_reached ("month");
    }
}

/**
 * tenure_period_kind_parse:
 * @text: "month", "quarter" or "year"
 * @out: (out): the kind
 *
 * Returns: %TRUE when @text names a period kind; @out is left alone otherwise
 */
gboolean
tenure_period_kind_parse (const char       *text,
                          TenurePeriodKind *out)
{
  static const char *const names[] = { "month", "quarter", "year" };

  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (TenurePeriodKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Months into the fiscal year (0–11) and the fiscal year's name: the
 * calendar year it ends in. */
static void
fiscal_position (int          fiscal_year_start,
                 TenureMonth  month,
                 int         *fiscal_year,
                 int         *offset)
{
  int year = tenure_month_year (month);
  int mon = tenure_month_month (month);

  *offset = (mon - fiscal_year_start + 12) % 12;
  *fiscal_year = (fiscal_year_start != 1 && mon >= fiscal_year_start) ? year + 1 : year;
}

/**
 * tenure_period_first_month:
 * @kind: a period kind
 * @fiscal_year_start: the month (1–12) the fiscal year starts
 * @month: a month
 *
 * Returns: the first month of the period of @kind containing @month
 */
TenureMonth
tenure_period_first_month (TenurePeriodKind kind,
                           int              fiscal_year_start,
                           TenureMonth      month)
{
  int fy, offset;

  fiscal_position (fiscal_year_start, month, &fy, &offset);
  switch (kind)
    {
    case TENURE_PERIOD_QUARTER:
      return month - offset % 3;
    case TENURE_PERIOD_YEAR:
      return month - offset;
    case TENURE_PERIOD_MONTH:
    default:
      return month;
    }
}

/**
 * tenure_period_format:
 * @kind: a period kind
 * @fiscal_year_start: the month (1–12) the fiscal year starts
 * @month: any month of the period
 * @buf: at least 16 bytes
 *
 * Formats the label of a period: `2024-03`; `2024-Q1` or, when the fiscal
 * year does not start in January, `FY2025-Q1`; `2024` or `FY2025`.
 *
 * Returns: (transfer none): @buf
 */
char *
tenure_period_format (TenurePeriodKind  kind,
                      int               fiscal_year_start,
                      TenureMonth       month,
                      char             *buf)
{
  const char *prefix = fiscal_year_start == 1 ? "" : "FY";
  int fy, offset;

  fiscal_position (fiscal_year_start, month, &fy, &offset);
  switch (kind)
    {
    case TENURE_PERIOD_QUARTER:
      g_snprintf (buf, 16, "%s%04d-Q%d", prefix, fy, offset / 3 + 1);
      break;
    case TENURE_PERIOD_YEAR:
      g_snprintf (buf, 16, "%s%04d", prefix, fy);
      break;
    case TENURE_PERIOD_MONTH:
    default:
      tenure_month_format (month, buf);
      break;
    }
  return buf;
}

static gboolean
parse_digits (const char  *text,
              int          n,
              int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

/**
 * tenure_period_parse:
 * @kind: a period kind
 * @fiscal_year_start: the month (1–12) the fiscal year starts
 * @label: a label as tenure_period_format() writes it
 * @first_month: (out): the period's first month
 *
 * Returns: %TRUE when @label is exactly a label of @kind
 */
gboolean
tenure_period_parse (TenurePeriodKind  kind,
                     int               fiscal_year_start,
                     const char       *label,
                     TenureMonth      *first_month)
{
  gboolean fiscal = fiscal_year_start != 1;
  const char *p = label;
  TenureMonth start;
  int fy, quarter = 1;

  g_return_val_if_fail (label != NULL, FALSE);

  if (kind == TENURE_PERIOD_MONTH)
    return strlen (label) == 7 && tenure_month_parse (label, first_month);

  if (fiscal)
    {
      if (strncmp (p, "FY", 2) != 0)
        return FALSE;
      p += 2;
    }
  if (!parse_digits (p, 4, &fy) || fy < 1)
    return FALSE;
  p += 4;
  if (kind == TENURE_PERIOD_QUARTER)
    {
      if (p[0] != '-' || p[1] != 'Q' || p[2] < '1' || p[2] > '4')
        return FALSE;
      quarter = p[2] - '0';
      p += 3;
    }
  if (*p != '\0')
    return FALSE;

  start = fiscal ? tenure_month_from_ym (fy - 1, fiscal_year_start) : tenure_month_from_ym (fy, 1);
  *first_month = start + 3 * (quarter - 1);
  return TRUE;
}

/**
 * tenure_months_between:
 * @from: the first day
 * @to: a later day
 *
 * Whole months from @from to @to: Jan 15 → Feb 14 is 0, → Feb 15 is 1; a
 * month that ends before the day of @from completes on its last day
 * (Jan 31 → Feb 29 is 1).
 *
 * Returns: the number of whole months, 0 when @to is before @from
 */
int
tenure_months_between (TenureDay from,
                       TenureDay to)
{
  int y1, m1, d1, y2, m2, d2, months;

  if (to <= from)
    return 0;
  tenure_day_to_ymd (from, &y1, &m1, &d1);
  tenure_day_to_ymd (to, &y2, &m2, &d2);
  months = (y2 * 12 + m2) - (y1 * 12 + m1);
  if (d2 < d1 && d2 != tenure_days_in_month (y2, m2))
    months--;
  return MAX (months, 0);
}

/* The computation */

/* Month-level sums; quarters and years are built from them. */
typedef struct
{
  gint64 mrr;
  gint64 paying;
  gint64 active;          /* a difference array until the prefix sum */
  gint64 new_accounts;
  gint64 churned;
  gint64 reactivated;
  gint64 logo_churned;    /* active at the previous month's snapshot, churned in this month */
  gint64 mov_new;
  gint64 mov_reactivation;
  gint64 mov_expansion;
  gint64 mov_contraction;
  gint64 mov_churn;
  gint64 bookings;
  gint64 sale_total;
  gint64 sale_accounts;
  gint64 retention_base;
  gint64 retention_gross;
  gint64 retention_net;
} Month;

typedef struct
{
  gint64 size;
  gint64 *active;   /* difference array over ages until the prefix sum */
  gint64 *mrr;
} CohortSums;

typedef struct
{
  TenureLedger    *ledger;
  TenureDay        as_of;
  TenureMonth      m0;          /* first month of the grid */
  guint            n;           /* months in the grid; the last is as_of's */
  TenureDay       *snap;        /* n snapshots */
  TenureDay        before;      /* the day before the grid: its "previous snapshot" */
  guint            n_stages;
  guint            n_moves;     /* (n_stages + 1)² */
  Month           *months;
  gint64          *stages;      /* n × n_stages, difference arrays until the prefix sum */
  gint64          *moves;       /* n × n_moves */
  CohortSums      *cohorts;     /* n */
  /* Periods of the requested kind over the grid. */
  guint            n_periods;
  guint           *period_of;   /* month index → period index */
  guint           *last_month;  /* period index → its last month index */
  gint64          *period_logo; /* period index → logo-churned accounts */
  double           realized_total;
  gint64           realized_accounts;
} Engine;

static inline guint
month_index (const Engine *e,
             TenureDay     day)
{
  return (guint) (tenure_month_of_day (day) - e->m0);
}

static inline TenureDay
previous_snapshot (const Engine *e,
                   guint         i)
{
  return i == 0 ? e->before : e->snap[i - 1];
}

static inline TenureDay
period_previous_snapshot (const Engine *e,
                          guint         k)
{
  return k == 0 ? e->before : e->snap[e->last_month[k - 1]];
}

static inline guint
move_index (const Engine *e,
            int           from,
            int           to)
{
  guint row = (guint) (from + 1);
  guint col = to == TENURE_STAGE_OUTSIDE ? e->n_stages : (guint) to;

  return row * (e->n_stages + 1) + col;
}

/* Money: each account's snapshot MRR, its movements and retention pairs.
 * One merge walk over the account's MRR points, no search. */
static void
walk_money (Engine                    *e,
            const TenureLedgerAccount *a,
            gint64                    *m)
{
  guint p = 0;

  for (guint i = 0; i < e->n; i++)
    {
      while (p < a->n_mrr_points && a->mrr_points[p].day <= e->snap[i])
        p++;
      m[i] = p == 0 ? 0 : a->mrr_points[p - 1].mrr;
    }

  for (guint i = 0; i < e->n; i++)
    {
      Month *month = &e->months[i];
      /* No subscription starts before the grid, so MRR there is 0. */
      gint64 m0 = i == 0 ? 0 : m[i - 1];
      gint64 m1 = m[i];

      month->mrr += m1;
      if (m1 > 0)
        month->paying++;
      if (m0 == 0 && m1 > 0)
        {
          if (a->first_paying_day != TENURE_DAY_NONE && a->first_paying_day <= previous_snapshot (e, i))
            month->mov_reactivation += m1;
          else
            month->mov_new += m1;
        }
      else if (m0 > 0 && m1 == 0)
        month->mov_churn += m0;
      else if (m1 > m0)
        month->mov_expansion += m1 - m0;
      else if (m1 < m0)
        month->mov_contraction += m0 - m1;

      /* GRR/NRR at month i compare with the month-end snapshot 12 months
       * earlier; before the grid there is no MRR, so no base. */
      if (i >= 12 && m[i - 12] > 0)
        {
          gint64 base = m[i - 12];

          month->retention_base += base;
          month->retention_gross += MIN (base, m1);
          month->retention_net += m1;
        }
    }
}

static void
walk_lifecycle (Engine                    *e,
                const TenureLedgerAccount *a,
                const gint64              *m)
{
  CohortSums *cohort = NULL;
  guint c = 0;

  if (a->n_spells == 0 || a->spells[0].start > e->as_of)
    return;

  c = month_index (e, a->spells[0].start);
  cohort = &e->cohorts[c];
  cohort->size++;
  if (cohort->active == NULL)
    {
      cohort->active = g_new0 (gint64, e->n - c + 1);
      cohort->mrr = g_new0 (gint64, e->n - c);
    }
  if (m != NULL)
    for (guint i = c; i < e->n; i++)
      cohort->mrr[i - c] += m[i];

  for (guint k = 0; k < a->n_spells && a->spells[k].start <= e->as_of; k++)
    {
      TenureDay start = a->spells[k].start, end = a->spells[k].end;
      guint is = month_index (e, start);
      guint last;

      if (k == 0)
        e->months[is].new_accounts++;
      else
        e->months[is].reactivated++;

      if (end <= e->as_of)
        {
          guint ie = month_index (e, end);
          guint pk = e->period_of[ie];

          e->months[ie].churned++;
          /* At most one spell covers a given snapshot, so an account is
           * counted once per period however often it left. */
          if (start <= previous_snapshot (e, ie))
            e->months[ie].logo_churned++;
          if (start <= period_previous_snapshot (e, pk))
            e->period_logo[pk]++;
          /* Snapshots before the churn: snap[ie] >= end is not active. */
          if (ie == 0)
            continue;
          last = ie - 1;
        }
      else
        last = e->n - 1;

      /* snap[is] >= start: the first snapshot the spell may cover. */
      if (last < is)
        continue;
      e->months[is].active++;
      if (last + 1 < e->n)
        e->months[last + 1].active--;
      cohort->active[is - c]++;
      cohort->active[last + 1 - c]--;
    }
}

static void
walk_stages (Engine                    *e,
             const TenureLedgerAccount *a)
{
  int stage = TENURE_STAGE_OUTSIDE;
  guint i = 0;

  /* Each stretch between transitions adds its stage to the snapshots it
   * covers (difference arrays), so the cost is per transition, not per
   * month. */
  for (guint q = 0; q < a->n_transitions && a->transitions[q].day <= e->as_of; q++)
    {
      const TenureTransition *t = &a->transitions[q];
      guint it = month_index (e, t->day);

      e->moves[(gsize) it * e->n_moves + move_index (e, t->from, t->to)]++;

      /* Snapshots before this transition keep the previous stage. */
      while (i < e->n && e->snap[i] < t->day)
        i++;
      if (stage != TENURE_STAGE_OUTSIDE)
        e->stages[(gsize) i * e->n_stages + (guint) stage]--;
      stage = t->to;
      if (stage != TENURE_STAGE_OUTSIDE)
        e->stages[(gsize) i * e->n_stages + (guint) stage]++;
    }
}

static void
walk_value (Engine                    *e,
            const TenureLedgerAccount *a,
            const gint64              *m)
{
  TenureDay origination;
  int k = -1;

  if (a->n_spells == 0 || a->spells[0].start > e->as_of)
    return;
  origination = a->spells[0].start;

  if (a->first_sale_day != TENURE_DAY_NONE && a->first_sale_day <= e->as_of)
    {
      Month *month = &e->months[month_index (e, origination)];

      month->sale_total += a->first_sale_amount;
      month->sale_accounts++;
    }

  /* Realized value: accounts whose latest spell by the report date ended. */
  for (guint s = 0; s < a->n_spells && a->spells[s].start <= e->as_of; s++)
    k = (int) s;
  if (k >= 0 && a->spells[k].end <= e->as_of)
    {
      gint64 total = 0;

      if (a->n_subscriptions > 0 && a->subscriptions[0].starts_on <= e->as_of)
        {
          for (guint i = 0; m != NULL && i < e->n; i++)
            total += m[i];
        }
      else
        for (guint w = 0; w < a->n_won_days && a->won_days[w].day <= e->as_of; w++)
          total += a->won_days[w].amount;
      e->realized_total += (double) total;
      e->realized_accounts++;
    }
}

static void
walk_bookings (Engine                    *e,
               const TenureLedgerAccount *a)
{
  for (guint w = 0; w < a->n_won_days && a->won_days[w].day <= e->as_of; w++)
    e->months[month_index (e, a->won_days[w].day)].bookings += a->won_days[w].amount;
}

static double
ratio (gint64 numerator,
       gint64 denominator)
{
  return denominator == 0 ? NAN : (double) numerator / (double) denominator;
}

static void
fill_period (Engine              *e,
             TenureMetrics       *metrics,
             guint                k,
             guint                first,
             guint                last,
             TenureMetricsPeriod *p)
{
  const TenureLedgerSettings *settings = tenure_ledger_settings (e->ledger);
  const Month *end = &e->months[last];
  gint64 numerator, pooled_churned = 0, pooled_base = 0;

  p->first_month = e->m0 + (TenureMonth) first;
  tenure_period_format (metrics->period, settings->fiscal_year_start, p->first_month, p->label);
  p->start = tenure_month_first_day (p->first_month);
  p->end = e->snap[last];

  /* Snapshot figures: those of the period's last snapshot. */
  p->mrr = end->mrr;
  p->arr = 12 * end->mrr;
  p->active_accounts = end->active;
  p->paying_accounts = end->paying;
  p->retention_base_mrr = end->retention_base;
  p->retention_gross_mrr = end->retention_gross;
  p->retention_net_mrr = end->retention_net;
  p->previous_active_accounts = k == 0 ? 0 : e->months[e->last_month[k - 1]].active;
  p->previous_mrr = k == 0 ? 0 : e->months[e->last_month[k - 1]].mrr;
  memcpy (p->stage_counts, &e->stages[(gsize) last * e->n_stages], e->n_stages * sizeof (gint64));

  /* Counts, movements and bookings: sums of the months. */
  for (guint i = first; i <= last; i++)
    {
      const Month *month = &e->months[i];

      p->new_accounts += month->new_accounts;
      p->churned_accounts += month->churned;
      p->reactivated_accounts += month->reactivated;
      p->new_mrr += month->mov_new;
      p->expansion_mrr += month->mov_expansion;
      p->contraction_mrr += month->mov_contraction;
      p->churned_mrr += month->mov_churn;
      p->reactivation_mrr += month->mov_reactivation;
      p->bookings += month->bookings;
      p->new_sale_total += month->sale_total;
      p->new_sale_accounts += month->sale_accounts;
      for (guint t = 0; t < e->n_moves; t++)
        p->transitions[t] += e->moves[(gsize) i * e->n_moves + t];
    }
  p->logo_churned_accounts = e->period_logo[k];
  p->net_new_mrr = p->new_mrr + p->reactivation_mrr + p->expansion_mrr
                   - p->contraction_mrr - p->churned_mrr;

  /* Ratios from the summed parts. */
  numerator = p->new_mrr + p->expansion_mrr;
  if (settings->quick_ratio_reactivation)
    numerator += p->reactivation_mrr;
  p->quick_ratio = ratio (numerator, p->churned_mrr + p->contraction_mrr);
  p->logo_churn_rate = ratio (p->logo_churned_accounts, p->previous_active_accounts);
  p->revenue_churn_rate = ratio (p->churned_mrr + p->contraction_mrr, p->previous_mrr);
  p->grr = ratio (p->retention_gross_mrr, p->retention_base_mrr);
  p->nrr = ratio (p->retention_net_mrr, p->retention_base_mrr);
  p->arpa = ratio (p->mrr, p->paying_accounts);
  p->new_account_average_sale = ratio (p->new_sale_total, p->new_sale_accounts);
  p->future_account_value = NAN;

  /* Predicted LTV: pooled monthly logo churn over the 12 months ending with
   * the period's last month (months before the grid had no accounts). */
  for (guint i = last >= 11 ? last - 11 : 0; i <= last; i++)
    {
      pooled_churned += e->months[i].logo_churned;
      pooled_base += i == 0 ? 0 : e->months[i - 1].active;
    }
  if (isnan (p->arpa) || pooled_churned == 0)
    p->predicted_ltv = NAN;
  else
    p->predicted_ltv = p->arpa * settings->gross_margin
                       / ((double) pooled_churned / (double) pooled_base);
}

static void
build_cohorts (Engine        *e,
               TenureMetrics *metrics)
{
  TenureCohortAverage *avg = &metrics->cohort_average;
  guint n_cohorts = 0;

  for (guint c = 0; c < e->n; c++)
    if (e->cohorts[c].size > 0)
      n_cohorts++;

  metrics->n_cohorts = n_cohorts;
  metrics->cohorts = g_new0 (TenureCohort, n_cohorts);
  avg->n_ages = 0;
  for (guint c = 0; c < e->n; c++)
    if (e->cohorts[c].size > 0)
      {
        avg->n_ages = e->n - c;
        break;
      }
  avg->size = g_new0 (gint64, avg->n_ages);
  avg->active = g_new0 (gint64, avg->n_ages);
  avg->base_mrr = g_new0 (gint64, avg->n_ages);
  avg->mrr = g_new0 (gint64, avg->n_ages);
  avg->logo_retention = g_new0 (double, avg->n_ages);
  avg->revenue_retention = g_new0 (double, avg->n_ages);

  for (guint c = 0, j = 0; c < e->n; c++)
    {
      CohortSums *sums = &e->cohorts[c];
      TenureCohort *cohort;
      gint64 running = 0;

      if (sums->size == 0)
        continue;
      cohort = &metrics->cohorts[j++];
      cohort->month = e->m0 + (TenureMonth) c;
      tenure_month_format (cohort->month, cohort->label);
      cohort->size = sums->size;
      cohort->n_ages = e->n - c;
      cohort->active = g_new0 (gint64, cohort->n_ages);
      cohort->mrr = g_memdup2 (sums->mrr, cohort->n_ages * sizeof (gint64));
      cohort->logo_retention = g_new0 (double, cohort->n_ages);
      cohort->revenue_retention = g_new0 (double, cohort->n_ages);
      for (guint k = 0; k < cohort->n_ages; k++)
        {
          running += sums->active[k];
          cohort->active[k] = running;
          cohort->logo_retention[k] = ratio (running, cohort->size);
          cohort->revenue_retention[k] = ratio (cohort->mrr[k], cohort->mrr[0]);

          avg->size[k] += cohort->size;
          avg->active[k] += running;
          avg->base_mrr[k] += cohort->mrr[0];
          avg->mrr[k] += cohort->mrr[k];
        }
    }
  for (guint k = 0; k < avg->n_ages; k++)
    {
      avg->logo_retention[k] = ratio (avg->active[k], avg->size[k]);
      avg->revenue_retention[k] = ratio (avg->mrr[k], avg->base_mrr[k]);
    }
}

static void
engine_clear (Engine *e)
{
  for (guint c = 0; e->cohorts != NULL && c < e->n; c++)
    {
      g_free (e->cohorts[c].active);
      g_free (e->cohorts[c].mrr);
    }
  g_free (e->cohorts);
  g_free (e->snap);
  g_free (e->months);
  g_free (e->stages);
  g_free (e->moves);
  g_free (e->period_of);
  g_free (e->last_month);
  g_free (e->period_logo);
}

static gboolean
parse_bound (TenureMetrics  *metrics,
             const char     *label,
             const char     *which,
             TenureMonth    *out,
             GError        **error)
{
  if (tenure_period_parse (metrics->period, metrics->fiscal_year_start, label, out))
    return TRUE;
  g_set_error (error, TENURE_METRICS_ERROR, TENURE_METRICS_ERROR_INVALID_PERIOD,
               "--%s “%s” is not a %s label (expected %s)", which, label,
               tenure_period_kind_to_string (metrics->period),
               metrics->period == TENURE_PERIOD_MONTH ? "YYYY-MM"
               : metrics->period == TENURE_PERIOD_QUARTER
                 ? (metrics->fiscal_year_start == 1 ? "YYYY-Qn" : "FYyyyy-Qn")
                 : (metrics->fiscal_year_start == 1 ? "YYYY" : "FYyyyy"));
  return FALSE;
}

static void
period_clear (TenureMetricsPeriod *p)
{
  g_free (p->stage_counts);
  g_free (p->transitions);
}

/**
 * tenure_account_figures_compute:
 * @account: a ledger account
 * @as_of: the report date
 * @out: (out caller-allocates): the figures
 *
 * Fills in what the accounts list shows of @account at @as_of.
 */
void
tenure_account_figures_compute (const TenureLedgerAccount *account,
                                TenureDay                  as_of,
                                TenureAccountFigures      *out)
{
  g_return_if_fail (account != NULL);
  g_return_if_fail (out != NULL);

  out->active = tenure_ledger_account_active_on (account, as_of);
  out->stage = tenure_ledger_account_stage_on (account, as_of);
  out->mrr = tenure_ledger_account_mrr_on (account, as_of);
  out->arr = 12 * out->mrr;
  out->originated_on = tenure_ledger_account_originated_on (account, as_of);
  out->churned_on = out->active ? TENURE_DAY_NONE : tenure_ledger_account_churned_on (account, as_of);
  if (out->originated_on == TENURE_DAY_NONE)
    out->tenure_months = -1;
  else
    out->tenure_months = tenure_months_between (out->originated_on,
                                                out->active ? as_of : out->churned_on);
}

/**
 * tenure_metrics_compute:
 * @ledger: a ledger
 * @options: the period kind, report date and optional range
 * @error: return location for a #GError, or %NULL
 *
 * Computes the series from the month of the earliest subscription start,
 * won deal or origination through the period of the report date, cohorts,
 * lifetime values and per-account figures. Nothing dated after the report
 * date is used. Each account's timelines are walked once over all months;
 * the cost is linear in accounts × months plus the size of the ledger.
 *
 * Returns: (transfer full) (nullable): the metrics, or %NULL with @error set
 *   (a --from or --to label that is not one of the period kind)
 */
TenureMetrics *
tenure_metrics_compute (TenureLedger               *ledger,
                        const TenureMetricsOptions *options,
                        GError                    **error)
{
  const TenureLedgerSettings *settings;
  g_autoptr(TenureMetrics) metrics = NULL;
  g_autofree gint64 *m = NULL;
  TenureMonth from = G_MININT32, to = G_MAXINT32;
  TenureDay first;
  Engine e = { 0 };
  guint n_accounts;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  settings = tenure_ledger_settings (ledger);
  metrics = g_new0 (TenureMetrics, 1);
  metrics->currency = g_strdup (settings->currency);
  metrics->churn_rule = settings->churn_rule;
  metrics->quick_ratio_reactivation = settings->quick_ratio_reactivation;
  metrics->gross_margin = settings->gross_margin;
  metrics->fiscal_year_start = settings->fiscal_year_start;
  metrics->as_of = options->as_of == TENURE_DAY_NONE ? tenure_day_today () : options->as_of;
  metrics->period = options->period;
  metrics->n_stages = tenure_ledger_n_stages (ledger);
  metrics->stage_names = g_new0 (char *, metrics->n_stages + 1);
  for (guint s = 0; s < metrics->n_stages; s++)
    metrics->stage_names[s] = g_strdup (tenure_ledger_stage (ledger, s)->name);
  metrics->value.predicted_ltv = NAN;
  metrics->value.realized_ltv = NAN;
  metrics->value.future_account_value = NAN;

  if (options->from != NULL && !parse_bound (metrics, options->from, "from", &from, error))
    return NULL;
  if (options->to != NULL && !parse_bound (metrics, options->to, "to", &to, error))
    return NULL;
  if (from > to)
    {
      g_set_error (error, TENURE_METRICS_ERROR, TENURE_METRICS_ERROR_INVALID_RANGE,
                   "--from %s is after --to %s", options->from, options->to);
      return NULL;
    }

  n_accounts = tenure_ledger_n_accounts (ledger);
  metrics->n_accounts = n_accounts;
  metrics->accounts = g_new0 (TenureAccountFigures, n_accounts);
  for (guint i = 0; i < n_accounts; i++)
    tenure_account_figures_compute (tenure_ledger_account (ledger, i), metrics->as_of, &metrics->accounts[i]);

  first = tenure_ledger_first_day (ledger);
  if (first == TENURE_DAY_NONE || first > metrics->as_of)
    {
      /* Nothing happened by the report date: no periods, no cohorts. */
      metrics->cohort_average.size = g_new0 (gint64, 0);
      return g_steal_pointer (&metrics);
    }

  /* The grid: whole months from the first period's first month, so that
   * quarters and years are sums of complete months. */
  e.ledger = ledger;
  e.as_of = metrics->as_of;
  e.m0 = tenure_period_first_month (metrics->period, metrics->fiscal_year_start,
                                    tenure_month_of_day (first));
  e.n = (guint) (tenure_month_of_day (e.as_of) - e.m0 + 1);
  e.before = tenure_month_first_day (e.m0) - 1;
  e.snap = g_new (TenureDay, e.n);
  for (guint i = 0; i < e.n; i++)
    e.snap[i] = i + 1 < e.n ? tenure_month_last_day (e.m0 + (TenureMonth) i) : e.as_of;
  e.n_stages = metrics->n_stages;
  e.n_moves = (e.n_stages + 1) * (e.n_stages + 1);
  e.months = g_new0 (Month, e.n);
  e.stages = g_new0 (gint64, (gsize) (e.n + 1) * e.n_stages);
  e.moves = g_new0 (gint64, (gsize) e.n * e.n_moves);
  e.cohorts = g_new0 (CohortSums, e.n);
  e.period_of = g_new (guint, e.n);
  e.last_month = g_new (guint, e.n);
  for (guint i = 0; i < e.n; i++)
    {
      TenureMonth month = e.m0 + (TenureMonth) i;

      if (i > 0 && tenure_period_first_month (metrics->period, metrics->fiscal_year_start, month) != month)
        e.period_of[i] = e.period_of[i - 1];
      else
        e.period_of[i] = i == 0 ? 0 : e.period_of[i - 1] + 1;
      e.last_month[e.period_of[i]] = i;
    }
  e.n_periods = e.period_of[e.n - 1] + 1;
  e.period_logo = g_new0 (gint64, e.n_periods);

  m = g_new (gint64, e.n);
  for (guint i = 0; i < n_accounts; i++)
    {
      const TenureLedgerAccount *a = tenure_ledger_account (ledger, i);
      gboolean money = a->n_mrr_points > 0 && a->mrr_points[0].day <= e.as_of;

      if (money)
        walk_money (&e, a, m);
      walk_lifecycle (&e, a, money ? m : NULL);
      walk_stages (&e, a);
      walk_bookings (&e, a);
      walk_value (&e, a, money ? m : NULL);
    }

  /* Difference arrays to counts. */
  for (guint i = 1; i < e.n; i++)
    {
      e.months[i].active += e.months[i - 1].active;
      for (guint s = 0; s < e.n_stages; s++)
        e.stages[(gsize) i * e.n_stages + s] += e.stages[(gsize) (i - 1) * e.n_stages + s];
    }

  {
    g_autofree TenureMetricsPeriod *all = g_new0 (TenureMetricsPeriod, e.n_periods);
    guint kept = 0;

    for (guint k = 0, first_month = 0; k < e.n_periods; k++)
      {
        all[k].stage_counts = g_new0 (gint64, e.n_stages);
        all[k].transitions = g_new0 (gint64, e.n_moves);
        fill_period (&e, metrics, k, first_month, e.last_month[k], &all[k]);
        first_month = e.last_month[k] + 1;
      }
    metrics->value.predicted_ltv = all[e.n_periods - 1].predicted_ltv;

    metrics->periods = g_new0 (TenureMetricsPeriod, e.n_periods);
    for (guint k = 0; k < e.n_periods; k++)
      {
        if (all[k].first_month >= from && all[k].first_month <= to)
          metrics->periods[kept++] = all[k];
        else
          period_clear (&all[k]);
      }
    metrics->n_periods = kept;
  }

  build_cohorts (&e, metrics);
  metrics->value.realized_accounts = e.realized_accounts;
  metrics->value.realized_ltv = e.realized_accounts == 0
                                ? NAN : e.realized_total / (double) e.realized_accounts;
  engine_clear (&e);
  return g_steal_pointer (&metrics);
}

/**
 * tenure_metrics_free:
 * @metrics: (transfer full): metrics
 *
 * Frees @metrics and everything in it.
 */
void
tenure_metrics_free (TenureMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_free (metrics->currency);
  g_strfreev (metrics->stage_names);
  for (guint k = 0; k < metrics->n_periods; k++)
    period_clear (&metrics->periods[k]);
  g_free (metrics->periods);
  for (guint c = 0; c < metrics->n_cohorts; c++)
    {
      g_free (metrics->cohorts[c].active);
      g_free (metrics->cohorts[c].mrr);
      g_free (metrics->cohorts[c].logo_retention);
      g_free (metrics->cohorts[c].revenue_retention);
    }
  g_free (metrics->cohorts);
  g_free (metrics->cohort_average.size);
  g_free (metrics->cohort_average.active);
  g_free (metrics->cohort_average.base_mrr);
  g_free (metrics->cohort_average.mrr);
  g_free (metrics->cohort_average.logo_retention);
  g_free (metrics->cohort_average.revenue_retention);
  g_free (metrics->accounts);
  g_free (metrics);
}

/**
 * tenure_metrics_transition_count:
 * @metrics: metrics
 * @period: one of its periods
 * @from: a stage index or %TENURE_STAGE_OUTSIDE ("new")
 * @to: a stage index or %TENURE_STAGE_OUTSIDE ("churned")
 *
 * Returns: the number of moves from @from to @to during @period
 */
gint64
tenure_metrics_transition_count (const TenureMetrics       *metrics,
                                 const TenureMetricsPeriod *period,
                                 int                        from,
                                 int                        to)
{
  guint row, col;

  g_return_val_if_fail (metrics != NULL && period != NULL, 0);
  g_return_val_if_fail (from >= TENURE_STAGE_OUTSIDE && from < (int) metrics->n_stages, 0);
  g_return_val_if_fail (to >= TENURE_STAGE_OUTSIDE && to < (int) metrics->n_stages, 0);

  row = (guint) (from + 1);
  col = to == TENURE_STAGE_OUTSIDE ? metrics->n_stages : (guint) to;
  return period->transitions[row * (metrics->n_stages + 1) + col];
}

/* JSON */

static void
member_day (TenureJson *json,
            const char *key,
            TenureDay   day)
{
  char buf[16];

  if (day == TENURE_DAY_NONE)
    tenure_json_member_null (json, key);
  else
    tenure_json_member_string (json, key, tenure_day_format_iso (day, buf));
}

/* Money that is a model's estimate: whole minor units, half to even. */
static void
member_money_estimate (TenureJson *json,
                       const char *key,
                       double      value)
{
  if (!isfinite (value))
    tenure_json_member_null (json, key);
  else
    tenure_json_member_int (json, key, (gint64) nearbyint (value));
}

static void
write_period (TenureMetrics             *metrics,
              const TenureMetricsPeriod *p,
              TenureJson                *json)
{
  tenure_json_begin_object (json);
  tenure_json_member_string (json, "period", p->label);
  member_day (json, "start", p->start);
  member_day (json, "end", p->end);
  tenure_json_member_int (json, "mrr", p->mrr);
  tenure_json_member_int (json, "arr", p->arr);
  tenure_json_member_int (json, "active_accounts", p->active_accounts);
  tenure_json_member_int (json, "new_accounts", p->new_accounts);
  tenure_json_member_int (json, "churned_accounts", p->churned_accounts);
  tenure_json_member_int (json, "reactivated_accounts", p->reactivated_accounts);
  tenure_json_member_int (json, "new_mrr", p->new_mrr);
  tenure_json_member_int (json, "expansion_mrr", p->expansion_mrr);
  tenure_json_member_int (json, "contraction_mrr", p->contraction_mrr);
  tenure_json_member_int (json, "churned_mrr", p->churned_mrr);
  tenure_json_member_int (json, "reactivation_mrr", p->reactivation_mrr);
  tenure_json_member_int (json, "net_new_mrr", p->net_new_mrr);
  tenure_json_member_double (json, "quick_ratio", p->quick_ratio);
  tenure_json_member_double (json, "logo_churn_rate", p->logo_churn_rate);
  tenure_json_member_double (json, "revenue_churn_rate", p->revenue_churn_rate);
  tenure_json_member_double (json, "grr", p->grr);
  tenure_json_member_double (json, "nrr", p->nrr);
  tenure_json_member_double (json, "arpa", p->arpa);
  tenure_json_member_int (json, "bookings", p->bookings);
  tenure_json_member_double (json, "new_account_average_sale", p->new_account_average_sale);
  member_money_estimate (json, "future_account_value", p->future_account_value);

  tenure_json_key (json, "stages");
  tenure_json_begin_object (json);
  for (guint s = 0; s < metrics->n_stages; s++)
    tenure_json_member_int (json, metrics->stage_names[s], p->stage_counts[s]);
  tenure_json_end_object (json);

  /* Only the moves that happened, sources in order (new, then the stages),
   * targets in order (the stages, then churned). */
  tenure_json_key (json, "transitions");
  tenure_json_begin_array (json);
  for (int from = TENURE_STAGE_OUTSIDE; from < (int) metrics->n_stages; from++)
    for (guint col = 0; col <= metrics->n_stages; col++)
      {
        int to = col == metrics->n_stages ? TENURE_STAGE_OUTSIDE : (int) col;
        gint64 count = tenure_metrics_transition_count (metrics, p, from, to);

        if (count == 0)
          continue;
        tenure_json_begin_object (json);
        tenure_json_member_string (json, "from", from == TENURE_STAGE_OUTSIDE ? "new" : metrics->stage_names[from]);
        tenure_json_member_string (json, "to", to == TENURE_STAGE_OUTSIDE ? "churned" : metrics->stage_names[to]);
        tenure_json_member_int (json, "count", count);
        tenure_json_end_object (json);
      }
  tenure_json_end_array (json);
  tenure_json_end_object (json);
}

/**
 * tenure_metrics_write_series:
 * @metrics: metrics
 * @json: a writer inside an object
 *
 * Writes the "series" member.
 */
void
tenure_metrics_write_series (TenureMetrics *metrics,
                             TenureJson    *json)
{
  g_return_if_fail (metrics != NULL && json != NULL);

  tenure_json_key (json, "series");
  tenure_json_begin_array (json);
  for (guint k = 0; k < metrics->n_periods; k++)
    write_period (metrics, &metrics->periods[k], json);
  tenure_json_end_array (json);
}

static void
write_doubles (TenureJson   *json,
               const char   *key,
               const double *values,
               guint         n)
{
  tenure_json_key (json, key);
  tenure_json_begin_array (json);
  for (guint k = 0; k < n; k++)
    tenure_json_double (json, values[k]);
  tenure_json_end_array (json);
}

/**
 * tenure_metrics_write_cohorts:
 * @metrics: metrics
 * @json: a writer inside an object
 *
 * Writes the "cohorts" and "cohort_average" members.
 */
void
tenure_metrics_write_cohorts (TenureMetrics *metrics,
                              TenureJson    *json)
{
  g_return_if_fail (metrics != NULL && json != NULL);

  tenure_json_key (json, "cohorts");
  tenure_json_begin_array (json);
  for (guint c = 0; c < metrics->n_cohorts; c++)
    {
      const TenureCohort *cohort = &metrics->cohorts[c];

      tenure_json_begin_object (json);
      tenure_json_member_string (json, "cohort", cohort->label);
      tenure_json_member_int (json, "size", cohort->size);
      write_doubles (json, "logo_retention", cohort->logo_retention, cohort->n_ages);
      write_doubles (json, "revenue_retention", cohort->revenue_retention, cohort->n_ages);
      tenure_json_end_object (json);
    }
  tenure_json_end_array (json);

  tenure_json_key (json, "cohort_average");
  tenure_json_begin_object (json);
  write_doubles (json, "logo_retention", metrics->cohort_average.logo_retention,
                 metrics->cohort_average.n_ages);
  write_doubles (json, "revenue_retention", metrics->cohort_average.revenue_retention,
                 metrics->cohort_average.n_ages);
  tenure_json_end_object (json);
}

/**
 * tenure_metrics_write_members:
 * @metrics: metrics
 * @json: a writer inside an object
 *
 * Writes currency, churn_rule, quick_ratio_reactivation, as_of, period,
 * series, cohorts and cohort_average into the open object.
 */
void
tenure_metrics_write_members (TenureMetrics *metrics,
                              TenureJson    *json)
{
  g_return_if_fail (metrics != NULL && json != NULL);

  tenure_json_member_string (json, "currency", metrics->currency);
  tenure_json_member_string (json, "churn_rule", tenure_churn_rule_to_string (metrics->churn_rule));
  tenure_json_member_bool (json, "quick_ratio_reactivation", metrics->quick_ratio_reactivation);
  member_day (json, "as_of", metrics->as_of);
  tenure_json_member_string (json, "period", tenure_period_kind_to_string (metrics->period));
  tenure_metrics_write_series (metrics, json);
  tenure_metrics_write_cohorts (metrics, json);
}

/**
 * tenure_metrics_write_json:
 * @metrics: metrics
 * @json: a writer
 *
 * Writes one complete JSON object with the members of
 * tenure_metrics_write_members().
 */
void
tenure_metrics_write_json (TenureMetrics *metrics,
                           TenureJson    *json)
{
  g_return_if_fail (metrics != NULL && json != NULL);

  tenure_json_begin_object (json);
  tenure_metrics_write_members (metrics, json);
  tenure_json_end_object (json);
}

/**
 * tenure_metrics_write_value_members:
 * @metrics: metrics
 * @json: a writer inside the "value" object
 *
 * Writes predicted_ltv, realized_ltv (minor units, not rounded) and
 * future_account_value (whole minor units; null until the value models
 * have set metrics->value.future_account_value).
 */
void
tenure_metrics_write_value_members (TenureMetrics *metrics,
                                    TenureJson    *json)
{
  g_return_if_fail (metrics != NULL && json != NULL);

  tenure_json_member_double (json, "predicted_ltv", metrics->value.predicted_ltv);
  tenure_json_member_double (json, "realized_ltv", metrics->value.realized_ltv);
  member_money_estimate (json, "future_account_value", metrics->value.future_account_value);
}

static void
member_nullable_string (TenureJson *json,
                        const char *key,
                        const char *value)
{
  if (value == NULL)
    tenure_json_member_null (json, key);
  else
    tenure_json_member_string (json, key, value);
}

/**
 * tenure_metrics_write_account_members:
 * @metrics: metrics computed from @ledger
 * @ledger: the ledger
 * @index: an account index
 * @json: a writer inside the account's object
 *
 * Writes account, name, segment, owner, type, region, stage (null when not
 * active), active, mrr, arr, originated_on, churned_on, tenure_months.
 */
void
tenure_metrics_write_account_members (TenureMetrics *metrics,
                                      TenureLedger  *ledger,
                                      guint          index,
                                      TenureJson    *json)
{
  const TenureLedgerAccount *a;
  const TenureAccountFigures *f;

  g_return_if_fail (metrics != NULL && ledger != NULL && json != NULL);
  g_return_if_fail (index < metrics->n_accounts);

  a = tenure_ledger_account (ledger, index);
  f = &metrics->accounts[index];
  tenure_json_member_string (json, "account", a->key);
  tenure_json_member_string (json, "name", a->name);
  member_nullable_string (json, "segment", a->segment);
  member_nullable_string (json, "owner", a->owner);
  if (a->type == 0)
    tenure_json_member_null (json, "type");
  else
    tenure_json_member_int (json, "type", a->type);
  member_nullable_string (json, "region", a->region);
  member_nullable_string (json, "stage", f->stage == TENURE_STAGE_OUTSIDE ? NULL : metrics->stage_names[f->stage]);
  tenure_json_member_bool (json, "active", f->active);
  tenure_json_member_int (json, "mrr", f->mrr);
  tenure_json_member_int (json, "arr", f->arr);
  member_day (json, "originated_on", f->originated_on);
  member_day (json, "churned_on", f->churned_on);
  if (f->tenure_months < 0)
    tenure_json_member_null (json, "tenure_months");
  else
    tenure_json_member_int (json, "tenure_months", f->tenure_months);
}

void
tenure_metrics_transition_matrix (const TenureMetrics       *metrics,
                                  const TenureMetricsPeriod *period,
                                  double                    *out)
{
  guint side;

  g_return_if_fail (metrics != NULL && period != NULL && out != NULL);

  side = metrics->n_stages + 1;
  for (guint row = 0; row < side; row++)
    for (guint column = 0; column < side; column++)
      {
        int from = row == 0 ? TENURE_STAGE_OUTSIDE : (int) row - 1;
        int to = column == metrics->n_stages ? TENURE_STAGE_OUTSIDE : (int) column;

        /* new → churned is not a move between stages. */
        out[row * side + column] = from == TENURE_STAGE_OUTSIDE && to == TENURE_STAGE_OUTSIDE
          ? 0 : tenure_metrics_transition_count (metrics, period, from, to);
      }
}
