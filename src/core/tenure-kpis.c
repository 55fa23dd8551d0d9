/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-kpis"

#include "config.h"

#include <math.h>

#include "tenure-kpis.h"

static const char *const ids[TENURE_N_KPIS] = {
  "active_accounts", "mrr", "arr", "net_new_mrr", "quick_ratio", "logo_churn_rate", "grr", "nrr",
  "new_account_average_sale", "ltv_cac", "future_account_value", "nps",
};

const char *
tenure_kpi_id_to_string (TenureKpiId id)
{
  g_return_val_if_fail (id < TENURE_N_KPIS, NULL);
  return ids[id];
}

double
tenure_kpi_change (const TenureKpi *kpi,
                   double           base)
{
  g_return_val_if_fail (kpi != NULL, NAN);

  if (isnan (kpi->value) || isnan (base) || isinf (kpi->value) || isinf (base))
    return NAN;
  switch (kpi->kind)
    {
    case TENURE_KPI_COUNT:
    case TENURE_KPI_MONEY:
      /* A change from nothing has no percentage. */
      return base == 0 ? NAN : (kpi->value - base) / fabs (base);
    case TENURE_KPI_RATIO:
    case TENURE_KPI_FRACTION:
    case TENURE_KPI_POINTS:
    default:
      return kpi->value - base;
    }
}
