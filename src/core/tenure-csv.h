/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TENURE_CSV_ERROR (tenure_csv_error_quark ())

typedef enum
{
  TENURE_CSV_ERROR_IO,
  TENURE_CSV_ERROR_EMPTY,
  TENURE_CSV_ERROR_BINARY,
  TENURE_CSV_ERROR_UNTERMINATED_QUOTE,
  TENURE_CSV_ERROR_FIELD_TOO_LARGE,
  TENURE_CSV_ERROR_TOO_MANY_FIELDS,
} TenureCsvError;

typedef enum
{
  TENURE_CSV_ENCODING_UTF8,
  TENURE_CSV_ENCODING_UTF8_BOM,
  TENURE_CSV_ENCODING_UTF16LE,
  TENURE_CSV_ENCODING_UTF16BE,
  TENURE_CSV_ENCODING_WINDOWS_1252,
} TenureCsvEncoding;

/* The largest field the reader accepts by default: far above any real
 * cell, far below what would hurt the machine. */
#define TENURE_CSV_DEFAULT_MAX_FIELD (1024 * 1024)

typedef struct _TenureCsvReader TenureCsvReader;

GQuark            tenure_csv_error_quark            (void);

TenureCsvReader  *tenure_csv_reader_new_for_path    (const char       *path,
                                                     GError          **error);
TenureCsvReader  *tenure_csv_reader_new_for_bytes   (GBytes           *bytes,
                                                     const char       *name,
                                                     GError          **error);
void              tenure_csv_reader_free            (TenureCsvReader  *reader);

gboolean          tenure_csv_reader_read_record     (TenureCsvReader  *reader,
                                                     guint            *n_fields,
                                                     const char *const **fields,
                                                     GError          **error);
gboolean          tenure_csv_reader_rewind          (TenureCsvReader  *reader,
                                                     GError          **error);

void              tenure_csv_reader_set_max_field_size (TenureCsvReader *reader,
                                                        gsize            max_size);
void              tenure_csv_reader_set_delimiter   (TenureCsvReader  *reader,
                                                     char              delimiter);

const char       *tenure_csv_reader_get_name        (TenureCsvReader  *reader);
guint64           tenure_csv_reader_get_row         (TenureCsvReader  *reader);
guint64           tenure_csv_reader_get_bytes_read  (TenureCsvReader  *reader);
guint64           tenure_csv_reader_get_size        (TenureCsvReader  *reader);
char              tenure_csv_reader_get_delimiter   (TenureCsvReader  *reader);
TenureCsvEncoding tenure_csv_reader_get_encoding    (TenureCsvReader  *reader);
guint64           tenure_csv_reader_get_n_recoded   (TenureCsvReader  *reader);
const char       *tenure_csv_reader_get_sha256      (TenureCsvReader  *reader);

const char       *tenure_csv_encoding_to_string     (TenureCsvEncoding encoding);
char             *tenure_csv_windows_1252_to_utf8   (const char       *text,
                                                     gssize            len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TenureCsvReader, tenure_csv_reader_free)

G_END_DECLS
