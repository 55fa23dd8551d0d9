/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-kam"

#include "config.h"

#include "tenure-kam-private.h"
#include "tenure-schema.h"

TenureDay
_tenure_kam_window_start (TenureDay as_of)
{
  int y, m, d;

  tenure_day_to_ymd (as_of, &y, &m, &d);
  if (!tenure_day_valid_ymd (y - 1, m, d))
    d = tenure_days_in_month (y - 1, m);
  return tenure_day_from_ymd (y - 1, m, d) + 1;
}

TenureDay
_tenure_segment_window_start (TenureDay as_of)
{
  return tenure_month_first_day (tenure_month_of_day (as_of) - 11);
}

int
_tenure_fiscal_year_of (TenureDay day,
                        int       start_month)
{
  int y, m;

  tenure_day_to_ymd (day, &y, &m, NULL);
  /* With a January start the fiscal year is the calendar year; otherwise
   * the months from the start month on belong to the year that ends next. */
  if (start_month <= 1)
    return y;
  return m >= start_month ? y + 1 : y;
}

TenureDay
_tenure_fiscal_year_first_day (int fiscal_year,
                               int start_month)
{
  if (start_month <= 1)
    return tenure_day_from_ymd (fiscal_year, 1, 1);
  return tenure_day_from_ymd (fiscal_year - 1, start_month, 1);
}

sqlite3_stmt *
_tenure_kam_prepare (sqlite3     *db,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TENURE_SCHEMA_ERROR, sqlite3_errcode (db),
                   "Cannot read the workspace: %s", sqlite3_errmsg (db));
      return NULL;
    }
  return stmt;
}

gboolean
_tenure_kam_step_done (sqlite3  *db,
                       int       rc,
                       GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, TENURE_SCHEMA_ERROR, rc,
               "Cannot read the workspace: %s", sqlite3_errmsg (db));
  return FALSE;
}

void
_tenure_kam_bind_day (sqlite3_stmt *stmt,
                      int           index,
                      TenureDay     day)
{
  char buf[16];

  sqlite3_bind_text (stmt, index, tenure_day_format_iso (day, buf), -1, SQLITE_TRANSIENT);
}

TenureDay
_tenure_kam_column_day (sqlite3_stmt *stmt,
                        int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  TenureDay day;

  if (text == NULL || !tenure_day_parse_iso (text, &day))
    return TENURE_DAY_NONE;
  return day;
}

char *
_tenure_kam_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}
