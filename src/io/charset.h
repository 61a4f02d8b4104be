/*
 * charset.h: raw page bytes in any charset -> UTF-8.
 *
 * Scraped pages arrive as windows-1256, ISO-8859-6, UTF-16 or UTF-8 with a
 * few stray bytes. kh_charset_to_utf8() decides the charset in this order
 * and converts with ICU (ucnv):
 *
 *   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins outright;
 *   2. bytes that are well-formed UTF-8 (and hold no NUL) are UTF-8, whatever
 *      a header or <meta> claims: legacy 8-bit text is practically never
 *      well-formed UTF-8, while stale declarations are common;
 *   3. mostly-UTF-8 bytes (stray bytes at most 1 per 20 multi-byte
 *      sequences) are UTF-8 with the stray bytes replaced by U+FFFD;
 *   4. the declared charset (HTTP Content-Type, from a WARC record);
 *   5. <meta charset>, <meta http-equiv=content-type> or <?xml encoding?>
 *      in the first 8 KiB;
 *   6. UTF-16 without BOM, by the pattern of NUL bytes;
 *   7. ICU's detector (ucsdet, with its markup filter), else windows-1252.
 *
 * Labels follow the WHATWG encoding standard where it matters:
 * iso-8859-1, latin1 and us-ascii mean windows-1252; a <meta> declaring
 * UTF-16 in an ASCII-compatible document means UTF-8.
 */
#ifndef KH_IO_CHARSET_H
#define KH_IO_CHARSET_H

#include <stddef.h>

/* Inputs larger than this are refused (KH_EINVAL). */
#define KH_CHARSET_MAX_BYTES ((size_t)64 << 20)

/*
 * Converts bytes to UTF-8. declared is the charset of an HTTP header or
 * NULL. *out is NUL-terminated, without BOM, freed by the caller with
 * free(); detected_name (name_cap bytes, may be NULL) receives the charset
 * used, e.g. "windows-1256" or "UTF-8 (repaired)". Returns KH_OK, or a
 * negative kh_status with kh_last_error() set.
 */
int kh_charset_to_utf8(const char *bytes, size_t len, const char *declared, char **out,
                       size_t *out_len, char *detected_name, size_t name_cap);

/*
 * Finds the charset declared inside an HTML document's first 8 KiB
 * (<meta charset>, <meta http-equiv content-type>, <?xml encoding?>).
 * Writes the label to name (cap bytes) and returns 1, or returns 0.
 */
int kh_charset_sniff_html(const char *bytes, size_t len, char *name, size_t cap);

/*
 * Extracts the charset parameter of a Content-Type value
 * ("text/html; charset=windows-1256"). Returns 1 and writes name, or 0.
 */
int kh_charset_from_content_type(const char *value, size_t len, char *name, size_t cap);

#endif
