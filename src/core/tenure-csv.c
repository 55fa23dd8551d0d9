/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tenure-csv"

#include "config.h"

#include <string.h>

#include "tenure-csv.h"

/* A streaming RFC 4180 reader. It is written here rather than taken from a
 * library because the import needs things no small C CSV library offers
 * together: the physical line where each record starts (for messages), raw
 * bytes read (for progress and the file's SHA-256 in the same pass), a hard
 * bound on memory, delimiter sniffing and the encoding fallbacks of
 * IMPORT.md. See docs/import.md. */

#define CHUNK_SIZE (64 * 1024)
#define MAX_FIELDS 16384
#define SNIFF_RECORDS 50

G_DEFINE_QUARK (tenure-csv-error-quark, tenure_csv_error)

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} State;

/* SHA-256 in GLib costs about as much as parsing the file, so the first
 * pass hands its chunks to a thread of its own, at most HASH_CHUNKS at a
 * time. */
#define HASH_CHUNKS 16

typedef struct
{
  gsize    len;      /* 0: the end of the file, or of the first pass */
  gboolean abort;    /* the pass ended before the file did: no checksum */
  guint8   data[CHUNK_SIZE];
} HashChunk;

typedef struct
{
  GThread     *thread;
  GAsyncQueue *full;
  GAsyncQueue *free;
  char        *hex;
} Hasher;

static gpointer
hash_chunks (gpointer data)
{
  Hasher *hasher = data;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);

  for (;;)
    {
      HashChunk *chunk = g_async_queue_pop (hasher->full);
      gboolean end = chunk->len == 0;

      if (end && !chunk->abort)
        hasher->hex = g_strdup (g_checksum_get_string (sha));
      else if (!end)
        g_checksum_update (sha, chunk->data, chunk->len);
      g_async_queue_push (hasher->free, chunk);
      if (end)
        return NULL;
    }
}

static Hasher *
hasher_new (void)
{
  Hasher *hasher = g_new0 (Hasher, 1);

  hasher->full = g_async_queue_new ();
  hasher->free = g_async_queue_new_full (g_free);
  for (guint i = 0; i < HASH_CHUNKS; i++)
    g_async_queue_push (hasher->free, g_new (HashChunk, 1));
  hasher->thread = g_thread_new ("tenure-csv-sha256", hash_chunks, hasher);
  return hasher;
}

static void
hasher_send (Hasher       *hasher,
             const guint8 *data,
             gsize         len,
             gboolean      abort)
{
  HashChunk *chunk = g_async_queue_pop (hasher->free);

  chunk->len = len;
  chunk->abort = abort;
  if (len > 0)
    memcpy (chunk->data, data, len);
  g_async_queue_push (hasher->full, chunk);
}

/* Waits for the checksum and returns it; %NULL when the first pass ended
 * early. */
static char *
hasher_finish (Hasher   *hasher,
               gboolean  sent_end)
{
  char *hex;

  if (!sent_end)
    hasher_send (hasher, NULL, 0, TRUE);
  g_thread_join (hasher->thread);
  hex = hasher->hex;
  g_async_queue_unref (hasher->full);
  g_async_queue_unref (hasher->free);
  g_free (hasher);
  return hex;
}

struct _TenureCsvReader
{
  char              *name;
  GFile             *file;
  GBytes            *bytes;
  GInputStream      *stream;
  guint64            size;

  TenureCsvEncoding  encoding;
  char               delimiter;
  gsize              max_field;
  gsize              max_record;

  /* Raw bytes as read; for UTF-8 and Windows-1252 the parser reads them in
   * place, for UTF-16 they are decoded into @text first. */
  guint8            *raw;
  guint8            *text;
  gsize              text_len;
  gsize              text_pos;
  gboolean           eof;
  gboolean           first_chunk;
  int                carry;          /* odd UTF-16 byte, or -1 */
  gunichar           high_surrogate;

  guint64            bytes_read;
  Hasher            *hasher;         /* the first pass, until its end */
  gboolean           hash_sent;      /* the hasher has seen the end of the file */
  char              *sha_hex;

  /* The record being built: fields NUL-separated in @data. */
  GString           *data;
  GArray            *offsets;
  GPtrArray         *ptrs;
  gboolean           skip_lf;
  gboolean           sep_line;
  guint64            line;
  guint64            record_row;
  guint64            n_recoded;
};

