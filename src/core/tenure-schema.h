/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "TNRE" read as a big-endian 32-bit integer: the value of
 * PRAGMA application_id in every Tenure workspace, stored at byte offset 68
 * of the SQLite header. */
#define TENURE_APPLICATION_ID 0x544E5245

/* PRAGMA user_version of the schema this build writes. */
#define TENURE_SCHEMA_VERSION 2

/* The oldest version with today's tables and columns: a read-only open
 * reads it as it is; older ones must be upgraded first. */
#define TENURE_SCHEMA_READABLE_FROM 1

/* The SQL that creates the current schema in an empty database. */
extern const char *const tenure_schema_sql;
extern const char *const tenure_sql_import_mapping;

G_END_DECLS

#include <sqlite3.h>

G_BEGIN_DECLS

/* g_autoptr(sqlite3_stmt) finalizes the statement. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The default scorecard: five areas with three sub-metrics each. */
extern const char *const tenure_default_score_areas[5];
extern const char *const tenure_default_score_metrics[5][3];

/* Creates the current schema in the empty database @db and fills in the
 * defaults a new workspace gets: settings, journey stages, scorecard areas
 * and sub-metrics, application_id and user_version. Runs in one transaction. */
gboolean tenure_schema_install (sqlite3     *db,
                                const char  *currency,
                                GError     **error);

/* Runs @sql (one or more statements); on failure sets a GError in the
 * TENURE_SCHEMA_ERROR domain carrying SQLite's message. */
gboolean tenure_sql_exec       (sqlite3     *db,
                                const char  *sql,
                                GError     **error);

#define TENURE_SCHEMA_ERROR (tenure_schema_error_quark ())
GQuark   tenure_schema_error_quark (void);

G_END_DECLS
