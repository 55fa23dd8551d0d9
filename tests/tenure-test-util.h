/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A fresh temporary directory for one test, removed with its contents. */
char     *tenure_test_tmpdir        (void);
void      tenure_test_rmdir         (const char *dir);

/* Every row of every table of @db, in a stable text form: two dumps are
 * equal exactly when the workspaces hold the same data. */
char     *tenure_test_dump          (sqlite3    *db);
char     *tenure_test_dump_file     (const char *path);

/* The bytes of a file, for "left byte for byte unchanged" checks. */
GBytes   *tenure_test_read_bytes    (const char *path);

void      tenure_test_exec          (sqlite3    *db,
                                     const char *sql);

G_END_DECLS