static void
reader_finish_hash (TenureCsvReader *reader)
{
  if (reader->hasher == NULL)
    return;
  g_free (reader->sha_hex);
  reader->sha_hex = hasher_finish (reader->hasher, reader->hash_sent);
  reader->hasher = NULL;
}

static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/**
 * tenure_csv_windows_1252_to_utf8:
 * @text: bytes in Windows-1252
 * @len: length of @text, or -1 when it is NUL-terminated
 *
 * Converts Windows-1252 (the superset of Latin-1 that Excel on Windows
 * writes) to UTF-8. Bytes the code page leaves undefined, and NUL, become
 * U+FFFD.
 *
 * Returns: (transfer full): the text in UTF-8
 */
char *
tenure_csv_windows_1252_to_utf8 (const char *text,
                                 gssize      len)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  out = g_string_sized_new (len + len / 2 + 1);
  for (gssize i = 0; i < len; i++)
    {
      guint8 c = (guint8) text[i];

      if (c == 0)
        g_string_append_unichar (out, 0xFFFD);
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * tenure_csv_encoding_to_string:
 * @encoding: an encoding
 *
 * Returns: its name for reports ("UTF-8", "UTF-16LE", "Windows-1252", …)
 */
const char *
tenure_csv_encoding_to_string (TenureCsvEncoding encoding)
{
  switch (encoding)
    {
    case TENURE_CSV_ENCODING_UTF8: return "UTF-8";
    case TENURE_CSV_ENCODING_UTF8_BOM: return "UTF-8 with BOM";
    case TENURE_CSV_ENCODING_UTF16LE: return "UTF-16LE";
    case TENURE_CSV_ENCODING_UTF16BE: return "UTF-16BE";
    case TENURE_CSV_ENCODING_WINDOWS_1252: return "Windows-1252";
    default: return "unknown";
    }
}

static gboolean
read_raw (TenureCsvReader  *reader,
          guint8           *dest,
          gsize             want,
          gsize            *got,
          GError          **error)
{
  g_autoptr(GError) local = NULL;

  *got = 0;
  /* Fill the whole chunk unless the stream ends: the sniffing works on the
   * first chunk and must see as much of the file as it can. */
  while (*got < want)
    {
      gssize n = g_input_stream_read (reader->stream, dest + *got, want - *got, NULL, &local);

      if (n < 0)
        {
          g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_IO,
                       "Could not read %s: %s", reader->name, local->message);
          return FALSE;
        }
      if (n == 0)
        {
          reader->eof = TRUE;
          break;
        }
      *got += n;
    }
  reader->bytes_read += *got;
  if (reader->hasher != NULL && !reader->hash_sent)
    {
      if (*got > 0)
        hasher_send (reader->hasher, dest, *got, FALSE);
      if (reader->eof)
        {
          hasher_send (reader->hasher, NULL, 0, FALSE);
          reader->hash_sent = TRUE;
        }
    }
  return TRUE;
}

static void
put_unichar (TenureCsvReader *reader,
             gunichar         c)
{
  reader->text_len += g_unichar_to_utf8 (c, (char *) reader->text + reader->text_len);
}

static void
decode_utf16 (TenureCsvReader *reader,
              const guint8    *raw,
              gsize            len)
{
  gboolean big = reader->encoding == TENURE_CSV_ENCODING_UTF16BE;
  gsize i = 0;

  reader->text_len = 0;
  while (i < len)
    {
      guint b0, b1;
      gunichar unit;

      if (reader->carry >= 0)
        {
          b0 = reader->carry;
          b1 = raw[i++];
          reader->carry = -1;
        }
      else if (i + 1 < len)
        {
          b0 = raw[i];
          b1 = raw[i + 1];
          i += 2;
        }
      else
        {
          reader->carry = raw[i++];
          break;
        }
      unit = big ? (b0 << 8 | b1) : (b1 << 8 | b0);

      if (unit >= 0xD800 && unit < 0xDC00)
        {
          if (reader->high_surrogate)
            put_unichar (reader, 0xFFFD);
          reader->high_surrogate = unit;
          continue;
        }
      if (unit >= 0xDC00 && unit < 0xE000)
        {
          if (reader->high_surrogate)
            put_unichar (reader,
                         0x10000 + ((reader->high_surrogate - 0xD800) << 10) + (unit - 0xDC00));
          else
            put_unichar (reader, 0xFFFD);
          reader->high_surrogate = 0;
          continue;
        }
      if (reader->high_surrogate)
        {
          put_unichar (reader, 0xFFFD);
          reader->high_surrogate = 0;
        }
      /* NUL would end the field early; nothing legitimate sends it. */
      put_unichar (reader, unit == 0 ? 0xFFFD : unit);
    }
  if (reader->eof && (reader->carry >= 0 || reader->high_surrogate))
    {
      put_unichar (reader, 0xFFFD);
      reader->carry = -1;
      reader->high_surrogate = 0;
    }
}

