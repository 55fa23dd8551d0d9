/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "tenure-csv.h"
#include "tenure-parse.h"

G_BEGIN_DECLS

#define TENURE_IMPORT_ERROR (tenure_import_error_quark ())

typedef enum
{
  TENURE_IMPORT_ERROR_UNKNOWN_KIND,
  TENURE_IMPORT_ERROR_MISSING_COLUMN,
  TENURE_IMPORT_ERROR_INVALID_MAPPING,
  TENURE_IMPORT_ERROR_DATE_ORDER,
  TENURE_IMPORT_ERROR_NO_ROWS,
  TENURE_IMPORT_ERROR_REJECTED,      /* strict mode: rows were rejected, nothing written */
  TENURE_IMPORT_ERROR_BUSY,          /* a transaction is already open on the connection */
  TENURE_IMPORT_ERROR_NOT_FOUND,
  TENURE_IMPORT_ERROR_UNDO_REFUSED,
  TENURE_IMPORT_ERROR_FAILED,
} TenureImportError;

typedef enum
{
  TENURE_IMPORT_KIND_UNKNOWN,
  TENURE_IMPORT_KIND_ACCOUNTS,
  TENURE_IMPORT_KIND_DEALS,
  TENURE_IMPORT_KIND_SUBSCRIPTIONS,
  TENURE_IMPORT_KIND_EVENTS,
  TENURE_IMPORT_KIND_TOUCHPOINTS,
  TENURE_IMPORT_KIND_SURVEYS,
  TENURE_IMPORT_KIND_FUNNEL,
  TENURE_IMPORT_KIND_SCORES,
  TENURE_IMPORT_KIND_TARGETS,
} TenureImportKind;

typedef struct
{
  TenureImportKind    kind;          /* UNKNOWN: detect from the header */
  const char *const  *mappings;      /* "COLUMN=FIELD", NULL-terminated; "COLUMN=" ignores it */
  TenureDateOrder     date_order;    /* UNKNOWN: decide per column */
  gboolean            inclusive_end; /* ends_on is the last day with it, not the first without */
  gboolean            strict;        /* write nothing when a row is rejected */
  gboolean            dry_run;       /* everything but the commit */
  const char         *rejects_path;  /* nullable: CSV of the rejected rows */
  const char         *file_name;     /* nullable: name for the batch; default the basename */
} TenureImportOptions;

typedef struct
{
  guint64  row;      /* physical line where the record starts; 1 is the header */
  char    *column;   /* header of the column at fault, or NULL for the whole row */
  char    *value;
  char    *reason;
} TenureImportReject;

typedef struct
{
  char              *file_name;
  char              *sha256;
  TenureImportKind   kind;
  char               delimiter;
  TenureCsvEncoding  encoding;
  TenureDateOrder    date_order;     /* the order used for ambiguous dates; UNKNOWN when none */
  gboolean           inclusive_end;
  gboolean           dry_run;
  gboolean           committed;      /* the rows were written */
  gboolean           mapping_reused; /* a remembered mapping for this header was applied */
  guint64            rows;           /* data rows read */
  guint64            rows_new;
  guint64            rows_updated;
  guint64            rows_unchanged;
  guint64            rows_rejected;
  guint64            accounts_created;
  gint64             batch_id;       /* 0 when nothing was committed */
  GPtrArray         *columns;        /* (element-type utf8): "Header → field" for mapped columns */
  GPtrArray         *fields;         /* (element-type utf8): canonical fields in preview order */
  GPtrArray         *unknown_columns;/* (element-type utf8): headers that were ignored */
  GPtrArray         *warnings;       /* (element-type utf8) */
  GPtrArray         *rejects;        /* (element-type TenureImportReject): the first 1000 */
  char              *mapping_json;
} TenureImportReport;

typedef struct
{
  guint64   row;
  char    **values;   /* one per report->fields: the value as it will be stored, or NULL */
  char     *column;   /* nullable: the column of the rejection */
  char     *reason;   /* nullable: why the row would be rejected */
} TenureImportPreviewRow;

typedef struct
{
  gint64            id;
  char             *file_name;
  char             *sha256;
  char             *imported_at;
  char             *kind;
  guint64           rows_new;
  guint64           rows_updated;
  guint64           rows_unchanged;
  guint64           rows_rejected;
} TenureImportBatch;

/**
 * TenureImportProgressFunc:
 * @bytes_done: bytes read so far over both passes
 * @bytes_total: twice the file size (the import reads it twice)
 * @rows: rows read in the current pass
 * @user_data: data given to tenure_import_file()
 *
 * Called every few thousand rows, on the importing thread.
 */
typedef void (*TenureImportProgressFunc) (guint64  bytes_done,
                                          guint64  bytes_total,
                                          guint64  rows,
                                          gpointer user_data);

GQuark            tenure_import_error_quark        (void);

const char       *tenure_import_kind_to_string     (TenureImportKind kind);
TenureImportKind  tenure_import_kind_from_string   (const char      *text);
const char *const *tenure_import_kind_fields       (TenureImportKind kind);

gboolean          tenure_import_file               (sqlite3                   *db,
                                                    const char                *path,
                                                    const TenureImportOptions *options,
                                                    TenureImportProgressFunc   progress,
                                                    gpointer                   user_data,
                                                    GCancellable              *cancellable,
                                                    TenureImportReport       **report,
                                                    GError                   **error);
gboolean          tenure_import_bytes              (sqlite3                   *db,
                                                    GBytes                    *bytes,
                                                    const char                *name,
                                                    const TenureImportOptions *options,
                                                    TenureImportProgressFunc   progress,
                                                    gpointer                   user_data,
                                                    GCancellable              *cancellable,
                                                    TenureImportReport       **report,
                                                    GError                   **error);
GPtrArray        *tenure_import_preview            (sqlite3                   *db,
                                                    const char                *path,
                                                    const TenureImportOptions *options,
                                                    guint                      max_rows,
                                                    TenureImportReport       **report,
                                                    GError                   **error);
gboolean          tenure_import_undo               (sqlite3                   *db,
                                                    gint64                     batch_id,
                                                    GError                   **error);
GPtrArray        *tenure_import_list_batches       (sqlite3                   *db,
                                                    GError                   **error);

char             *tenure_import_reject_to_string   (const TenureImportReport *report,
                                                    const TenureImportReject *reject);
void              tenure_import_report_free        (TenureImportReport       *report);
void              tenure_import_preview_row_free   (TenureImportPreviewRow   *row);
void              tenure_import_batch_free         (TenureImportBatch        *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureImportReport, tenure_import_report_free)

G_END_DECLS
