/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * TenureReportPeriodKind:
 * @TENURE_REPORT_PERIOD_MONTH: the report covers a calendar month
 * @TENURE_REPORT_PERIOD_QUARTER: the report covers a (fiscal) quarter
 *
 * What the report's period is; it names the comparisons ("MoM", "QoQ").
 */
typedef enum
{
  TENURE_REPORT_PERIOD_MONTH,
  TENURE_REPORT_PERIOD_QUARTER,
} TenureReportPeriodKind;

/**
 * TenureReportValueKind:
 * @TENURE_REPORT_VALUE_COUNT: a whole number of accounts
 * @TENURE_REPORT_VALUE_MONEY: money in minor units of the report currency
 * @TENURE_REPORT_VALUE_PERCENT: a fraction (0.25), shown as "25.0%"
 * @TENURE_REPORT_VALUE_RATIO: a ratio, shown as "4.2×"
 * @TENURE_REPORT_VALUE_POINTS: points (NPS), shown signed
 * @TENURE_REPORT_VALUE_NUMBER: any other number, one decimal
 * @TENURE_REPORT_VALUE_MONTHS: a duration in months
 *
 * How a number is formatted. Every value is a double; NaN means undefined
 * and prints as "—", +∞ (a ratio over zero) as "∞".
 */
typedef enum
{
  TENURE_REPORT_VALUE_COUNT,
  TENURE_REPORT_VALUE_MONEY,
  TENURE_REPORT_VALUE_PERCENT,
  TENURE_REPORT_VALUE_RATIO,
  TENURE_REPORT_VALUE_POINTS,
  TENURE_REPORT_VALUE_NUMBER,
  TENURE_REPORT_VALUE_MONTHS,
} TenureReportValueKind;

/**
 * TenureReportChange:
 * @TENURE_REPORT_CHANGE_RELATIVE: change as a percentage of the earlier
 *   value ("+4.2%"); undefined when the earlier value is zero
 * @TENURE_REPORT_CHANGE_DIFFERENCE: change in the value's own unit: points
 *   for percentages and NPS ("−0.3 pts"), "×" for ratios, money for money
 *
 * How a KPI tile states its change against the previous period and the
 * same period a year ago.
 */
typedef enum
{
  TENURE_REPORT_CHANGE_RELATIVE,
  TENURE_REPORT_CHANGE_DIFFERENCE,
} TenureReportChange;

/**
 * TenureReportKpiId:
 *
 * The KPI tiles of the summary page, in the order they are shown.
 * tenure_report_data_new() gives each its label, kind and change style.
 */
typedef enum
{
  TENURE_REPORT_KPI_ACTIVE_ACCOUNTS,
  TENURE_REPORT_KPI_ARR,
  TENURE_REPORT_KPI_NET_NEW_MRR,
  TENURE_REPORT_KPI_QUICK_RATIO,
  TENURE_REPORT_KPI_LOGO_CHURN,
  TENURE_REPORT_KPI_GRR,
  TENURE_REPORT_KPI_NRR,
  TENURE_REPORT_KPI_LTV_CAC,
  TENURE_REPORT_KPI_FUTURE_VALUE,
  TENURE_REPORT_KPI_NPS,
  TENURE_REPORT_N_KPIS
} TenureReportKpiId;

/**
 * TenureReportKpi:
 * @label: tile label; owned
 * @kind: how @value is formatted
 * @change: how the changes are stated
 * @lower_is_better: %TRUE where a fall is good news (logo churn): the change
 *   is coloured accordingly
 * @value: the figure for the report's period; NaN when undefined
 * @previous: the same figure for the previous period; NaN when undefined
 * @year_ago: the same figure a year earlier; NaN when undefined
 *
 * One KPI tile. The report computes and formats both changes itself, so the
 * caller passes plain numbers; either change is "—" when undefined.
 */
typedef struct
{
  char                  *label;
  TenureReportValueKind  kind;
  TenureReportChange     change;
  gboolean               lower_is_better;
  double                 value;
  double                 previous;
  double                 year_ago;
} TenureReportKpi;