/* Reads the next chunk into @text. At the end of the file text_len is 0. */
static gboolean
fill (TenureCsvReader  *reader,
      GError          **error)
{
  gsize got;

  reader->text_pos = 0;
  reader->text_len = 0;
  if (reader->eof)
    return TRUE;

  if (reader->encoding == TENURE_CSV_ENCODING_UTF16LE ||
      reader->encoding == TENURE_CSV_ENCODING_UTF16BE)
    {
      /* A chunk may decode to no text at all (one odd byte); go on until
       * there is text or the file ends. */
      while (reader->text_len == 0 && !reader->eof)
        {
          if (!read_raw (reader, reader->raw, CHUNK_SIZE, &got, error))
            return FALSE;
          decode_utf16 (reader, reader->raw, got);
        }
      return TRUE;
    }

  if (!read_raw (reader, reader->text, CHUNK_SIZE, &got, error))
    return FALSE;
  reader->text_len = got;
  return TRUE;
}

/* Position of the first byte of an incomplete UTF-8 sequence at the end of
 * @s, so that a chunk boundary inside a character is not taken for bad
 * UTF-8. */
static gsize
complete_utf8_prefix (const guint8 *s,
                      gsize         len)
{
  for (gsize back = 1; back <= 3 && back <= len; back++)
    {
      guint8 c = s[len - back];

      if ((c & 0xC0) == 0x80)
        continue;
      if (c >= 0xC0)
        {
          gsize need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

          return need > back ? len - back : len;
        }
      return len;
    }
  return len;
}

static guint
count_fields (const guint8 *s,
              gsize         len,
              char          delimiter,
              gsize        *pos,
              gboolean     *complete)
{
  guint n = 1;
  gboolean quoted = FALSE;
  gsize i = *pos;

  *complete = FALSE;
  for (; i < len; i++)
    {
      guint8 c = s[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == (guint8) delimiter)
        n++;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
          *complete = TRUE;
          i++;
          break;
        }
    }
  if (i >= len && !quoted)
    *complete = TRUE;
  *pos = i;
  return n;
}

/* The delimiter whose field counts are most consistent with the header's
 * over the first records, counting outside quotes. A header with a single
 * field under a candidate rules it out: nobody imports one-column files, and
 * it keeps the decimal commas of a semicolon file from voting for a comma. */
static char
sniff_delimiter (const guint8 *s,
                 gsize         len,
                 gboolean      at_eof)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  guint best_consistent = 0, best_fields = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      gsize pos = 0;
      guint header = 0, consistent = 0;

      for (guint r = 0; r < SNIFF_RECORDS && pos < len; r++)
        {
          gboolean complete;
          gsize start = pos;
          guint n = count_fields (s, len, candidates[c], &pos, &complete);

          if (!complete || (pos >= len && !at_eof))
            break;
          if (pos - start <= 2 && n == 1)
            continue;   /* a blank line */
          if (header == 0)
            header = n;
          if (n == header)
            consistent++;
        }
      if (header <= 1)
        continue;
      if (consistent > best_consistent ||
          (consistent == best_consistent && header > best_fields))
        {
          best = candidates[c];
          best_consistent = consistent;
          best_fields = header;
        }
    }
  return best;
}

/* UTF-16 text without a BOM: Latin text puts NUL in every other byte. */
static TenureCsvEncoding
utf16_without_bom (const guint8 *head,
                   gsize         len)
{
  gsize even = 0, odd = 0;

  if (len < 8)
    return TENURE_CSV_ENCODING_UTF8;
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      even += head[i] == 0;
      odd += head[i + 1] == 0;
    }
  if (odd > len / 4 && even <= len / 40)
    return TENURE_CSV_ENCODING_UTF16LE;
  if (even > len / 4 && odd <= len / 40)
    return TENURE_CSV_ENCODING_UTF16BE;
  return TENURE_CSV_ENCODING_UTF8;
}

