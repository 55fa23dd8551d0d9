/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headline figures of the Overview and of the report's KPI page, each
 * with its value in the latest period, the previous period and a year ago,
 * and its recent history for a sparkline. */

typedef enum
{
  TENURE_KPI_ACTIVE_ACCOUNTS,
  TENURE_KPI_MRR,
  TENURE_KPI_ARR,
  TENURE_KPI_NET_NEW_MRR,
  TENURE_KPI_QUICK_RATIO,
  TENURE_KPI_LOGO_CHURN,
  TENURE_KPI_GRR,
  TENURE_KPI_NRR,
  TENURE_KPI_NEW_ACCOUNT_AVERAGE_SALE,
  TENURE_KPI_LTV_CAC,
  TENURE_KPI_FUTURE_ACCOUNT_VALUE,
  TENURE_KPI_NPS,
  TENURE_N_KPIS,
} TenureKpiId;

typedef enum
{
  TENURE_KPI_COUNT,      /* whole accounts */
  TENURE_KPI_MONEY,      /* minor units */
  TENURE_KPI_RATIO,      /* 4.2× */
  TENURE_KPI_FRACTION,   /* 0.031 is 3.1 % */
  TENURE_KPI_POINTS,     /* NPS, −100 … 100 */
} TenureKpiKind;

#define TENURE_KPI_HISTORY 24

typedef struct
{
  TenureKpiId   id;
  const char   *name;              /* untranslated; N_() marked */
  const char   *definition;        /* untranslated; N_() marked */
  TenureKpiKind kind;
  gboolean      higher_is_better;
  double        value;             /* NaN: undefined */
  double        previous;          /* the period before */
  double        year_ago;          /* the same period a year before */
  guint         n_history;         /* values, oldest first, the last is @value */
  double        history[TENURE_KPI_HISTORY];
} TenureKpi;

const char *tenure_kpi_id_to_string (TenureKpiId id);   /* "active_accounts", … */

/* Relative change (value − base) / |base|, or the absolute difference for
 * ratios, fractions and points; NaN when either is undefined. */
double      tenure_kpi_change       (const TenureKpi *kpi,
                                     double           base);

G_END_DECLS