/**
 * TenureReportPeriod:
 * @label: "Nov 2026" or "2026-Q3"; owned
 * @new_mrr: new MRR in minor units
 * @expansion_mrr: expansion MRR
 * @reactivation_mrr: reactivation MRR
 * @contraction_mrr: contraction MRR, a positive amount
 * @churn_mrr: churned MRR, a positive amount
 * @quick_ratio: the quick ratio; NaN undefined, +∞ without churn or
 *   contraction
 * @new_accounts: originations and reactivations in the period
 * @churned_accounts: churn events in the period
 * @stage_counts: (array): active accounts per journey stage at the period's
 *   snapshot, one per #TenureReportData.stage_names; owned, allocated by
 *   tenure_report_data_add_period()
 *
 * One period of the trend, oldest first; the last one is the report's period.
 */
typedef struct
{
  char   *label;
  gint64  new_mrr;
  gint64  expansion_mrr;
  gint64  reactivation_mrr;
  gint64  contraction_mrr;
  gint64  churn_mrr;
  double  quick_ratio;
  double  new_accounts;
  double  churned_accounts;
  double *stage_counts;
} TenureReportPeriod;

/**
 * TenureReportBridge:
 * @opening: MRR at the previous period's snapshot
 * @new_mrr: new MRR
 * @expansion_mrr: expansion MRR
 * @reactivation_mrr: reactivation MRR
 * @contraction_mrr: contraction MRR, positive
 * @churn_mrr: churned MRR, positive
 * @closing: MRR at the period's snapshot
 *
 * The MRR bridge of the report's period, minor units.
 */
typedef struct
{
  gint64 opening;
  gint64 new_mrr;
  gint64 expansion_mrr;
  gint64 reactivation_mrr;
  gint64 contraction_mrr;
  gint64 churn_mrr;
  gint64 closing;
} TenureReportBridge;

/**
 * TenureReportCohort:
 * @label: the cohort's month ("Jan 2026"); owned
 * @size: accounts that originated in the month
 * @n_ages: cells in @retention: month 0 to the report date
 * @retention: (array length=n_ages): logo retention, fractions; owned
 *
 * One row of the cohort triangle; cells past the report date are absent.
 */
typedef struct
{
  char   *label;
  double  size;
  guint   n_ages;
  double *retention;
} TenureReportCohort;

/**
 * TenureReportSegment:
 * @segment: segment name; owned
 * @new_accounts: new accounts in the trailing twelve months
 * @cac: acquisition cost per new account, minor units; NaN undefined
 * @acv: average first-year contract value, minor units; NaN undefined
 * @ltv: lifetime value, minor units; NaN undefined
 * @ltv_cac: LTV / CAC; NaN undefined
 * @acv_cac: ACV / CAC; NaN undefined
 * @payback_months: CAC payback in months; NaN undefined
 *
 * One row of the segment economics table.
 */
typedef struct
{
  char   *segment;
  double  new_accounts;
  double  cac;
  double  acv;
  double  ltv;
  double  ltv_cac;
  double  acv_cac;
  double  payback_months;
} TenureReportSegment;

/**
 * TenureReportKeyKpi:
 * @name: the KPI ("Renewal rate"); owned
 * @kind: how @value is formatted
 * @value: NaN when undefined
 * @definition: (nullable): one sentence; owned
 *
 * One key-account KPI.
 */
typedef struct
{
  char                  *name;
  TenureReportValueKind  kind;
  double                 value;
  char                  *definition;
} TenureReportKeyKpi;

#define TENURE_REPORT_MAX_AREAS 8

/**
 * TenureReportProgress:
 * @account: account name; owned
 * @associate: (nullable): sales associate (account owner); owned
 * @end_date: (nullable): account end date, ISO 8601; owned
 * @type: account type 1–4, 0 when not set
 * @scores: area scores 0–10 in the order of
 *   #TenureReportData.area_names; NaN where the area has no score
 * @overall: overall score; NaN when the account has none
 * @arr_last_year: ARR at the end of the previous fiscal year, minor units
 * @arr_target_delta: ΔARR target for this fiscal year, minor units
 * @arr_ytd: ARR year to date (ARR now − @arr_last_year), minor units
 * @progress: @arr_ytd / @arr_target_delta; NaN undefined
 * @flagged: overall score below the flag threshold
 *
 * One account of the progress scorecard.
 */
