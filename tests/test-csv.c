/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tenure-csv.h"

/* Reads all of @data and returns the records as "a|b|c" lines, with the row
 * of each record in front ("2:a|b"). */
static char *
read_all (const char  *data,
          gssize       len,
          char        *delimiter,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  g_autoptr(TenureCsvReader) reader = tenure_csv_reader_new_for_bytes (bytes, "t.csv", error);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *const *fields;
  guint n;

  if (reader == NULL)
    return NULL;
  if (delimiter)
    *delimiter = tenure_csv_reader_get_delimiter (reader);
  while (tenure_csv_reader_read_record (reader, &n, &fields, error))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", tenure_csv_reader_get_row (reader));
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", fields[i]);
      g_string_append_c (out, '\n');
    }
  if (error && *error)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_rfc4180 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  char delim;

  out = read_all ("a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n\r\n3,,\n", -1, &delim, &error);
  g_assert_no_error (error);
  g_assert_cmpint (delim, ==, ',');
  g_assert_cmpstr (out, ==, "1:a|b|c\n2:1|x,y|he said \"hi\"\n3:2|two\nlines|z\n6:3||\n");
  g_clear_pointer (&out, g_free);
  out = read_all ("sep=|\na|b\n1|2\n", -1, &delim, &error);
  g_assert_no_error (error);
  g_assert_cmpint (delim, ==, '|');
  g_assert_cmpstr (out, ==, "2:a|b\n3:1|2\n");
}

static void
test_csv_sniff (void)
{
  const struct { const char *data; char delim; } cases[] = {
    { "a;b;c\n1,5;2,5;3\n4;5;6\n", ';' },
    { "a\tb\n1,2\t3\n", '\t' },
    { "a|b|c\n1|2|3\n", '|' },
    { "a,b\n\"x;y\",2\n", ',' },
    { "Kunde;Betrag;Datum\nACME;1.234,50;31.12.2024\n", ';' },
    { "single\n1\n", ',' },
    { "sep=;\r\na,b;c\n1,5;2\n", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      char delim = 0;

      out = read_all (cases[i].data, -1, &delim, &error);
      g_assert_no_error (error);
      g_assert_cmpint (delim, ==, cases[i].delim);
    }
}

static void
test_csv_encodings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  /* "name\nZürich\n" in UTF-16LE with a BOM */
  const char utf16le[] = "\xff\xfen\0a\0m\0e\0\n\0Z\0\xfc\0r\0i\0c\0h\0\n\0";
  const char utf16be[] = "\xfe\xff\0n\0a\0m\0e\0\n\0Z\0\xfc\0r\0i\0c\0h\0\n";

  out = read_all ("\xef\xbb\xbfname\nZ\xc3\xbcrich\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:name\n2:Zürich\n");
  g_clear_pointer (&out, g_free);

  out = read_all (utf16le, sizeof utf16le - 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:name\n2:Zürich\n");
  g_clear_pointer (&out, g_free);

  out = read_all (utf16be, sizeof utf16be - 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:name\n2:Zürich\n");
  g_clear_pointer (&out, g_free);

  /* UTF-16LE without a BOM, as some exporters write it. */
  out = read_all (utf16le + 2, sizeof utf16le - 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:name\n2:Zürich\n");
  g_clear_pointer (&out, g_free);

  /* Windows-1252: ü is 0xFC, € is 0x80 */
  out = read_all ("name\nZ\xfcrich \x80\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "1:name\n2:Zürich €\n");
}

static void
test_csv_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) big = g_string_new ("a,b\n1,2\n3,\"");

  out = read_all ("", 0, NULL, &error);
  g_assert_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  out = read_all ("PK\x03\x04\0\0\0\x08", 8, NULL, &error);
  g_assert_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_BINARY);
  g_clear_error (&error);

  out = read_all ("a,b\n1,2\n3,\"open\n4,5\n", -1, NULL, &error);
  g_assert_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "t.csv, row 3"));
  g_clear_error (&error);

  /* A 10 MB field is refused at 1 MiB, with its row, without reading on. */
  for (int i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (big, "0123456789012345678901234567890123456789012345678901234567890123");
  g_string_append (big, "\"\n");
  out = read_all (big->str, big->len, NULL, &error);
  g_assert_error (error, TENURE_CSV_ERROR, TENURE_CSV_ERROR_FIELD_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "t.csv, row 3"));
}

static void
test_csv_chunk_boundaries (void)
{
  /* Records straddling the 64 KiB chunks, CRLF split across them. */
  g_autoptr(GString) data = g_string_new ("id,text\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TenureCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *fields;
  guint n, count = 0;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (data, "%d,\"line %d\r\nnext \"\"q\"\"\"\r\n", i, i);
  bytes = g_bytes_new (data->str, data->len);
  reader = tenure_csv_reader_new_for_bytes (bytes, "t.csv", &error);
  g_assert_no_error (error);
  for (int pass = 0; pass < 2; pass++)
    {
      count = 0;
      while (tenure_csv_reader_read_record (reader, &n, &fields, &error))
        {
          g_assert_cmpuint (n, ==, 2);
          if (count > 0)
            {
              g_autofree char *expected = g_strdup_printf ("line %u\r\nnext \"q\"", count - 1);

              g_assert_cmpstr (fields[1], ==, expected);
              g_assert_cmpuint (tenure_csv_reader_get_row (reader), ==, 2 * count);
            }
          count++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, 20001);
      g_assert_cmpuint (tenure_csv_reader_get_bytes_read (reader), ==, data->len);
      g_assert_nonnull (tenure_csv_reader_get_sha256 (reader));
      g_assert_true (tenure_csv_reader_rewind (reader, &error));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/rfc4180", test_csv_rfc4180);
  g_test_add_func ("/csv/sniff", test_csv_sniff);
  g_test_add_func ("/csv/encodings", test_csv_encodings);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/csv/chunk-boundaries", test_csv_chunk_boundaries);
  return g_test_run ();
}
