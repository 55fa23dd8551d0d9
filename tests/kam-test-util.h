/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by test-kam.c, test-scorecard.c and test-segments.c: a fresh
 * in-memory workspace with the default schema, filled with SQL. */

#include <math.h>
#include <sqlite3.h>
#include <glib.h>

#include "tenure-schema.h"

static inline sqlite3 *
kam_test_db (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (tenure_schema_install (db, "USD", &error));
  g_assert_no_error (error);
  return db;
}

static inline void
kam_test_exec (sqlite3    *db,
               const char *sql)
{
  g_autoptr(GError) error = NULL;

  tenure_sql_exec (db, sql, &error);
  g_assert_no_error (error);
}

static inline TenureDay
kam_test_day (const char *iso)
{
  TenureDay day;

  g_assert_true (tenure_day_parse_iso (iso, &day));
  return day;
}

#define assert_nan(x) g_assert_true (isnan (x))
#define assert_close(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9)