static gboolean
open_stream (TenureCsvReader  *reader,
             gboolean          first,
             GError          **error)
{
  g_autoptr(GError) local = NULL;
  gsize got, skip = 0;
  guint8 *head;

  g_clear_object (&reader->stream);
  if (reader->file != NULL)
    {
      reader->stream = G_INPUT_STREAM (g_file_read (reader->file, NULL, &local));
      if (reader->stream == NULL)
        {
          g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_IO,
                       "Could not open %s: %s", reader->name, local->message);
          return FALSE;
        }
    }
  else
    reader->stream = g_memory_input_stream_new_from_bytes (reader->bytes);

  reader->eof = FALSE;
  reader->bytes_read = 0;
  reader->carry = -1;
  reader->high_surrogate = 0;
  reader->line = 1;
  reader->record_row = 0;
  reader->skip_lf = FALSE;
  reader->text_pos = reader->text_len = 0;

  /* The head is read raw into @raw; for UTF-8 and Windows-1252 it is then
   * copied to @text, where the parser reads it. */
  head = reader->raw;
  if (!read_raw (reader, head, CHUNK_SIZE, &got, error))
    return FALSE;

  if (first)
    {
      if (got >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        reader->encoding = TENURE_CSV_ENCODING_UTF8_BOM;
      else if (got >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        reader->encoding = TENURE_CSV_ENCODING_UTF16LE;
      else if (got >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        reader->encoding = TENURE_CSV_ENCODING_UTF16BE;
      else
        reader->encoding = utf16_without_bom (head, got);
    }
  switch (reader->encoding)
    {
    case TENURE_CSV_ENCODING_UTF8_BOM: skip = 3; break;
    case TENURE_CSV_ENCODING_UTF16LE:
    case TENURE_CSV_ENCODING_UTF16BE:
      skip = got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
      skip *= 2;
      break;
    default: skip = 0; break;
    }

  if (reader->encoding == TENURE_CSV_ENCODING_UTF16LE ||
      reader->encoding == TENURE_CSV_ENCODING_UTF16BE)
    decode_utf16 (reader, head + skip, got - skip);
  else
    {
      memcpy (reader->text, head + skip, got - skip);
      reader->text_len = got - skip;
    }

  /* Excel's "sep=;" first line names the delimiter. */
  if (reader->text_len >= 5 && g_ascii_strncasecmp ((const char *) reader->text, "sep=", 4) == 0 &&
      (reader->text_len == 5 || reader->text[5] == '\n' || reader->text[5] == '\r'))
    {
      reader->delimiter = (char) reader->text[4];
      reader->sep_line = TRUE;
      reader->text_pos = 5;
      reader->skip_lf = reader->text_len > 5 && reader->text[5] == '\r';
      if (reader->text_len > 5)
        reader->text_pos++;
      reader->line = 2;
    }

  if (!first)
    return TRUE;

  if (reader->text_len == 0)
    {
      g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_EMPTY,
                   "%s is empty: there is no header row and no data", reader->name);
      return FALSE;
    }

  if (reader->encoding == TENURE_CSV_ENCODING_UTF8 ||
      reader->encoding == TENURE_CSV_ENCODING_UTF8_BOM)
    {
      gsize check = reader->eof ? reader->text_len
                                : complete_utf8_prefix (reader->text, reader->text_len);

      /* Text files never hold NUL; spreadsheets, archives and images do. */
      if (memchr (reader->text, 0, reader->text_len) != NULL)
        {
          g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_BINARY,
                       "%s is not a CSV file: it holds binary data. "
                       "Export the sheet as CSV (comma or semicolon separated) and import that",
                       reader->name);
          return FALSE;
        }
      if (reader->encoding == TENURE_CSV_ENCODING_UTF8 &&
          !g_utf8_validate_len ((const char *) reader->text, check, NULL))
        reader->encoding = TENURE_CSV_ENCODING_WINDOWS_1252;
    }

  if (!reader->sep_line)
    reader->delimiter = sniff_delimiter (reader->text, reader->text_len, reader->eof);
  return TRUE;
}

