/*
 * extract.c: choose the extractor for a raw article (see extract.h).
 *
 * Walking-skeleton extractors, thin but real:
 *   text dump  the body is the whole text; the title is the first short
 *              line that reads like a headline (no sentence punctuation at
 *              its end, no "label:" prefix), else none;
 *   HTML       libxml2's HTML parser; the title is <title>, the body the
 *              visible text (script, style and similar elements skipped),
 *              one line per block element.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/error.h"
#include "extract/extract.h"

#define TITLE_MAX_BYTES 300

static char *dup_span(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* A line reads like a headline: short, no "label:" within its first
 * bytes, not ending like a sentence or a list label. */
static int looks_like_title(const char *line, size_t n)
{
    if (n < 8 || n > TITLE_MAX_BYTES)
        return 0;
    const char *colon = memchr(line, ':', n < 40 ? n : 40);
    if (colon)
        return 0;
    char last = line[n - 1];
    return last != '.' && last != ':' && last != ',';
}

static int extract_dump(const char *text, size_t len, kh_extracted *out)
{
    size_t at = 0, lines = 0;
    while (at < len && lines < 5) {
        const char *start = text + at;
        const char *nl = memchr(start, '\n', len - at);
        size_t n = nl ? (size_t)(nl - start) : len - at;
        size_t trimmed = n;
        while (trimmed > 0 && (start[trimmed - 1] == '\r' || start[trimmed - 1] == ' '))
            trimmed--;
        if (trimmed > 0) {
            lines++;
            if (looks_like_title(start, trimmed)) {
                out->title = dup_span(start, trimmed);
                out->title_span = (kh_span){(uint32_t)at, (uint32_t)(at + trimmed)};
                break;
            }
        }
        at += n + 1;
    }
    out->body = dup_span(text, len);
    out->body_spans = malloc(sizeof *out->body_spans);
    if (!out->body || !out->body_spans)
        return kh_set_error(KH_ENOMEM, "out of memory extracting a text dump");
    out->body_spans[0] = (kh_span){0, (uint32_t)len};
    out->n_body_spans = 1;
    return KH_OK;
}

static int is_skipped(const xmlNode *n)
{
    static const char *const skipped[] = {"script", "style", "noscript", "template",
                                          "head", "svg", "iframe", "object"};
    for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)skipped[i]) == 0)
            return 1;
    return 0;
}

static int is_block(const xmlNode *n)
{
    static const char *const blocks[] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "tr", "section", "article", "header",
                                         "footer", "blockquote", "pre", "ul", "ol", "table"};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)blocks[i]) == 0)
            return 1;
    return 0;
}

/* Appends text, collapsing runs of white space to one space. */
static int append_collapsed(kh_buf *b, const char *s)
{
    for (; *s; s++) {
        int space = (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f');
        if (space) {
            if (b->len > 0 && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n' &&
                kh_buf_append_char(b, ' ') != KH_OK)
                return KH_ENOMEM;
        } else if (kh_buf_append_char(b, *s) != KH_OK)
            return KH_ENOMEM;
    }
    return KH_OK;
}

static int end_line(kh_buf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    if (b->len > 0 && b->data[b->len - 1] != '\n')
        return kh_buf_append_char(b, '\n');
    return KH_OK;
}

static int visible_text(const xmlNode *node, kh_buf *b, int depth)
{
    if (depth > 256)
        return KH_OK; /* pathological nesting: the rest is not article text */
    for (const xmlNode *n = node; n; n = n->next) {
        int rc = KH_OK;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            rc = append_collapsed(b, (const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE && !is_skipped(n)) {
            int block = is_block(n);
            if (block)
                rc = end_line(b);
            if (rc == KH_OK)
                rc = visible_text(n->children, b, depth + 1);
            if (rc == KH_OK && block)
                rc = end_line(b);
        }
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

static const xmlNode *find_element(const xmlNode *node, const char *name, int depth)
{
    for (const xmlNode *n = node; n && depth < 64; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0)
            return n;
        const xmlNode *found = find_element(n->children, name, depth + 1);
        if (found)
            return found;
    }
    return NULL;
}

static int extract_html(const char *html, size_t len, kh_extracted *out)
{
    if (len > (size_t)INT32_MAX)
        return kh_set_error(KH_EPARSE, "HTML too large");
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc)
        return kh_set_error(KH_EPARSE, "HTML could not be parsed");
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *title = find_element(root, "title", 0);
    kh_buf b = {0};
    int rc = KH_OK;
    if (title) {
        xmlChar *t = xmlNodeGetContent(title);
        if (t && (rc = append_collapsed(&b, (const char *)t)) == KH_OK && b.len > 0)
            out->title = kh_buf_detach(&b, NULL);
        xmlFree(t);
        kh_buf_free(&b);
    }
    const xmlNode *body = find_element(root, "body", 0);
    if (rc == KH_OK)
        rc = visible_text(body ? body : root, &b, 0);
    if (rc == KH_OK)
        rc = end_line(&b);
    xmlFreeDoc(doc);
    if (rc != KH_OK) {
        kh_buf_free(&b);
        return kh_set_error(KH_ENOMEM, "out of memory extracting HTML text");
    }
    out->body = kh_buf_detach(&b, NULL);
    return out->body ? KH_OK : kh_set_error(KH_ENOMEM, "out of memory");
}

int kh_extract_raw(const kh_raw_doc *raw, kh_extracted *out)
{
    memset(out, 0, sizeof *out);
    int rc = raw->format == KH_RAW_HTML ? extract_html(raw->bytes, raw->len, out)
                                        : extract_dump(raw->bytes, raw->len, out);
    if (rc != KH_OK)
        kh_extracted_free(out);
    return rc;
}
