/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"
#include "tenure-json.h"
#include "tenure-ledger.h"

G_BEGIN_DECLS

/* The metrics engine: the time series of METRICS.md (MRR, movements,
 * accounts, rates, retention, stages), cohorts, and the lifetime values the
 * series yields, computed from a ledger as plain C structs. docs/metrics.md
 * states every definition and choice.
 *
 * Money is gint64 minor units; averages of money are doubles in minor units.
 * An undefined ratio (zero denominator) is NaN in the structs and null in
 * JSON. */

#define TENURE_METRICS_ERROR (tenure_metrics_error_quark ())

typedef enum
{
  TENURE_METRICS_ERROR_INVALID_PERIOD,  /* --from/--to not a label of the period kind */
  TENURE_METRICS_ERROR_INVALID_RANGE,   /* --from after --to */
} TenureMetricsError;

GQuark tenure_metrics_error_quark (void);

typedef enum
{
  TENURE_PERIOD_MONTH,
  TENURE_PERIOD_QUARTER,
  TENURE_PERIOD_YEAR,
} TenurePeriodKind;

typedef struct
{
  TenurePeriodKind  period;
  TenureDay         as_of;   /* TENURE_DAY_NONE: today */
  const char       *from;    /* nullable: first period label to keep */
  const char       *to;      /* nullable: last period label to keep */
} TenureMetricsOptions;

/* One period of the series. Field names follow the JSON series object. */
typedef struct
{
  char       label[16];        /* "2024-03", "2024-Q1", "FY2025-Q1", "2024", "FY2025" */
  TenureMonth first_month;
  TenureDay  start;            /* first day of the period */
  TenureDay  end;              /* its snapshot: last day, or as_of for the last period */

  gint64     mrr;
  gint64     arr;
  gint64     active_accounts;
  gint64     new_accounts;
  gint64     churned_accounts;
  gint64     reactivated_accounts;
  gint64     new_mrr;
  gint64     expansion_mrr;
  gint64     contraction_mrr;
  gint64     churned_mrr;
  gint64     reactivation_mrr;
  gint64     net_new_mrr;
  double     quick_ratio;
  double     logo_churn_rate;
  double     revenue_churn_rate;
  double     grr;
  double     nrr;
  double     arpa;
  gint64     bookings;
  double     new_account_average_sale;
  /* Expected remaining value of the active book at the snapshot: NaN here;
   * the value models (sBG / BG-NBD) fill it in before the JSON is written. */
  double     future_account_value;
  /* ARPA × gross margin / pooled monthly logo churn of the 12 months ending
   * with this period (METRICS.md "Value"); not part of the series JSON. */
  double     predicted_ltv;

  /* The parts the ratios are computed from. */
  gint64     paying_accounts;           /* MRR > 0 at the snapshot */
  gint64     previous_active_accounts;  /* at the previous period's snapshot */
  gint64     previous_mrr;
  gint64     logo_churned_accounts;     /* active then, churned at least once in the period */
  gint64     retention_base_mrr;        /* GRR/NRR: Σ a */
  gint64     retention_gross_mrr;       /* Σ min (a, b) */
  gint64     retention_net_mrr;         /* Σ b */
  gint64     new_sale_total;            /* Σ first sales of accounts originated in the period */
  gint64     new_sale_accounts;

  gint64    *stage_counts;   /* n_stages: active accounts per stage at the snapshot */
  gint64    *transitions;    /* (n_stages + 1)²: see tenure_metrics_transition_count() */
} TenureMetricsPeriod;

typedef struct
{
  TenureMonth month;
  char        label[8];          /* "YYYY-MM" */
  gint64      size;
  guint       n_ages;            /* cells up to the report date: ages 0 … n_ages-1 */
  gint64     *active;            /* accounts of the cohort active at the snapshot of month c+k */
  gint64     *mrr;               /* their Σ MRR at that snapshot */
  double     *logo_retention;
  double     *revenue_retention; /* all NaN when mrr[0] is 0 */
} TenureCohort;

/* Σ numerators / Σ denominators over the cohorts that reached age k. */
typedef struct
{
  guint       n_ages;
  gint64     *size;
  gint64     *active;
  gint64     *base_mrr;
  gint64     *mrr;
  double     *logo_retention;
  double     *revenue_retention;
} TenureCohortAverage;

typedef struct
{
  double      predicted_ltv;        /* at the report date */
  double      realized_ltv;
  gint64      realized_accounts;    /* churned and not come back */
  /* NaN: filled in by the value models (sBG / BG-NBD), not by this engine. */
  double      future_account_value;
} TenureMetricsValue;