static TenureCsvReader *
reader_new (const char *name)
{
  TenureCsvReader *reader = g_new0 (TenureCsvReader, 1);

  reader->name = g_strdup (name);
  reader->max_field = TENURE_CSV_DEFAULT_MAX_FIELD;
  reader->max_record = 8 * TENURE_CSV_DEFAULT_MAX_FIELD;
  reader->raw = g_malloc (CHUNK_SIZE);
  /* UTF-16 decodes to at most 3 bytes per 2. */
  reader->text = g_malloc (CHUNK_SIZE * 2);
  reader->data = g_string_sized_new (4096);
  reader->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->ptrs = g_ptr_array_new ();
  reader->hasher = hasher_new ();
  return reader;
}

/**
 * tenure_csv_reader_new_for_path:
 * @path: the file to read
 * @error: return location for a #GError
 *
 * Opens @path, detects its encoding (BOM, UTF-8, or Windows-1252 when the
 * first 64 KiB are not valid UTF-8) and sniffs its delimiter.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 *   when the file cannot be read, is empty or is binary
 */
TenureCsvReader *
tenure_csv_reader_new_for_path (const char  *path,
                                GError     **error)
{
  g_autoptr(TenureCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  reader = reader_new (base);
  reader->file = g_file_new_for_path (path);
  info = g_file_query_info (reader->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL)
    reader->size = g_file_info_get_size (info);
  if (!open_stream (reader, TRUE, error))
    return NULL;
  return g_steal_pointer (&reader);
}

/**
 * tenure_csv_reader_new_for_bytes:
 * @bytes: the content of a CSV file
 * @name: the name used in messages
 * @error: return location for a #GError
 *
 * As tenure_csv_reader_new_for_path(), over data in memory.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
TenureCsvReader *
tenure_csv_reader_new_for_bytes (GBytes      *bytes,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(TenureCsvReader) reader = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  reader = reader_new (name != NULL ? name : "data");
  reader->bytes = g_bytes_ref (bytes);
  reader->size = g_bytes_get_size (bytes);
  if (!open_stream (reader, TRUE, error))
    return NULL;
  return g_steal_pointer (&reader);
}

/**
 * tenure_csv_reader_free:
 * @reader: (nullable): a reader
 *
 * Closes the file and frees the reader.
 */
void
tenure_csv_reader_free (TenureCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->name);
  g_clear_object (&reader->file);
  g_clear_pointer (&reader->bytes, g_bytes_unref);
  g_clear_object (&reader->stream);
  g_free (reader->raw);
  g_free (reader->text);
  reader_finish_hash (reader);
  g_free (reader->sha_hex);
  g_string_free (reader->data, TRUE);
  g_array_unref (reader->offsets);
  g_ptr_array_unref (reader->ptrs);
  g_free (reader);
}

/**
 * tenure_csv_reader_rewind:
 * @reader: a reader
 * @error: return location for a #GError
 *
 * Starts over at the first record, keeping the encoding and delimiter.
 *
 * Returns: %TRUE on success
 */
gboolean
tenure_csv_reader_rewind (TenureCsvReader  *reader,
                          GError          **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  /* The checksum is only taken over the first pass. */
  reader_finish_hash (reader);
  return open_stream (reader, FALSE, error);
}

/**
 * tenure_csv_reader_set_max_field_size:
 * @reader: a reader
 * @max_size: the largest field accepted, in bytes; a row may hold 8 times it
 *
 * Larger fields are an error naming their row.
 */
void
tenure_csv_reader_set_max_field_size (TenureCsvReader *reader,
                                      gsize            max_size)
{
  g_return_if_fail (reader != NULL && max_size > 0);
  reader->max_field = max_size;
  reader->max_record = 8 * max_size;
}

/**
 * tenure_csv_reader_set_delimiter:
 * @reader: a reader
 * @delimiter: the delimiter to use instead of the sniffed one
 */
void
tenure_csv_reader_set_delimiter (TenureCsvReader *reader,
                                 char             delimiter)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');
  reader->delimiter = delimiter;
}

static gboolean
too_large (TenureCsvReader  *reader,
           gboolean          quoted,
           GError          **error)
{
  g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_FIELD_TOO_LARGE,
               "%s, row %" G_GUINT64_FORMAT ": a field is larger than %" G_GSIZE_FORMAT
               " KiB%s; the file is not a CSV export or is damaged",
               reader->name, reader->record_row, reader->max_field / 1024,
               quoted ? " (perhaps a quote is never closed)" : "");
  return FALSE;
}

