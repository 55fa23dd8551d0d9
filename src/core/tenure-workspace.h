/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TENURE_WORKSPACE_ERROR (tenure_workspace_error_quark ())

/**
 * TenureWorkspaceError:
 * @TENURE_WORKSPACE_ERROR_NOT_FOUND: the file does not exist
 * @TENURE_WORKSPACE_ERROR_EMPTY: the file is empty
 * @TENURE_WORKSPACE_ERROR_NOT_SQLITE: the file is not an SQLite database at all
 * @TENURE_WORKSPACE_ERROR_FOREIGN: an SQLite database of another application
 * @TENURE_WORKSPACE_ERROR_DAMAGED: a workspace whose pages are missing or corrupt
 * @TENURE_WORKSPACE_ERROR_TOO_NEW: written by a newer Tenure with a newer schema
 * @TENURE_WORKSPACE_ERROR_SCHEMA: tables or columns Tenure needs are missing
 * @TENURE_WORKSPACE_ERROR_READ_ONLY: a write to a workspace opened read-only
 * @TENURE_WORKSPACE_ERROR_EXISTS: creating over an existing file
 * @TENURE_WORKSPACE_ERROR_IO: the file could not be read or written
 * @TENURE_WORKSPACE_ERROR_BUSY: another program holds the workspace's write lock
 * @TENURE_WORKSPACE_ERROR_MIGRATION: an older workspace could not be upgraded
 * @TENURE_WORKSPACE_ERROR_INVALID: a value that breaks the workspace's rules
 */
typedef enum
{
  TENURE_WORKSPACE_ERROR_NOT_FOUND,
  TENURE_WORKSPACE_ERROR_EMPTY,
  TENURE_WORKSPACE_ERROR_NOT_SQLITE,
  TENURE_WORKSPACE_ERROR_FOREIGN,
  TENURE_WORKSPACE_ERROR_DAMAGED,
  TENURE_WORKSPACE_ERROR_TOO_NEW,
  TENURE_WORKSPACE_ERROR_SCHEMA,
  TENURE_WORKSPACE_ERROR_READ_ONLY,
  TENURE_WORKSPACE_ERROR_EXISTS,
  TENURE_WORKSPACE_ERROR_IO,
  TENURE_WORKSPACE_ERROR_BUSY,
  TENURE_WORKSPACE_ERROR_MIGRATION,
  TENURE_WORKSPACE_ERROR_INVALID,
} TenureWorkspaceError;

typedef enum
{
  TENURE_WORKSPACE_OPEN_DEFAULT     = 0,
  TENURE_WORKSPACE_OPEN_READ_ONLY   = 1 << 0,
  /* Read-only, to compute figures: the scans of the large tables that only
   * decide whether the data may be written through are skipped. */
  TENURE_WORKSPACE_OPEN_FOR_FIGURES = (1 << 1) | TENURE_WORKSPACE_OPEN_READ_ONLY,
} TenureWorkspaceOpenFlags;

#define TENURE_TYPE_WORKSPACE (tenure_workspace_get_type ())

G_DECLARE_FINAL_TYPE (TenureWorkspace, tenure_workspace, TENURE, WORKSPACE, GObject)

GQuark            tenure_workspace_error_quark       (void);

TenureWorkspace  *tenure_workspace_create            (const char                *path,
                                                      const char                *currency,
                                                      GError                   **error);
TenureWorkspace  *tenure_workspace_open              (const char                *path,
                                                      TenureWorkspaceOpenFlags   flags,
                                                      GError                   **error);
void              tenure_workspace_close             (TenureWorkspace           *self);
gboolean          tenure_workspace_save_as           (TenureWorkspace           *self,
                                                      const char                *path,
                                                      GError                   **error);

const char       *tenure_workspace_get_path          (TenureWorkspace           *self);
char             *tenure_workspace_dup_title         (TenureWorkspace           *self);
gboolean          tenure_workspace_is_read_only      (TenureWorkspace           *self);
const char       *tenure_workspace_get_read_only_reason (TenureWorkspace        *self);
int               tenure_workspace_get_schema_version (TenureWorkspace          *self);
sqlite3          *tenure_workspace_get_db            (TenureWorkspace           *self);

/* A second connection to the same file, configured like the first, for a
 * worker thread. Always read-only. Close it with sqlite3_close(). */
sqlite3          *tenure_workspace_open_reader       (TenureWorkspace           *self,
                                                      GError                   **error);

char             *tenure_workspace_get_setting       (TenureWorkspace           *self,
                                                      const char                *key);
gboolean          tenure_workspace_set_setting       (TenureWorkspace           *self,
                                                      const char                *key,
                                                      const char                *value,
                                                      GError                   **error);

/* Writes: begin takes the write lock (failing with READ_ONLY or BUSY),
 * commit emits ::changed. Rollback after any failure in between. */
gboolean          tenure_workspace_begin_write       (TenureWorkspace           *self,
                                                      GError                   **error);
gboolean          tenure_workspace_commit_write      (TenureWorkspace           *self,
                                                      GError                   **error);
void              tenure_workspace_rollback_write    (TenureWorkspace           *self);
gboolean          tenure_workspace_check_writable    (TenureWorkspace           *self,
                                                      GError                   **error);
/* Emits ::changed for a write committed by code that drove the connection
 * itself (the importer runs its own transaction). */
void              tenure_workspace_notify_changed    (TenureWorkspace           *self);

/* Compares PRAGMA data_version with the last value seen and emits ::changed
 * when another process committed to the file. Returns TRUE when it did. */
gboolean          tenure_workspace_poll_external_change (TenureWorkspace        *self);

/* PRAGMA integrity_check, foreign_key_check and the schema and ledger
 * invariants; every problem found is appended to @problems. */
gboolean          tenure_workspace_check             (TenureWorkspace           *self,
                                                      GPtrArray                 *problems,
                                                      GError                   **error);

/* Counts rows of a table of the workspace; -1 for an unknown table. */
gint64            tenure_workspace_count_rows        (TenureWorkspace           *self,
                                                      const char                *table);

/* Maps an SQLite failure on @db to a TENURE_WORKSPACE_ERROR. */
void              tenure_workspace_set_sqlite_error  (sqlite3                   *db,
                                                      const char                *path,
                                                      GError                   **error);

G_END_DECLS

#include "tenure-import.h"

G_BEGIN_DECLS

/* Imports a CSV file into the workspace in one transaction (see
 * tenure_import_file()); emits ::changed when rows were committed. */
gboolean          tenure_workspace_import            (TenureWorkspace           *self,
                                                      const char                *path,
                                                      const TenureImportOptions *options,
                                                      TenureImportProgressFunc   progress,
                                                      gpointer                   user_data,
                                                      GCancellable              *cancellable,
                                                      TenureImportReport       **report,
                                                      GError                   **error);
/* Undoes batch @batch_id, or the last batch when it is 0. */
gboolean          tenure_workspace_undo_import       (TenureWorkspace           *self,
                                                      gint64                     batch_id,
                                                      gint64                    *undone_id,
                                                      GError                   **error);

G_END_DECLS