/* What `accounts --json` shows of one account at the report date. */
typedef struct
{
  gboolean    active;
  int         stage;            /* stage index, TENURE_STAGE_OUTSIDE when not active */
  gint64      mrr;
  gint64      arr;
  TenureDay   originated_on;    /* TENURE_DAY_NONE when it never originated */
  TenureDay   churned_on;       /* latest churn when not active, else TENURE_DAY_NONE */
  int         tenure_months;    /* whole months originated → as_of (or churn); -1 when none */
} TenureAccountFigures;

typedef struct
{
  char                 *currency;
  TenureChurnRule       churn_rule;          /* resolved */
  gboolean              quick_ratio_reactivation;
  double                gross_margin;
  int                   fiscal_year_start;
  TenureDay             as_of;
  TenurePeriodKind      period;

  guint                 n_stages;
  char                **stage_names;         /* n_stages, NULL-terminated */

  guint                 n_periods;
  TenureMetricsPeriod  *periods;             /* narrowed by from/to */

  guint                 n_cohorts;
  TenureCohort         *cohorts;             /* months with at least one origination */
  TenureCohortAverage   cohort_average;

  TenureMetricsValue    value;

  guint                 n_accounts;
  TenureAccountFigures *accounts;            /* in ledger order */
} TenureMetrics;

TenureMetrics *tenure_metrics_compute          (TenureLedger               *ledger,
                                                const TenureMetricsOptions *options,
                                                GError                    **error);
void           tenure_metrics_free             (TenureMetrics              *metrics);

/* Moves between stages during @period: @from is a stage index or
 * TENURE_STAGE_OUTSIDE ("new"), @to a stage index or TENURE_STAGE_OUTSIDE
 * ("churned"). */
gint64         tenure_metrics_transition_count (const TenureMetrics        *metrics,
                                                const TenureMetricsPeriod  *period,
                                                int                         from,
                                                int                         to);

/* The moves of @period as a square matrix of side n_stages + 1 (the layout
 * the transition chart and the report print): row 0 is "new", row i + 1
 * stage i; column j is stage j, column n_stages "churned". @out holds
 * (n_stages + 1)² doubles. */
void           tenure_metrics_transition_matrix (const TenureMetrics       *metrics,
                                                 const TenureMetricsPeriod *period,
                                                 double                    *out);

/* JSON. write_json writes one complete object: currency, churn_rule,
 * quick_ratio_reactivation, as_of, period, series, cohorts, cohort_average.
 * To add more members (value, segments, kam, scorecards, at_risk), open the
 * object yourself, call write_members, add yours, close it. */
void           tenure_metrics_write_json          (TenureMetrics *metrics,
                                                   TenureJson    *json);
void           tenure_metrics_write_members       (TenureMetrics *metrics,
                                                   TenureJson    *json);
void           tenure_metrics_write_series        (TenureMetrics *metrics,
                                                   TenureJson    *json);
void           tenure_metrics_write_cohorts       (TenureMetrics *metrics,
                                                   TenureJson    *json);
/* "predicted_ltv", "realized_ltv", "future_account_value" inside the open
 * "value" object. */
void           tenure_metrics_write_value_members (TenureMetrics *metrics,
                                                   TenureJson    *json);
/* Inside an open object: account, name, segment, owner, type, region,
 * stage, active, mrr, arr, originated_on, churned_on, tenure_months of the
 * account at @index. The caller adds overall_score, last_touch, at_risk. */
void           tenure_metrics_write_account_members (TenureMetrics *metrics,
                                                     TenureLedger  *ledger,
                                                     guint          index,
                                                     TenureJson    *json);

/* Per-account figures at @as_of without computing the series. */
void           tenure_account_figures_compute  (const TenureLedgerAccount *account,
                                                TenureDay                  as_of,
                                                TenureAccountFigures      *out);

/* Period labels under a fiscal year starting in month @fiscal_year_start. */
const char    *tenure_period_kind_to_string    (TenurePeriodKind  kind);
gboolean       tenure_period_kind_parse        (const char       *text,
                                                TenurePeriodKind *out);
/* The period of @kind containing @month: its first month and label. */
TenureMonth    tenure_period_first_month       (TenurePeriodKind  kind,
                                                int               fiscal_year_start,
                                                TenureMonth       month);
char          *tenure_period_format            (TenurePeriodKind  kind,
                                                int               fiscal_year_start,
                                                TenureMonth       month,
                                                char             *buf);  /* at least 16 bytes */
gboolean       tenure_period_parse             (TenurePeriodKind  kind,
                                                int               fiscal_year_start,
                                                const char       *label,
                                                TenureMonth      *first_month);
/* Whole months from @from to @to (a month is complete on the same day of
 * the month, or on the last day of a shorter month). */
int            tenure_months_between           (TenureDay         from,
                                                TenureDay         to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureMetrics, tenure_metrics_free)

G_END_DECLS