typedef struct
{
  char     *account;
  char     *associate;
  char     *end_date;
  guint     type;
  double    scores[TENURE_REPORT_MAX_AREAS];
  double    overall;
  gint64    arr_last_year;
  gint64    arr_target_delta;
  gint64    arr_ytd;
  double    progress;
  gboolean  flagged;
} TenureReportProgress;

/**
 * TenureReportAtRisk:
 * @account: account name; owned
 * @reasons: reason codes of METRICS.md (`low_score`, `low_utilisation`,
 *   `interaction_gap`, `detractor`, `contraction`, `churn_due`) or any
 *   text, printed as is; owned, %NULL-terminated
 *
 * One account of the at-risk list.
 */
typedef struct
{
  char  *account;
  char **reasons;
} TenureReportAtRisk;

/**
 * TenureReportDefinition:
 * @name: metric name; owned
 * @text: its definition; owned
 *
 * One entry of the definitions page.
 */
typedef struct
{
  char *name;
  char *text;
} TenureReportDefinition;

/**
 * TenureReportDrawFunc:
 * @cr: a cairo context whose origin is the chart's top left corner
 * @width: chart width in the context's units
 * @height: chart height
 * @user_data: the data given with the function
 *
 * Draws one chart into a rectangle of a page. The report clips to the
 * rectangle and restores the context afterwards. The context is scaled so
 * that one unit is 0.65 pt: charts designed for the screen in logical
 * pixels (12 px labels) print at the size of the report's small text
 * (about 7.8 pt), so a charts-library draw function can be passed as is.
 */
typedef void (*TenureReportDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  user_data);

/**
 * TenureReportChartId:
 *
 * The charts of the report. Each is drawn by the charts library from the
 * report's own data unless a #TenureReportDrawFunc replaces it
 * (tenure_report_data_set_chart()).
 */
typedef enum
{
  TENURE_REPORT_CHART_QUICK_RATIO,
  TENURE_REPORT_CHART_BRIDGE,
  TENURE_REPORT_CHART_LIFECYCLE,
  TENURE_REPORT_CHART_TRANSITIONS,
  TENURE_REPORT_CHART_COHORTS,
  TENURE_REPORT_CHART_SEGMENTS,
  TENURE_REPORT_N_CHARTS
} TenureReportChartId;

/**
 * TenureReportChart:
 * @draw: (nullable): the draw function; %NULL for the built-in chart
 * @user_data: its data
 * @destroy: (nullable): frees @user_data with the report data
 */
typedef struct
{
  TenureReportDrawFunc draw;
  gpointer             user_data;
  GDestroyNotify       destroy;
} TenureReportChart;

/**
 * TenureReportData:
 * @workspace_name: shown on the cover and in every footer; owned
 * @currency: ISO 4217 code; owned
 * @period_label: the report's period as people say it ("November 2026",
 *   "2026-Q3"); owned
 * @period_kind: month or quarter
 * @prepared_on: date prepared, ISO 8601 ("2026-11-23"); owned
 * @kpis: the summary tiles, see #TenureReportKpiId
 * @periods: (element-type TenureReportPeriod): the trend, oldest first; the
 *   last period is the report's; add with tenure_report_data_add_period()
 * @quick_ratio_benchmark: the benchmark line (setting, default 4)
 * @quick_ratio_reactivation: whether the quick ratio counts reactivation
 * @has_bridge: whether @bridge is filled
 * @bridge: the MRR bridge of the report's period
 * @stage_names: journey stages, first first; owned, %NULL-terminated. Set
 *   before adding periods (tenure_report_data_set_stages())
 * @transitions: (nullable): moves between stages during the report's
 *   period: a square matrix of side n_stages + 1, row 0 `new`, row i + 1
 *   stage i, column n_stages `churned`; owned
 * @cohorts: (element-type TenureReportCohort): the triangle, oldest first
 * @cohort_average: (nullable) (array length=n_cohort_average): weighted
 *   average logo retention per age; owned
 * @n_cohort_average: length of @cohort_average
 * @segments: (element-type TenureReportSegment): segment economics rows
 * @key_kpis: (element-type TenureReportKeyKpi): key-account KPIs
 * @area_names: scorecard areas (at most #TENURE_REPORT_MAX_AREAS); owned,
 *   %NULL-terminated; the five default areas after tenure_report_data_new()
 * @flag_threshold: overall score under which an account is flagged
 * @progress: (element-type TenureReportProgress): every scored account; the
 *   report picks which to list (see #TenureReportOptions)
 * @progress_unlisted: accounts the caller left out of @progress; counted in
 *   the line about the accounts not listed
 * @at_risk: (element-type TenureReportAtRisk): the at-risk list
 * @definitions: (element-type TenureReportDefinition): the definitions
 *   page; when empty the report prints its own definitions of the tiles
 * @churn_rule: the churn rule in effect (`contract`, `inactivity`,
 *   `explicit`); owned
 * @inactivity_days: the inactivity window, for the `inactivity` rule
 * @missing: (element-type utf8): what is missing ("No subscriptions
 *   imported: MRR figures are empty"); shown on the summary page
 * @charts: the chart hooks, see #TenureReportChartId
 *
 * Everything the board report prints: a plain struct the caller fills from
 * the metrics results. Money is in minor units, rates are fractions,
 * undefined values are NaN. tenure_report_data_new() gives empty lists,
 * NaN KPI values and the default labels; tenure_report_data_free() frees
 * every owned field.
 */