static gboolean
end_field (TenureCsvReader  *reader,
           gsize            *field_start,
           GError          **error)
{
  const char *start = reader->data->str + *field_start;
  gsize len = reader->data->len - *field_start;
  gboolean recode = FALSE;

  if (reader->encoding == TENURE_CSV_ENCODING_WINDOWS_1252)
    {
      for (gsize i = 0; i < len && !recode; i++)
        recode = (guint8) start[i] >= 0x80 || start[i] == 0;
    }
  else if (!g_utf8_validate_len (start, len, NULL))
    {
      /* Valid UTF-8 in the first 64 KiB but not here: the likeliest story
       * is a Windows-1252 cell pasted into a UTF-8 file. */
      recode = TRUE;
      reader->n_recoded++;
    }
  if (recode)
    {
      g_autofree char *utf8 = tenure_csv_windows_1252_to_utf8 (start, len);

      g_string_truncate (reader->data, *field_start);
      g_string_append (reader->data, utf8);
    }

  g_string_append_c (reader->data, '\0');
  g_array_append_val (reader->offsets, *field_start);
  *field_start = reader->data->len;
  if (reader->offsets->len > MAX_FIELDS)
    {
      g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_TOO_MANY_FIELDS,
                   "%s, row %" G_GUINT64_FORMAT ": more than %d fields in one row",
                   reader->name, reader->record_row, MAX_FIELDS);
      return FALSE;
    }
  if (reader->data->len > reader->max_record)
    {
      g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_FIELD_TOO_LARGE,
                   "%s, row %" G_GUINT64_FORMAT ": the row is larger than %" G_GSIZE_FORMAT " KiB",
                   reader->name, reader->record_row, reader->max_record / 1024);
      return FALSE;
    }
  return TRUE;
}

/* Appends text[from..to) to the current field, minding the size limit. */
static inline gboolean
append_span (TenureCsvReader  *reader,
             gsize             field_start,
             gsize             from,
             gsize             to,
             gboolean          quoted,
             GError          **error)
{
  if (to == from)
    return TRUE;
  if (reader->data->len - field_start + (to - from) > reader->max_field)
    return too_large (reader, quoted, error);
  g_string_append_len (reader->data, (const char *) reader->text + from, to - from);
  return TRUE;
}

/* Returns 1 for a record, 0 at the end of the file, -1 on error. */
static int
read_one (TenureCsvReader  *reader,
          GError          **error)
{
  State state = STATE_FIELD_START;
  gsize field_start = 0;
  gboolean started = FALSE;
  guint8 delim = (guint8) reader->delimiter;

  g_string_truncate (reader->data, 0);
  g_array_set_size (reader->offsets, 0);
  reader->record_row = reader->line;

  for (;;)
    {
      const guint8 *t;
      gsize pos, len;

      if (reader->text_pos >= reader->text_len)
        {
          if (!fill (reader, error))
            return -1;
          if (reader->text_len == 0)
            {
              if (state == STATE_QUOTED)
                {
                  g_set_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_UNTERMINATED_QUOTE,
                               "%s, row %" G_GUINT64_FORMAT ": a quoted field is never closed: "
                               "the file ends inside it. Check that row for a stray "
                               "quote character (\")",
                               reader->name, reader->record_row);
                  return -1;
                }
              if (!started)
                return 0;
              return end_field (reader, &field_start, error) ? 1 : -1;
            }
        }

      t = reader->text;
      pos = reader->text_pos;
      len = reader->text_len;

      if (reader->skip_lf)
        {
          reader->skip_lf = FALSE;
          if (t[pos] == '\n')
            {
              reader->text_pos = ++pos;
              continue;
            }
        }

      if (!started)
        reader->record_row = reader->line;
      started = TRUE;

      while (pos < len)
        {
          guint8 c = t[pos];

          switch (state)
            {
            case STATE_FIELD_START:
              if (c == '"')
                {
                  state = STATE_QUOTED;
                  pos++;
                  break;
                }
              state = STATE_UNQUOTED;
              G_GNUC_FALLTHROUGH;

            case STATE_UNQUOTED:
              {
                gsize from = pos;

                while (pos < len && t[pos] != delim && t[pos] != '\n' && t[pos] != '\r')
                  pos++;
                if (!append_span (reader, field_start, from, pos, FALSE, error))
                  return -1;
                if (pos == len)
                  break;
                c = t[pos++];
                if (!end_field (reader, &field_start, error))
                  return -1;
                if (c == delim)
                  {
                    state = STATE_FIELD_START;
                    break;
                  }
                goto end_of_record;
              }

            case STATE_QUOTED:
              {
                gsize from = pos;

                while (pos < len && t[pos] != '"')
                  {
                    if (t[pos] == '\n')
                      reader->line++;
                    pos++;
                  }
                if (!append_span (reader, field_start, from, pos, TRUE, error))
                  return -1;
                if (pos < len)
                  {
                    pos++;
                    state = STATE_QUOTE_IN_QUOTED;
                  }
                break;
              }

            case STATE_QUOTE_IN_QUOTED:
              if (c == '"')
                {
                  /* A doubled quote stands for one. */
                  if (reader->data->len - field_start + 1 > reader->max_field)
                    {
                      too_large (reader, TRUE, error);
                      return -1;
                    }
                  g_string_append_c (reader->data, '"');
                  state = STATE_QUOTED;
                  pos++;
                  break;
                }
              if (c == delim || c == '\n' || c == '\r')
                {
                  pos++;
                  if (!end_field (reader, &field_start, error))
                    return -1;
                  if (c == delim)
                    {
                      state = STATE_FIELD_START;
                      break;
                    }
                  goto end_of_record;
                }
              /* Text after a closing quote ("a"b) is not RFC 4180; keep it
               * rather than lose it, as spreadsheets do. */
              state = STATE_UNQUOTED;
              break;

            default:
              g_assert_not_reached ();
            }
        }
      reader->text_pos = pos;
      continue;

    end_of_record:
      reader->text_pos = pos;
      reader->line++;
      if (t[pos - 1] == '\r')
        reader->skip_lf = TRUE;
      return 1;
    }
}

