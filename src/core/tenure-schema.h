/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "TNRE" read as a big-endian 32-bit integer: the value of
 * PRAGMA application_id in every Tenure workspace, stored at byte offset 68
 * of the SQLite header. */
#define TENURE_APPLICATION_ID 0x544E5245

/* PRAGMA user_version of the schema this build writes. */
#define TENURE_SCHEMA_VERSION 1

/* The SQL that creates the current schema in an empty database. */
extern const char *const tenure_schema_sql;

G_END_DECLS
