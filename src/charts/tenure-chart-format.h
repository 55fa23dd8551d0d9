/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tenure-date.h"

G_BEGIN_DECLS

/**
 * TenureChartMoneyStyle:
 * @TENURE_CHART_MONEY_FULL: every minor unit: "$1,234.56"
 * @TENURE_CHART_MONEY_WHOLE: rounded to whole major units: "$1,235"
 * @TENURE_CHART_MONEY_COMPACT: three significant digits with a suffix: "$1.23k"
 */
typedef enum
{
  TENURE_CHART_MONEY_FULL,
  TENURE_CHART_MONEY_WHOLE,
  TENURE_CHART_MONEY_COMPACT,
} TenureChartMoneyStyle;

/* The typographic minus sign (U+2212), which lines up with "+" in tables. */
#define TENURE_CHART_MINUS "\xe2\x88\x92"
/* What an undefined ratio shows: an em dash. */
#define TENURE_CHART_UNDEFINED "\xe2\x80\x94"

char       *tenure_chart_format_number      (double                 value,
                                             int                    decimals);
char       *tenure_chart_format_compact     (double                 value);
char       *tenure_chart_format_money       (gint64                 minor_units,
                                             const char            *currency,
                                             TenureChartMoneyStyle  style);
char       *tenure_chart_format_money_value (double                 minor_units,
                                             const char            *currency,
                                             TenureChartMoneyStyle  style);
char       *tenure_chart_format_percent     (double                 fraction,
                                             int                    decimals);
char       *tenure_chart_format_ratio       (double                 value,
                                             int                    decimals);
int         tenure_chart_currency_digits    (const char            *currency);
const char *tenure_chart_currency_symbol    (const char            *currency);

char       *tenure_chart_format_month       (TenureMonth            month);
char       *tenure_chart_format_quarter     (int                    fiscal_year,
                                             int                    quarter,
                                             gboolean               fiscal);
char       *tenure_chart_format_year        (int                    fiscal_year,
                                             gboolean               fiscal);

G_END_DECLS