/**
 * tenure_csv_reader_read_record:
 * @reader: a reader
 * @n_fields: (out): number of fields of the record
 * @fields: (out) (transfer none) (array length=n_fields): the fields, valid
 *   until the next call
 * @error: return location for a #GError
 *
 * Reads the next record, skipping blank lines. tenure_csv_reader_get_row()
 * then gives the physical line where it starts.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end of the file
 *   (@error unset) or on error
 */
gboolean
tenure_csv_reader_read_record (TenureCsvReader     *reader,
                               guint               *n_fields,
                               const char *const  **fields,
                               GError             **error)
{
  int r;

  g_return_val_if_fail (reader != NULL, FALSE);

  do
    {
      r = read_one (reader, error);
      if (r <= 0)
        {
          *n_fields = 0;
          *fields = NULL;
          return FALSE;
        }
    }
  while (reader->offsets->len == 1 && reader->data->len == 1);

  g_ptr_array_set_size (reader->ptrs, reader->offsets->len);
  for (guint i = 0; i < reader->offsets->len; i++)
    reader->ptrs->pdata[i] = reader->data->str + g_array_index (reader->offsets, gsize, i);
  *n_fields = reader->offsets->len;
  *fields = (const char *const *) reader->ptrs->pdata;
  return TRUE;
}

const char *
tenure_csv_reader_get_name (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->name;
}

/**
 * tenure_csv_reader_get_row:
 * @reader: a reader
 *
 * Returns: the physical line (from 1) where the last record read starts
 */
guint64
tenure_csv_reader_get_row (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->record_row;
}

/**
 * tenure_csv_reader_get_bytes_read:
 * @reader: a reader
 *
 * Returns: bytes of the file read in this pass, for progress
 */
guint64
tenure_csv_reader_get_bytes_read (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->bytes_read;
}

guint64
tenure_csv_reader_get_size (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->size;
}

char
tenure_csv_reader_get_delimiter (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ',');
  return reader->delimiter;
}

TenureCsvEncoding
tenure_csv_reader_get_encoding (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, TENURE_CSV_ENCODING_UTF8);
  return reader->encoding;
}

/* Fields that were not valid UTF-8 in a file that otherwise is, read as
 * Windows-1252. */
guint64
tenure_csv_reader_get_n_recoded (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->n_recoded;
}

/**
 * tenure_csv_reader_get_sha256:
 * @reader: a reader
 *
 * Returns: (nullable): the SHA-256 of the file's bytes in hex, once the
 *   first pass has reached the end of the file; %NULL before
 */
const char *
tenure_csv_reader_get_sha256 (TenureCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  if (reader->hash_sent)
    reader_finish_hash (reader);
  return reader->sha_hex;
}