typedef struct
{
  char                   *workspace_name;
  char                   *currency;
  char                   *period_label;
  TenureReportPeriodKind  period_kind;
  char                   *prepared_on;

  TenureReportKpi         kpis[TENURE_REPORT_N_KPIS];

  GPtrArray              *periods;
  double                  quick_ratio_benchmark;
  gboolean                quick_ratio_reactivation;
  gboolean                has_bridge;
  TenureReportBridge      bridge;

  char                  **stage_names;
  double                 *transitions;

  GPtrArray              *cohorts;
  double                 *cohort_average;
  guint                   n_cohort_average;

  GPtrArray              *segments;
  GPtrArray              *key_kpis;

  char                  **area_names;
  double                  flag_threshold;
  GPtrArray              *progress;
  guint                   progress_unlisted;

  GPtrArray              *at_risk;

  GPtrArray              *definitions;
  char                   *churn_rule;
  guint                   inactivity_days;
  GPtrArray              *missing;

  TenureReportChart       charts[TENURE_REPORT_N_CHARTS];
} TenureReportData;

TenureReportData       *tenure_report_data_new             (void);
void                    tenure_report_data_free            (TenureReportData     *data);

void                    tenure_report_data_set_stages      (TenureReportData     *data,
                                                            const char * const   *stage_names);
TenureReportPeriod     *tenure_report_data_add_period      (TenureReportData     *data,
                                                            const char           *label);
TenureReportCohort     *tenure_report_data_add_cohort      (TenureReportData     *data,
                                                            const char           *label,
                                                            double                size,
                                                            guint                 n_ages);
TenureReportSegment    *tenure_report_data_add_segment     (TenureReportData     *data,
                                                            const char           *segment);
TenureReportKeyKpi     *tenure_report_data_add_key_kpi     (TenureReportData     *data,
                                                            const char           *name,
                                                            TenureReportValueKind kind,
                                                            double                value,
                                                            const char           *definition);
TenureReportProgress   *tenure_report_data_add_progress    (TenureReportData     *data,
                                                            const char           *account);
TenureReportAtRisk     *tenure_report_data_add_at_risk     (TenureReportData     *data,
                                                            const char           *account,
                                                            const char * const   *reasons);
TenureReportDefinition *tenure_report_data_add_definition  (TenureReportData     *data,
                                                            const char           *name,
                                                            const char           *text);
void                    tenure_report_data_add_missing     (TenureReportData     *data,
                                                            const char           *note);
void                    tenure_report_data_set_chart       (TenureReportData     *data,
                                                            TenureReportChartId   chart,
                                                            TenureReportDrawFunc  draw,
                                                            gpointer              user_data,
                                                            GDestroyNotify        destroy);

guint                   tenure_report_data_get_n_stages    (const TenureReportData *data);
guint                   tenure_report_data_get_n_areas     (const TenureReportData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureReportData, tenure_report_data_free)

G_END_DECLS
