/*
 * html.c: main-content and metadata extraction from HTML (see html.h).
 *
 * The page goes through four passes over libxml2's tree; each element gets
 * a slot in ctx.info (its index + 1 is kept in node->_private):
 *
 *   1. prep     pre-order: metadata (meta, link, title, time, JSON-LD),
 *               invisible elements cut (script, style, hidden, ...);
 *               post-order: text, link text and comma counts summed up the
 *               tree, then boilerplate decided by tag (nav, aside, footer,
 *               header) and class/id hints, with the subtree's counts at
 *               hand so that a misnamed wrapper full of prose is spared;
 *   2. score    each paragraph-like element of 25+ characters gives
 *               1 + commas + min(len/100, 3) to five ancestors (1, 1/2,
 *               1/6, 1/9, 1/12); ancestors start from a tag prior and class
 *               weight; a candidate's final score is discounted by its link
 *               density;
 *   3. select   the best candidate, promoted to an ancestor shared by other
 *               near-best candidates or scoring higher, plus siblings that
 *               score within reach or are plain prose;
 *   4. emit     the selection's text as lines (block elements break lines),
 *               negative or link-heavy blocks, nested <article> teasers and
 *               boilerplate lines (all-link lines, "read also", bylines)
 *               dropped; everything visible outside the selection reported
 *               dropped.
 *
 * Class/id hint lookups are cached per page by a hash of the string, since
 * pages repeat a few hundred class strings over thousands of elements.
 *
 * Recursion is bounded by KH_HTML_MAX_DEPTH, so the C stack is too.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/data.h"
#include "core/error.h"
#include "core/grow.h"
#include "extract/html.h"
#include "text/utf8.h"

/* ------------------------------------------------------------------ */
/* Hints (data/extract/html_hints.txt, boiler_lines.txt)                */

enum hint_kind { H_KEEP, H_DROP, H_UNLIKELY, H_MAYBE, H_POSITIVE, H_NEGATIVE };

typedef struct hint {
    const char *tok; /* into the embedded data, not NUL-terminated */
    unsigned char n, kind, word;
    const char *reason;
    int next; /* next hint with the same first byte, or -1 */
} hint;

typedef struct line_rule {
    const char *text;
    size_t n;
    int prefix;
} line_rule;

#define MAX_HINTS 512
#define MAX_LINE_RULES 256

static hint g_hints[MAX_HINTS];
static int g_nhints;
static int g_first[256];
static line_rule g_lines[MAX_LINE_RULES];
static int g_nlines;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static const char *const k_reasons[] = {
    "navigation", "sidebar",     "comments",   "related",  "share",      "ad marker",
    "footer",     "header",      "hidden",     "newsletter", "breadcrumbs", "tag list",
    "popup",      "pagination",  "author box", "boilerplate"};

static const char *static_reason(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof k_reasons / sizeof k_reasons[0]; i++)
        if (strlen(k_reasons[i]) == n && memcmp(k_reasons[i], s, n) == 0)
            return k_reasons[i];
    return "boilerplate";
}

static void load_hints(void)
{
    static const struct {
        const char *name;
        int kind;
    } kinds[] = {{"keep", H_KEEP},         {"drop", H_DROP},         {"unlikely", H_UNLIKELY},
                 {"maybe", H_MAYBE},       {"positive", H_POSITIVE}, {"negative", H_NEGATIVE}};
    for (int i = 0; i < 256; i++)
        g_first[i] = -1;
    size_t len = 0, cur = 0, n = 0;
    const char *bytes = kh_data_get("extract/html_hints.txt", &len);
    const char *line = NULL;
    while (bytes && kh_data_next_line(bytes, len, &cur, &line, &n) && g_nhints < MAX_HINTS) {
        const char *sp = memchr(line, ' ', n);
        if (!sp)
            continue;
        size_t kn = (size_t)(sp - line);
        int kind = -1;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (strlen(kinds[k].name) == kn && memcmp(kinds[k].name, line, kn) == 0)
                kind = kinds[k].kind;
        const char *tok = sp + 1, *end = line + n;
        const char *tsp = memchr(tok, ' ', (size_t)(end - tok));
        size_t tn = tsp ? (size_t)(tsp - tok) : (size_t)(end - tok);
        if (kind < 0 || tn == 0 || tn > 200)
            continue;
        hint *h = &g_hints[g_nhints];
        h->word = tok[0] == '^';
        h->tok = tok + h->word;
        h->n = (unsigned char)(tn - h->word);
        h->kind = (unsigned char)kind;
        h->reason = tsp ? static_reason(tsp + 1, (size_t)(end - tsp - 1)) : "boilerplate";
        if (h->n == 0)
            continue;
        h->next = g_first[(unsigned char)h->tok[0]];
        g_first[(unsigned char)h->tok[0]] = g_nhints++;
    }
    bytes = kh_data_get("extract/boiler_lines.txt", &len);
    cur = 0;
    while (bytes && kh_data_next_line(bytes, len, &cur, &line, &n) && g_nlines < MAX_LINE_RULES) {
        const char *sp = memchr(line, ' ', n);
        if (!sp || sp + 1 >= line + n)
            continue;
        line_rule *r = &g_lines[g_nlines];
        r->prefix = (size_t)(sp - line) == 6 && memcmp(line, "prefix", 6) == 0;
        r->text = sp + 1;
        r->n = (size_t)(line + n - sp - 1);
        g_nlines++;
    }
}

typedef struct hint_match {
    int weight;              /* -25, 0, +25 (or 0 when both) */
    int keep, drop, unlikely, maybe;
    const char *reason;      /* of the first drop/unlikely/negative hit */
} hint_match;

static int is_alnum_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Matches the lower-cased class+id string s against every hint. */
static hint_match match_hints(const char *s, size_t n)
{
    hint_match m = {0, 0, 0, 0, 0, NULL};
    int pos = 0, neg = 0;
    const char *drop_reason = NULL, *unl_reason = NULL, *neg_reason = NULL;
    for (size_t i = 0; i < n; i++) {
        for (int k = g_first[(unsigned char)s[i]]; k >= 0; k = g_hints[k].next) {
            const hint *h = &g_hints[k];
            if (i + h->n > n || (h->n > 1 && s[i + 1] != h->tok[1]) ||
                memcmp(s + i, h->tok, h->n) != 0)
                continue;
            if (h->word && ((i > 0 && is_alnum_byte((unsigned char)s[i - 1])) ||
                            (i + h->n < n && is_alnum_byte((unsigned char)s[i + h->n]))))
                continue;
            switch (h->kind) {
            case H_KEEP: m.keep = 1; break;
            case H_DROP: m.drop = 1; if (!drop_reason) drop_reason = h->reason; break;
            case H_UNLIKELY: m.unlikely = 1; if (!unl_reason) unl_reason = h->reason; break;
            case H_MAYBE: m.maybe = 1; break;
            case H_POSITIVE: pos = 1; break;
            case H_NEGATIVE: neg = 1; if (!neg_reason) neg_reason = h->reason; break;
            }
        }
    }
    m.weight = (pos ? 25 : 0) - (neg ? 25 : 0);
    m.reason = drop_reason ? drop_reason : unl_reason ? unl_reason : neg_reason;
    return m;
}

/* ------------------------------------------------------------------ */
/* Per-element information                                              */

enum {
    F_CUT = 1 << 0,       /* removed in pass 1 (invisible or boilerplate) */
    F_DEAD = 1 << 1,      /* cut or inside a cut element */
    F_INIT = 1 << 2,      /* has a content score */
    F_SEL = 1 << 3,       /* selected as article */
    F_HAS_SEL = 1 << 4,   /* has a selected descendant */
    F_BLOCKKID = 1 << 5,  /* has a block-level child */
    F_INVISIBLE = 1 << 6  /* cut as invisible (not reported as dropped) */
};

typedef struct ninfo {
    xmlNodePtr node;
    double score;
    uint32_t text, link, commas, paras, lists;
    uint32_t last_line;
    int weight;
    unsigned flags;
    const char *reason;
} ninfo;

typedef struct meta {
    /* Candidates in order of trust, each a malloc'd string or NULL. */
    char *ld_headline, *ld_published, *ld_modified, *ld_author, *ld_publisher, *ld_url,
        *ld_lang;
    char *og_title, *og_site, *og_url, *og_locale, *art_published, *art_modified, *art_author;
    char *meta_author, *meta_date, *meta_modified, *meta_app, *title, *h1, *canonical,
        *html_lang, *time_dt, *meta_lang;
} meta;

typedef struct ctx {
    const char *src;
    size_t len;
    size_t *lines; /* byte offset of each line start (1-based lines) */
    size_t nlines;
    ninfo *info;
    size_t ninfo, capinfo;
    xmlNodePtr *order; /* elements in document order */
    size_t norder, caporder;
    meta m;
    int nomem;
    /* emit state */
    kh_buf body;
    kh_buf line;
    int line_pre;
    uint32_t line_first, line_last; /* source lines of the current line's text */
    const char *line_first_text;
    size_t line_first_n;
    const char *line_last_text;
    size_t line_last_n;
    size_t cursor; /* source offset after the last located body line */
    kh_span *spans;
    size_t nspans, capspans;
    kh_dropped *dropped;
    size_t ndropped, capdropped;
    struct hint_slot *hints; /* class_hints() cache, HINT_CACHE slots */
    const char *title_cmp, *author_cmp, *item_cmp;
    int emitted_lines;
    int in_link;                      /* depth of <a> around the emit point */
    int in_article;                   /* depth of <article> around it */
    uint32_t top_text;                /* text length of the selection */
    size_t line_chars, line_link_chars; /* non-space bytes of the line */
} ctx;

static ninfo *info_of(const ctx *c, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return i ? &c->info[i - 1] : NULL;
}

static int is_tag(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static int tag_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if ((*set)[0] == name[0] && strcmp(name, *set) == 0)
            return 1;
    return 0;
}

static const char *const k_invisible[] = {
    "script", "style",  "noscript", "template", "svg",    "math",   "iframe", "object",
    "embed",  "canvas", "button",   "select",   "input",  "textarea", "option", "head",
    "link",   "meta",   "title",    "audio",    "video",  "source", "map",    "dialog",
    "frame",  "frameset", "applet", "base",     "picture", NULL};

static const char *const k_block[] = {
    "address", "article", "aside",  "blockquote", "dd",     "details", "dialog", "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",  "h1",
    "h2",      "h3",      "h4",     "h5",         "h6",     "header",  "hgroup", "hr",
    "li",      "main",    "nav",    "ol",         "p",      "pre",     "section", "table",
    "ul",      "tr",      "td",     "th",         "tbody",  "thead",   "tfoot", "caption",
    "summary", "center",  "br",     "img",        NULL};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static char *xstrndup(ctx *c, const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        c->nomem = 1;
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Collapses white space (and NBSP) and trims; NULL for an empty result. */
static char *clean_dup(ctx *c, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d) {
        c->nomem = 1;
        return NULL;
    }
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        int ws = isspace(ch) || (ch == 0xC2 && (unsigned char)s[i + 1] == 0xA0);
        if (ws) {
            if (ch == 0xC2)
                i++;
            space = 1;
            continue;
        }
        if (space && k > 0)
            d[k++] = ' ';
        space = 0;
        d[k++] = (char)ch;
    }
    d[k] = '\0';
    if (k == 0) {
        free(d);
        return NULL;
    }
    return d;
}

/* Decodes character references left in metadata (JSON-LD strings and
 * double-escaped attributes often hold "&#8211;" or "&amp;"), in place. */
static void decode_entities(char *s)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
                 {"apos", '\''},    {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014},
                 {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
                 {"hellip", 0x2026}};
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r == '&') {
            const char *semi = strchr(r, ';');
            uint32_t cp = 0;
            if (semi && semi - r <= 10) {
                if (r[1] == '#') {
                    char *end = NULL;
                    unsigned long v = (r[2] == 'x' || r[2] == 'X') ? strtoul(r + 3, &end, 16)
                                                                   : strtoul(r + 2, &end, 10);
                    if (end == semi && v > 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF))
                        cp = (uint32_t)v;
                } else {
                    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
                        if ((size_t)(semi - r - 1) == strlen(named[i].name) &&
                            memcmp(r + 1, named[i].name, (size_t)(semi - r - 1)) == 0)
                            cp = named[i].cp;
                }
            }
            if (cp) {
                char tmp[4];
                size_t n = kh_utf8_encode(cp, tmp);
                /* A reference is never shorter than its UTF-8 encoding. */
                memcpy(w, tmp, n);
                w += n;
                r = semi + 1;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static void set_once(ctx *c, char **slot, const char *value)
{
    if (*slot || !value)
        return;
    *slot = clean_dup(c, value);
    if (*slot && strchr(*slot, '&'))
        decode_entities(*slot);
}

/* The value of attribute name (lower case: the HTML parser lower-cases
 * attribute names), "" when it has no value, NULL when absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && a->name[0] == (xmlChar)name[0] &&
            strcmp((const char *)a->name, name) == 0) {
            const xmlNode *t = a->children;
            if (t && (t->type == XML_TEXT_NODE) && t->content)
                return (const char *)t->content;
            return "";
        }
    }
    return NULL;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    void *p = kh_grow_to(*arr, cap, need, elem, 64);
    if (!p)
        return -1;
    *arr = p;
    return 0;
}

static size_t line_offset(const ctx *c, uint32_t line)
{
    if (line == 0 || c->nlines == 0)
        return 0;
    if (line > c->nlines)
        return c->lines[c->nlines - 1];
    return c->lines[line - 1];
}

static size_t line_end(const ctx *c, uint32_t line)
{
    if (line == 0)
        return 0;
    if (line >= c->nlines)
        return c->len;
    size_t e = c->lines[line]; /* start of the next line */
    return e > 0 ? e - 1 : 0;
}

static int build_lines(ctx *c)
{
    size_t cap = 0;
    for (size_t i = 0; i <= c->len; i++) {
        if (i == 0 || c->src[i - 1] == '\n') {
            if (grow((void **)&c->lines, &cap, c->nlines + 1, sizeof(size_t)))
                return -1;
            c->lines[c->nlines++] = i;
        }
        if (i < c->len) {
            const char *nl = memchr(c->src + i, '\n', c->len - i);
            if (!nl)
                break;
            i = (size_t)(nl - c->src);
        }
    }
    return 0;
}

static int add_dropped(ctx *c, size_t start, size_t end, const char *reason)
{
    if (end <= start)
        return 0;
    if (c->ndropped > 0) {
        kh_dropped *last = &c->dropped[c->ndropped - 1];
        if (last->reason == reason && last->span.end >= start) {
            if (end > last->span.end)
                last->span.end = (uint32_t)end;
            return 0;
        }
    }
    if (grow((void **)&c->dropped, &c->capdropped, c->ndropped + 1, sizeof(kh_dropped))) {
        c->nomem = 1;
        return -1;
    }
    c->dropped[c->ndropped].span.start = (uint32_t)start;
    c->dropped[c->ndropped].span.end = (uint32_t)end;
    c->dropped[c->ndropped].reason = reason;
    c->ndropped++;
    return 0;
}

static void drop_node(ctx *c, const xmlNode *n, const char *reason)
{
    const ninfo *in = info_of(c, n);
    uint32_t last = in && in->last_line > n->line ? in->last_line : n->line;
    add_dropped(c, line_offset(c, n->line), line_end(c, last), reason);
}

/* ------------------------------------------------------------------ */
/* Pass 1: metadata, invisible elements, counts, boilerplate            */

static int count_commas(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == ',')
            n++;
        else if (p[0] == 0xD8 && p[1] == 0x8C) /* U+060C Arabic comma */
            n++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* U+FF0C */
            n++;
        else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81) /* U+3001 ideographic */
            n++;
    }
    return n;
}

/* Characters of text, white-space runs counting once. */
static uint32_t text_len(const char *s)
{
    uint32_t n = 0;
    int space = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        if (isspace(*p)) {
            if (!space)
                n++;
            space = 1;
        } else {
            n++;
            space = 0;
        }
    }
    return n;
}

static char *node_text(ctx *c, const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return NULL;
    char *d = clean_dup(c, (const char *)t);
    xmlFree(t);
    return d;
}

/* JSON-LD ----------------------------------------------------------- */

static int ld_is_article(json_t *o)
{
    static const char *const types[] = {"NewsArticle",
                                        "Article",
                                        "ReportageNewsArticle",
                                        "AnalysisNewsArticle",
                                        "OpinionNewsArticle",
                                        "BackgroundNewsArticle",
                                        "BlogPosting",
                                        "LiveBlogPosting",
                                        "TechArticle",
                                        "ScholarlyArticle",
                                        "Report",
                                        "WebPage",
                                        NULL};
    json_t *t = json_object_get(o, "@type");
    if (json_is_array(t) && json_array_size(t) > 0)
        t = json_array_get(t, 0);
    if (!json_is_string(t))
        return 0;
    const char *s = json_string_value(t);
    for (int i = 0; types[i]; i++)
        if (strcmp(s, types[i]) == 0)
            return strcmp(s, "WebPage") == 0 ? 1 : 2;
    return 0;
}

static const char *ld_name(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v) > 0)
        return ld_name(json_array_get(v, 0));
    if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        if (json_is_string(n))
            return json_string_value(n);
    }
    return NULL;
}

static const char *ld_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The most article-like object under v (depth-limited). */
static json_t *ld_find(json_t *v, int depth, int *best_rank)
{
    if (depth > 6)
        return NULL;
    json_t *best = NULL;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            json_t *f = ld_find(e, depth + 1, best_rank);
            if (f)
                best = f;
        }
        return best;
    }
    if (!json_is_object(v))
        return NULL;
    int rank = ld_is_article(v);
    if (rank > *best_rank) {
        *best_rank = rank;
        best = v;
    }
    json_t *g = json_object_get(v, "@graph");
    if (g) {
        json_t *f = ld_find(g, depth + 1, best_rank);
        if (f)
            best = f;
    }
    return best;
}

static void collect_jsonld(ctx *c, const xmlNode *script)
{
    kh_buf b = {0};
    for (const xmlNode *t = script->children; t; t = t->next)
        if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
            if (kh_buf_append_str(&b, (const char *)t->content) != KH_OK)
                c->nomem = 1;
    if (!b.data) {
        return;
    }
    json_error_t err;
    json_t *root = json_loadb(b.data, b.len, 0, &err);
    kh_buf_free(&b);
    if (!root)
        return;
    int rank = 0;
    json_t *a = ld_find(root, 0, &rank);
    if (a && rank == 2) {
        set_once(c, &c->m.ld_headline, ld_str(a, "headline"));
        set_once(c, &c->m.ld_published, ld_str(a, "datePublished"));
        set_once(c, &c->m.ld_modified, ld_str(a, "dateModified"));
        set_once(c, &c->m.ld_author, ld_name(json_object_get(a, "author")));
        set_once(c, &c->m.ld_publisher, ld_name(json_object_get(a, "publisher")));
        set_once(c, &c->m.ld_lang, ld_str(a, "inLanguage"));
        const char *url = ld_str(a, "url");
        if (!url) {
            json_t *mp = json_object_get(a, "mainEntityOfPage");
            url = json_is_string(mp) ? json_string_value(mp) : ld_str(mp, "@id");
        }
        set_once(c, &c->m.ld_url, url);
    } else if (a) {
        set_once(c, &c->m.ld_published, ld_str(a, "datePublished"));
        set_once(c, &c->m.ld_modified, ld_str(a, "dateModified"));
    }
    json_decref(root);
}

static void collect_meta(ctx *c, const xmlNode *n)
{
    const char *prop = attr(n, "property");
    const char *name = attr(n, "name");
    const char *item = attr(n, "itemprop");
    const char *content = attr(n, "content");
    if (!content)
        return;
    const char *key = prop ? prop : name ? name : item;
    if (!key) {
        const char *he = attr(n, "http-equiv");
        if (he && strcasecmp(he, "content-language") == 0)
            set_once(c, &c->m.meta_lang, content);
        return;
    }
    static const struct {
        const char *key;
        size_t off;
    } map[] = {
        {"og:title", offsetof(meta, og_title)},
        {"og:site_name", offsetof(meta, og_site)},
        {"og:url", offsetof(meta, og_url)},
        {"og:locale", offsetof(meta, og_locale)},
        {"article:published_time", offsetof(meta, art_published)},
        {"article:published", offsetof(meta, art_published)},
        {"og:article:published_time", offsetof(meta, art_published)},
        {"article:modified_time", offsetof(meta, art_modified)},
        {"og:updated_time", offsetof(meta, art_modified)},
        {"og:article:modified_time", offsetof(meta, art_modified)},
        {"article:author", offsetof(meta, art_author)},
        {"author", offsetof(meta, meta_author)},
        {"dc.creator", offsetof(meta, meta_author)},
        {"byl", offsetof(meta, meta_author)},
        {"sailthru.author", offsetof(meta, meta_author)},
        {"parsely-author", offsetof(meta, meta_author)},
        {"datepublished", offsetof(meta, meta_date)},
        {"pubdate", offsetof(meta, meta_date)},
        {"publishdate", offsetof(meta, meta_date)},
        {"publish-date", offsetof(meta, meta_date)},
        {"date", offsetof(meta, meta_date)},
        {"dc.date", offsetof(meta, meta_date)},
        {"dc.date.issued", offsetof(meta, meta_date)},
        {"dcterms.created", offsetof(meta, meta_date)},
        {"sailthru.date", offsetof(meta, meta_date)},
        {"parsely-pub-date", offsetof(meta, meta_date)},
        {"article.published", offsetof(meta, meta_date)},
        {"datemodified", offsetof(meta, meta_modified)},
        {"lastmod", offsetof(meta, meta_modified)},
        {"last-modified", offsetof(meta, meta_modified)},
        {"dcterms.modified", offsetof(meta, meta_modified)},
        {"article.updated", offsetof(meta, meta_modified)},
        {"application-name", offsetof(meta, meta_app)},
        {"og:article:author", offsetof(meta, art_author)},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcasecmp(key, map[i].key) == 0) {
            char **slot = (char **)((char *)&c->m + map[i].off);
            set_once(c, slot, content);
            return;
        }
    }
}

static void collect_element_meta(ctx *c, const xmlNode *n, const char *tag)
{
    /* Most elements are none of these: one test on the first letter. */
    if (!strchr("mlsthH", tag[0]))
        return;
    if (strcmp(tag, "meta") == 0) {
        collect_meta(c, n);
    } else if (strcmp(tag, "link") == 0) {
        const char *rel = attr(n, "rel");
        if (rel && strcasecmp(rel, "canonical") == 0)
            set_once(c, &c->m.canonical, attr(n, "href"));
    } else if (strcmp(tag, "title") == 0) {
        if (!c->m.title)
            c->m.title = node_text(c, n);
    } else if (strcmp(tag, "script") == 0) {
        const char *type = attr(n, "type");
        if (type && strcasecmp(type, "application/ld+json") == 0)
            collect_jsonld(c, n);
    } else if (strcmp(tag, "html") == 0) {
        set_once(c, &c->m.html_lang, attr(n, "lang"));
        set_once(c, &c->m.html_lang, attr(n, "xml:lang"));
    } else if (strcmp(tag, "time") == 0) {
        const char *dt = attr(n, "datetime");
        if (dt && *dt)
            set_once(c, &c->m.time_dt, dt);
    } else if (strcmp(tag, "h1") == 0) {
        if (!c->m.h1)
            c->m.h1 = node_text(c, n);
    }
}

static int is_hidden(const xmlNode *n)
{
    if (attr(n, "hidden"))
        return 1;
    const char *style = attr(n, "style");
    if (style) {
        char buf[256];
        size_t k = 0;
        for (const char *p = style; *p && k + 1 < sizeof buf; p++)
            if (!isspace((unsigned char)*p))
                buf[k++] = (char)tolower((unsigned char)*p);
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return 1;
    }
    return 0;
}

/* Hints by class+id string, cached per page: pages repeat a few hundred
 * class strings over thousands of elements. */
#define HINT_CACHE 1024

typedef struct hint_slot {
    uint64_t h; /* FNV-1a of the lower-cased string; 0 = empty */
    hint_match m;
} hint_slot;

static hint_match class_hints(hint_slot *cache, const xmlNode *n)
{
    const char *cls = attr(n, "class");
    const char *id = attr(n, "id");
    hint_match none = {0, 0, 0, 0, 0, NULL};
    if (!cls && !id)
        return none;
    char buf[512];
    size_t k = 0;
    uint64_t h = 1469598103934665603ULL;
    for (const char *s = cls; s && *s && k + 2 < sizeof buf; s++) {
        buf[k] = (char)tolower((unsigned char)*s);
        h = (h ^ (unsigned char)buf[k++]) * 1099511628211ULL;
    }
    if (k + 2 < sizeof buf)
        buf[k++] = ' ';
    h = (h ^ ' ') * 1099511628211ULL;
    for (const char *s = id; s && *s && k + 1 < sizeof buf; s++) {
        buf[k] = (char)tolower((unsigned char)*s);
        h = (h ^ (unsigned char)buf[k++]) * 1099511628211ULL;
    }
    buf[k] = '\0';
    h |= 1; /* never 0 */
    hint_slot *free_slot = NULL;
    if (cache) {
        for (size_t probe = 0; probe < 8; probe++) {
            hint_slot *slot = &cache[(h + probe) & (HINT_CACHE - 1)];
            if (slot->h == h)
                return slot->m;
            if (slot->h == 0) {
                free_slot = slot;
                break;
            }
        }
    }
    hint_match m = match_hints(buf, k);
    if (free_slot) {
        free_slot->h = h;
        free_slot->m = m;
    }
    return m;
}

/* The boilerplate verdict of an element, with its counts known. */
static const char *boiler_reason(const xmlNode *n, const char *tag, const ninfo *in,
                                 const hint_match *hm)
{
    if (strcmp(tag, "body") == 0 || strcmp(tag, "html") == 0 || strcmp(tag, "main") == 0 ||
        strcmp(tag, "article") == 0)
        return NULL;
    double ld = in->text ? (double)in->link / in->text : 0;
    int prose = in->text > 1500 && in->paras >= 4 && ld < 0.25;
    if (strcmp(tag, "nav") == 0)
        return prose ? NULL : "navigation";
    if (strcmp(tag, "aside") == 0)
        return prose ? NULL : "sidebar";
    if (strcmp(tag, "footer") == 0)
        return prose ? NULL : "footer";
    if (strcmp(tag, "header") == 0)
        return in->paras >= 3 ? NULL : "header";
    if (strcmp(tag, "form") == 0 && in->text < 200)
        return "form";
    if (hm->keep)
        return NULL;
    /* Prose protects a wrapper from its hints (a page-wide class such as
     * "has-ads" or "modal-enabled"); comment threads need more to pass. */
    int comments = hm->reason && strcmp(hm->reason, "comments") == 0;
    int some_prose = in->text > 400 && in->paras >= 2 && ld < 0.3;
    if (hm->drop && strcmp(tag, "a") != 0 && (!some_prose || comments))
        return hm->reason;
    if (hm->unlikely && !hm->maybe && !prose && strcmp(tag, "a") != 0)
        return hm->reason;
    const char *role = attr(n, "role");
    if (role && (strcasecmp(role, "navigation") == 0 || strcasecmp(role, "complementary") == 0 ||
                 strcasecmp(role, "banner") == 0 || strcasecmp(role, "contentinfo") == 0 ||
                 strcasecmp(role, "menu") == 0 || strcasecmp(role, "dialog") == 0))
        return prose ? NULL : "navigation";
    return NULL;
}

/* ctx.info is sized by count_elements() up front: pass 1 holds pointers
 * into it, so it must never move. */
static int new_info(ctx *c, xmlNodePtr n)
{
    if (c->ninfo >= c->capinfo || c->norder >= c->caporder) {
        c->nomem = 1;
        return -1;
    }
    ninfo *in = &c->info[c->ninfo];
    memset(in, 0, sizeof *in);
    in->node = n;
    in->last_line = n->line;
    n->_private = (void *)(uintptr_t)(++c->ninfo);
    c->order[c->norder++] = n;
    return 0;
}

static void prep(ctx *c, xmlNodePtr n, int depth, int in_link, ninfo *parent)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (c->nomem)
            return;
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (!k->content || !parent)
                continue;
            uint32_t tl = text_len((const char *)k->content);
            parent->text += tl;
            if (in_link)
                parent->link += tl;
            parent->commas += (uint32_t)count_commas((const char *)k->content);
            if (k->line > parent->last_line)
                parent->last_line = k->line;
            continue;
        }
        if (k->type != XML_ELEMENT_NODE || !k->name)
            continue;
        const char *tag = (const char *)k->name;
        collect_element_meta(c, k, tag);
        if (new_info(c, k))
            return;
        ninfo *in = &c->info[c->ninfo - 1];
        if (parent && tag_in(tag, k_block))
            parent->flags |= F_BLOCKKID;
        if (tag_in(tag, k_invisible) || is_hidden(k)) {
            in->flags |= F_CUT | F_INVISIBLE;
            in->reason = "hidden";
            /* Metadata may sit below (JSON-LD in <head>, <title>). */
            if (strcmp(tag, "head") == 0)
                for (xmlNodePtr h = k->children; h; h = h->next)
                    if (h->type == XML_ELEMENT_NODE && h->name)
                        collect_element_meta(c, h, (const char *)h->name);
            continue;
        }
        if (depth >= KH_HTML_MAX_DEPTH) {
            in->flags |= F_CUT;
            in->reason = "too deep";
            continue;
        }
        int link = in_link || strcmp(tag, "a") == 0;
        prep(c, k, depth + 1, link, in);
        if (strcmp(tag, "p") == 0 || strcmp(tag, "pre") == 0 || strcmp(tag, "blockquote") == 0 ||
            (strcmp(tag, "div") == 0 && !(in->flags & F_BLOCKKID) && in->text >= 25))
            in->paras++;
        if (strcmp(tag, "li") == 0)
            in->lists++;
        if (strcmp(tag, "br") == 0 && parent)
            parent->paras += 0;
        /* Inline elements carry no hints worth the lookup. */
        static const char *const inline_tags[] = {"a", "span", "b", "i", "em", "strong",
                                                  "img", "sup", "sub", "small", "abbr", "code",
                                                  "cite", "u", "s", "label", "font", "br",
                                                  "wbr", "time", "mark", "q", NULL};
        hint_match hm = {0, 0, 0, 0, 0, NULL};
        if (!tag_in(tag, inline_tags))
            hm = class_hints(c->hints, k);
        in->weight = hm.weight;
        const char *why = boiler_reason(k, tag, in, &hm);
        if (!why && hm.weight < 0)
            in->reason = hm.reason; /* kept for the article clean-up */
        if (why) {
            in->flags |= F_CUT;
            in->reason = why;
        }
        if (parent && !(in->flags & F_CUT)) {
            parent->text += in->text;
            parent->link += in->link;
            parent->commas += in->commas;
            parent->paras += in->paras;
            parent->lists += in->lists;
        }
        if (parent && in->last_line > parent->last_line)
            parent->last_line = in->last_line;
    }
}

/* Marks F_DEAD below cut elements. */
static void mark_dead(ctx *c, xmlNodePtr n, int dead, int depth)
{
    for (xmlNodePtr k = n->children; k; k = k->next) {
        ninfo *in = k->type == XML_ELEMENT_NODE ? info_of(c, k) : NULL;
        if (!in)
            continue;
        int d = dead || (in->flags & F_CUT);
        if (d)
            in->flags |= F_DEAD;
        if (depth < KH_HTML_MAX_DEPTH)
            mark_dead(c, k, d, depth + 1);
    }
}

/* ------------------------------------------------------------------ */
/* Pass 2-3: scores and selection                                       */

static double link_density(const ninfo *in)
{
    return in->text ? (double)in->link / in->text : 0.0;
}

static void init_score(ninfo *in, const char *tag)
{
    if (in->flags & F_INIT)
        return;
    in->flags |= F_INIT;
    double s = 0;
    if (strcmp(tag, "div") == 0 || strcmp(tag, "article") == 0 || strcmp(tag, "main") == 0)
        s = 5;
    else if (strcmp(tag, "pre") == 0 || strcmp(tag, "td") == 0 || strcmp(tag, "blockquote") == 0)
        s = 3;
    else if (strcmp(tag, "address") == 0 || strcmp(tag, "ol") == 0 || strcmp(tag, "ul") == 0 ||
             strcmp(tag, "dl") == 0 || strcmp(tag, "dd") == 0 || strcmp(tag, "dt") == 0 ||
             strcmp(tag, "li") == 0 || strcmp(tag, "form") == 0)
        s = -3;
    else if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2])
        s = -5;
    else if (strcmp(tag, "th") == 0)
        s = -5;
    if (strcmp(tag, "article") == 0)
        s += 10;
    in->score = s + in->weight;
}

static int is_scorable(const ninfo *in, const char *tag)
{
    if (strcmp(tag, "p") == 0 || strcmp(tag, "pre") == 0 || strcmp(tag, "td") == 0)
        return 1;
    if ((strcmp(tag, "div") == 0 || strcmp(tag, "section") == 0) && !(in->flags & F_BLOCKKID))
        return 1;
    return 0;
}

static void score_all(ctx *c)
{
    for (size_t i = 0; i < c->norder; i++) {
        xmlNodePtr n = c->order[i];
        ninfo *in = info_of(c, n);
        const char *tag = (const char *)n->name;
        if ((in->flags & F_DEAD) || !is_scorable(in, tag) || in->text < 25)
            continue;
        double s = 1 + in->commas + (in->text / 100 < 3 ? in->text / 100 : 3);
        xmlNodePtr a = n->parent;
        for (int level = 0; level < 5 && a && a->type == XML_ELEMENT_NODE; level++, a = a->parent) {
            ninfo *ai = info_of(c, a);
            if (!ai)
                break;
            init_score(ai, (const char *)a->name);
            double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            ai->score += s / div;
        }
    }
}

static double final_score(const ninfo *in)
{
    return in->score * (1 - link_density(in));
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (const xmlNode *p = n; p; p = p->parent)
        if (p == a)
            return 1;
    return 0;
}

static xmlNodePtr select_top(ctx *c, xmlNodePtr body)
{
    enum { NTOP = 5, MIN_ALTS = 2 };
    ninfo *top[NTOP] = {0};
    for (size_t i = 0; i < c->ninfo; i++) {
        ninfo *in = &c->info[i];
        if (!(in->flags & F_INIT) || (in->flags & F_DEAD) || is_tag(in->node, "body") ||
            is_tag(in->node, "html"))
            continue;
        double s = final_score(in);
        for (int k = 0; k < NTOP; k++) {
            if (!top[k] || s > final_score(top[k])) {
                memmove(&top[k + 1], &top[k], (size_t)(NTOP - 1 - k) * sizeof top[0]);
                top[k] = in;
                break;
            }
        }
    }
    if (!top[0])
        return body;
    xmlNodePtr best = top[0]->node;
    double best_s = final_score(top[0]);
    /* Near-best candidates elsewhere (not above or below the best) that
     * share an ancestor with it: the article is split, take the ancestor. */
    ninfo *alt[NTOP];
    int nalt = 0;
    for (int k = 1; k < NTOP; k++)
        if (top[k] && final_score(top[k]) >= 0.75 * best_s && !is_ancestor(top[k]->node, best) &&
            !is_ancestor(best, top[k]->node))
            alt[nalt++] = top[k];
    if (nalt >= MIN_ALTS) {
        for (xmlNodePtr p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE;
             p = p->parent) {
            int inside = 0;
            for (int k = 0; k < nalt; k++)
                inside += is_ancestor(p, alt[k]->node);
            if (inside >= MIN_ALTS) {
                best = p;
                break;
            }
        }
    }
    ninfo *bi = info_of(c, best);
    init_score(bi, (const char *)best->name);
    /* Climb while the parent scores higher. */
    double last = bi->score;
    double floor = bi->score / 3;
    for (xmlNodePtr p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE;
         p = p->parent) {
        ninfo *pi = info_of(c, p);
        if (!pi || !(pi->flags & F_INIT))
            continue;
        if (pi->score < floor)
            break;
        if (pi->score > last) {
            best = p;
            break;
        }
        last = pi->score;
    }
    /* An only child stands for its parent. */
    while (best->parent && best->parent != body && best->parent->type == XML_ELEMENT_NODE) {
        int kids = 0;
        for (xmlNodePtr k = best->parent->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE && !(info_of(c, k)->flags & F_DEAD))
                kids++;
        if (kids != 1)
            break;
        best = best->parent;
    }
    return best;
}

static int ends_sentence(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return 0;
    int r = strstr((const char *)t, ". ") != NULL;
    size_t len = strlen((const char *)t);
    while (len > 0 && isspace(t[len - 1]))
        len--;
    if (len > 0 && t[len - 1] == '.')
        r = 1;
    xmlFree(t);
    return r;
}

static void select_siblings(ctx *c, xmlNodePtr top)
{
    ninfo *ti = info_of(c, top);
    xmlNodePtr parent = top->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE || is_tag(top, "body")) {
        ti->flags |= F_SEL;
        return;
    }
    double ts = ti->score;
    double threshold = ts * 0.2 > 10 ? ts * 0.2 : 10;
    const char *tcls = attr(top, "class");
    for (xmlNodePtr k = parent->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        ninfo *ki = info_of(c, k);
        if (!ki || (ki->flags & F_DEAD))
            continue;
        if (k == top) {
            ki->flags |= F_SEL;
            continue;
        }
        double bonus = 0;
        const char *kcls = attr(k, "class");
        if (tcls && kcls && *tcls && strcmp(tcls, kcls) == 0)
            bonus = ts * 0.2;
        int take = 0;
        if ((ki->flags & F_INIT) && ki->score + bonus >= threshold)
            take = 1;
        else if (is_tag(k, "p") || (is_scorable(ki, (const char *)k->name) && ki->text > 0)) {
            double ld = link_density(ki);
            if (ki->text > 80 && ld < 0.25)
                take = 1;
            else if (ki->text < 80 && ki->text > 0 && ld == 0 && ends_sentence(k))
                take = 1;
        }
        if (take)
            ki->flags |= F_SEL;
    }
}

static void mark_has_sel(ctx *c)
{
    for (size_t i = 0; i < c->ninfo; i++) {
        if (!(c->info[i].flags & F_SEL))
            continue;
        for (xmlNodePtr p = c->info[i].node->parent; p && p->type == XML_ELEMENT_NODE;
             p = p->parent) {
            ninfo *pi = info_of(c, p);
            if (!pi || (pi->flags & F_HAS_SEL))
                break;
            pi->flags |= F_HAS_SEL;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Pass 4: text                                                         */

static const char *memmem_bounded(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || n < m)
        return NULL;
    return memmem(hay, n, needle, m);
}

/* Best-effort source span of the current line. */
static kh_span locate_line(ctx *c)
{
    kh_span sp = {0, 0};
    size_t from = line_offset(c, c->line_first);
    if (from < c->cursor)
        from = c->cursor;
    size_t window = 1 << 16;
    size_t n = c->len - (from < c->len ? from : c->len);
    if (n > window)
        n = window;
    const char *s = NULL;
    if (c->line_first_text && c->line_first_n > 0)
        s = memmem_bounded(c->src + from, n, c->line_first_text, c->line_first_n);
    size_t start = s ? (size_t)(s - c->src) : line_offset(c, c->line_first);
    size_t end = 0;
    if (c->line_last_text && c->line_last_n > 0 && start < c->len) {
        size_t m = c->len - start;
        if (m > window * 4)
            m = window * 4;
        const char *e = memmem_bounded(c->src + start, m, c->line_last_text, c->line_last_n);
        if (e)
            end = (size_t)(e - c->src) + c->line_last_n;
    }
    if (end <= start) {
        size_t le = line_end(c, c->line_last);
        end = le > start ? le : start;
    }
    if (s)
        c->cursor = end;
    sp.start = (uint32_t)(start < UINT32_MAX ? start : UINT32_MAX);
    sp.end = (uint32_t)(end < UINT32_MAX ? end : UINT32_MAX);
    return sp;
}

static int ascii_ieq(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* "read also" or "ad marker" for boilerplate lines, else NULL. */
static const char *line_verdict(const char *s, size_t n)
{
    /* Trim trailing punctuation and white space for the comparison. */
    size_t m = n;
    while (m > 0 && (s[m - 1] == ':' || s[m - 1] == ' ' || s[m - 1] == '.'))
        m--;
    for (int i = 0; i < g_nlines; i++) {
        const line_rule *r = &g_lines[i];
        if (!r->prefix && ascii_ieq(s, m, r->text, r->n))
            return "ad marker";
        if (r->prefix && n < 200 && n >= r->n && ascii_ieq(s, r->n, r->text, r->n))
            return "read also";
    }
    return NULL;
}

static void flush_line(ctx *c)
{
    kh_buf *l = &c->line;
    size_t n = l->len;
    while (n > 0 && l->data[n - 1] == ' ')
        n--;
    if (n == 0) {
        l->len = 0;
        c->line_chars = c->line_link_chars = 0;
        c->line_first_text = c->line_last_text = NULL;
        return;
    }
    kh_span sp = locate_line(c);
    const char *why = line_verdict(l->data, n);
    if (!why && c->emitted_lines == 0 && c->title_cmp && strlen(c->title_cmp) == n &&
        memcmp(c->title_cmp, l->data, n) == 0)
        why = "repeated title";
    /* A short line naming the author or the item id is a byline or an
     * info bar ("By Jane Doe", "کد خبر: ۴۵۲۱۷ | ۲۶ دی ۱۴۰۲"). */
    /* A line that is all link is a headline of another article. */
    if (!why && c->line_chars > 0 && c->line_link_chars * 10 >= c->line_chars * 9)
        why = "link list";
    if (!why && n < 200 &&
        ((c->author_cmp && strlen(c->author_cmp) >= 4 && memmem(l->data, n, c->author_cmp, strlen(c->author_cmp))) ||
         (c->item_cmp && memmem(l->data, n, c->item_cmp, strlen(c->item_cmp)))))
        why = "byline";
    if (why) {
        add_dropped(c, sp.start, sp.end, why);
    } else {
        if ((c->body.len > 0 && kh_buf_append_char(&c->body, '\n') != KH_OK) ||
            kh_buf_append(&c->body, l->data, n) != KH_OK ||
            grow((void **)&c->spans, &c->capspans, c->nspans + 1, sizeof(kh_span)))
            c->nomem = 1;
        else
            c->spans[c->nspans++] = sp;
        c->emitted_lines++;
    }
    l->len = 0;
    c->line_chars = c->line_link_chars = 0;
    c->line_first_text = c->line_last_text = NULL;
}

/* Appends text with white space collapsed (kept inside <pre>). */
static void add_text(ctx *c, const xmlNode *t)
{
    const char *s = (const char *)t->content;
    kh_buf *l = &c->line;
    for (size_t i = 0; s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];
        int nbsp = ch == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
        if (c->line_pre && ch == '\n') {
            flush_line(c);
            continue;
        }
        if (isspace(ch) || nbsp) {
            if (nbsp)
                i++;
            if (l->len > 0 && l->data[l->len - 1] != ' ')
                if (kh_buf_append_char(l, ' ') != KH_OK)
                    c->nomem = 1;
            continue;
        }
        if (!c->line_first_text) {
            /* Remember a searchable prefix of the line: up to 24 bytes
             * without '&' or '<' (entities and tags differ in the source). */
            size_t k = 0;
            while (s[i + k] && k < 24 && s[i + k] != '&' && s[i + k] != '<' && s[i + k] != '\n')
                k++;
            while (k > 0 && ((unsigned char)s[i + k] & 0xC0) == 0x80)
                k--;
            c->line_first_text = s + i;
            c->line_first_n = k;
            c->line_first = t->line;
        }
        if (kh_buf_append_char(l, (char)ch) != KH_OK)
            c->nomem = 1;
        c->line_chars++;
        if (c->in_link)
            c->line_link_chars++;
    }
    /* The last searchable run of this text node. */
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    size_t k = 0;
    while (k < n && k < 24 && s[n - 1 - k] != '&' && s[n - 1 - k] != '>' && s[n - 1 - k] != '\n' &&
           s[n - 1 - k] != ';')
        k++;
    while (k > 0 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
        k--;
    if (k > 0) {
        c->line_last_text = s + n - k;
        c->line_last_n = k;
        c->line_last = t->line;
    }
}

static int is_heading(const char *tag)
{
    return tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2];
}

/* Clean-up verdict for a block inside the article (Readability's
 * "clean conditionally"), or NULL to keep it. */
static const char *clean_verdict(const ninfo *in, const char *tag, const xmlNode *n)
{
    int container = strcmp(tag, "div") == 0 || strcmp(tag, "section") == 0 ||
                    strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0 ||
                    strcmp(tag, "table") == 0 || strcmp(tag, "form") == 0 ||
                    strcmp(tag, "figure") == 0 || strcmp(tag, "dl") == 0;
    if (strcmp(tag, "figcaption") == 0)
        return "caption";
    if (is_heading(tag) && in->weight < 0)
        return in->reason ? in->reason : "boilerplate";
    if (!container)
        return NULL;
    double ld0 = link_density(in);
    int prose = in->text > 400 && in->paras >= 2 && ld0 < 0.3;
    if (in->weight < 0 && !prose)
        return in->reason ? in->reason : "boilerplate";
    if (in->commas >= 10)
        return NULL;
    double ld = link_density(in);
    if (in->text == 0)
        return NULL;
    if (in->weight < 25 && ld > 0.33 && in->text < 2000)
        return "link list";
    if (in->weight >= 25 && ld > 0.5)
        return "link list";
    if (strcmp(tag, "figure") == 0 && in->paras == 0)
        return "caption";
    return NULL;
}

static void emit(ctx *c, xmlNodePtr n, int depth);

static void emit_children(ctx *c, xmlNodePtr n, int depth)
{
    for (xmlNodePtr k = n->children; k && !c->nomem; k = k->next) {
        if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
            add_text(c, k);
        else if (k->type == XML_ELEMENT_NODE)
            emit(c, k, depth + 1);
    }
}

static void emit(ctx *c, xmlNodePtr n, int depth)
{
    ninfo *in = info_of(c, n);
    if (!in)
        return;
    const char *tag = (const char *)n->name;
    if (in->flags & F_CUT) {
        if (!(in->flags & F_INVISIBLE) && in->text > 0)
            drop_node(c, n, in->reason ? in->reason : "boilerplate");
        return;
    }
    if (depth >= KH_HTML_MAX_DEPTH)
        return;
    if (strcmp(tag, "br") == 0) {
        flush_line(c);
        return;
    }
    if (strcmp(tag, "h1") == 0) {
        flush_line(c);
        drop_node(c, n, "repeated title");
        return;
    }
    const char *why = clean_verdict(in, tag, n);
    /* An <article> inside the article, holding a minor part of its text,
     * is a teaser of another one (related posts, "more from"). */
    if (!why && c->in_article && strcmp(tag, "article") == 0 && c->top_text > 0 &&
        in->text * 2 < c->top_text)
        why = "related";
    if (why) {
        flush_line(c);
        if (in->text > 0)
            drop_node(c, n, why);
        return;
    }
    int block = tag_in(tag, k_block);
    if (block)
        flush_line(c);
    int pre = strcmp(tag, "pre") == 0;
    int link = strcmp(tag, "a") == 0;
    int article = strcmp(tag, "article") == 0;
    c->in_article += article;
    int was_pre = c->line_pre;
    if (pre)
        c->line_pre = 1;
    c->in_link += link;
    emit_children(c, n, depth);
    c->in_link -= link;
    c->in_article -= article;
    if (pre)
        c->line_pre = was_pre;
    if (block)
        flush_line(c);
}

/* Outside the selection: report visible blocks, descend to the article. */
static void walk_outside(ctx *c, xmlNodePtr n, int depth)
{
    for (xmlNodePtr k = n->children; k && !c->nomem; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        ninfo *in = info_of(c, k);
        if (!in)
            continue;
        if (in->flags & F_SEL) {
            emit(c, k, depth + 1);
            continue;
        }
        if ((in->flags & F_HAS_SEL) && depth < KH_HTML_MAX_DEPTH) {
            walk_outside(c, k, depth + 1);
            continue;
        }
        if (in->flags & F_INVISIBLE)
            continue;
        if (in->text > 0)
            drop_node(c, k, (in->flags & F_CUT) && in->reason ? in->reason : "outside article");
        else if ((in->flags & F_CUT) && in->reason && strcmp(in->reason, "too deep") == 0)
            drop_node(c, k, in->reason);
    }
}

/* ------------------------------------------------------------------ */
/* Metadata choice and spans                                            */

static kh_span find_span(const ctx *c, const char *value)
{
    kh_span sp = {0, 0};
    if (!value)
        return sp;
    size_t n = strlen(value);
    if (n == 0 || n > c->len)
        return sp;
    const char *s = memmem(c->src, c->len, value, n);
    if (s) {
        sp.start = (uint32_t)(s - c->src);
        sp.end = (uint32_t)(sp.start + n);
    }
    return sp;
}

static char *take(char **slot)
{
    char *v = *slot;
    *slot = NULL;
    return v;
}

static char *pick(char **a, char **b, char **c2, char **d)
{
    if (a && *a)
        return take(a);
    if (b && *b)
        return take(b);
    if (c2 && *c2)
        return take(c2);
    if (d && *d)
        return take(d);
    return NULL;
}

/* Strips " | Outlet" or " - Outlet" from a title. */
static void strip_outlet(char *title, const char *outlet)
{
    if (!title)
        return;
    static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", NULL};
    size_t tn = strlen(title);
    if (outlet) {
        size_t on = strlen(outlet);
        for (int i = 0; seps[i]; i++) {
            size_t sn = strlen(seps[i]);
            if (tn > on + sn && strcmp(title + tn - on, outlet) == 0 &&
                memcmp(title + tn - on - sn, seps[i], sn) == 0) {
                title[tn - on - sn] = '\0';
                return;
            }
            if (tn > on + sn && strncmp(title, outlet, on) == 0 &&
                memcmp(title + on, seps[i], sn) == 0) {
                memmove(title, title + on + sn, tn - on - sn + 1);
                return;
            }
        }
    }
}

static int all_digits_item(const char *s, size_t *n)
{
    /* ASCII, Persian and Arabic-Indic digits. */
    size_t i = 0;
    while (s[i]) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a >= '0' && a <= '9')
            i++;
        else if ((a == 0xDB && b >= 0xB0 && b <= 0xB9) || (a == 0xD9 && b >= 0xA0 && b <= 0xA9))
            i += 2;
        else
            break;
    }
    *n = i;
    return i > 0;
}

/* "کد خبر: 38143" and the like, anywhere in the page. */
static void find_item_id(ctx *c, kh_extracted *out)
{
    static const char *const labels[] = {"کد خبر", "شناسه خبر", "کد مطلب", "رقم الخبر",
                                         "رمز الخبر", "رقم المقال", NULL};
    /* Every label starts with U+06A9 (DA A9) or a letter of D8 xx: pages
     * without those bytes (most non-Arabic-script pages) are skipped. */
    if (!memchr(c->src, 0xD8, c->len) && !memchr(c->src, 0xDA, c->len))
        return;
    for (int i = 0; labels[i]; i++) {
        size_t ln = strlen(labels[i]);
        const char *p = memmem(c->src, c->len, labels[i], ln);
        if (!p)
            continue;
        size_t off = (size_t)(p - c->src) + ln;
        size_t lim = off + 64 < c->len ? off + 64 : c->len;
        /* Skip ':' white space and tags up to the number. */
        while (off < lim) {
            unsigned char ch = (unsigned char)c->src[off];
            if (ch == '<') {
                const char *gt = memchr(c->src + off, '>', lim - off);
                if (!gt)
                    break;
                off = (size_t)(gt - c->src) + 1;
                continue;
            }
            if (ch == ':' || isspace(ch) || ch == '-') {
                off++;
                continue;
            }
            if (ch == 0xC2 && off + 1 < lim && (unsigned char)c->src[off + 1] == 0xA0) {
                off += 2;
                continue;
            }
            break;
        }
        if (off >= lim)
            continue;
        char tmp[80];
        size_t m = lim - off < sizeof tmp - 1 ? lim - off : sizeof tmp - 1;
        memcpy(tmp, c->src + off, m);
        tmp[m] = '\0';
        size_t dn = 0;
        if (all_digits_item(tmp, &dn)) {
            out->item_id = xstrndup(c, tmp, dn);
            out->item_id_span.start = (uint32_t)off;
            out->item_id_span.end = (uint32_t)(off + dn);
            return;
        }
    }
}

static void meta_free(meta *m)
{
    char **f = (char **)m;
    for (size_t i = 0; i < sizeof *m / sizeof(char *); i++)
        free(f[i]);
    memset(m, 0, sizeof *m);
}

static void choose_metadata(ctx *c, kh_extracted *out)
{
    meta *m = &c->m;
    out->outlet = pick(&m->og_site, &m->ld_publisher, &m->meta_app, NULL);
    /* Author: article:author is often a profile URL. */
    if (m->art_author && strncmp(m->art_author, "http", 4) == 0) {
        free(m->art_author);
        m->art_author = NULL;
    }
    out->author = pick(&m->ld_author, &m->meta_author, &m->art_author, NULL);
    out->published_raw = pick(&m->ld_published, &m->art_published, &m->meta_date, &m->time_dt);
    out->modified_raw = pick(&m->ld_modified, &m->art_modified, &m->meta_modified, NULL);
    out->canonical_url = pick(&m->canonical, &m->og_url, &m->ld_url, NULL);
    out->lang = pick(&m->html_lang, &m->og_locale, &m->ld_lang, &m->meta_lang);
    out->title = pick(&m->ld_headline, &m->og_title, &m->h1, &m->title);
    strip_outlet(out->title, out->outlet);
    out->title_span = find_span(c, out->title);
    out->outlet_span = find_span(c, out->outlet);
    out->author_span = find_span(c, out->author);
    out->published_span = find_span(c, out->published_raw);
    out->modified_span = find_span(c, out->modified_raw);
    find_item_id(c, out);
}

/* ------------------------------------------------------------------ */
/* Entry point                                                          */

static void ctx_free(ctx *c)
{
    free(c->hints);
    free(c->lines);
    free(c->info);
    free(c->order);
    meta_free(&c->m);
    kh_buf_free(&c->body);
    kh_buf_free(&c->line);
    free(c->spans);
    free(c->dropped);
}

/* Elements in the tree, counted without recursion, so that ctx.info can
 * be allocated once and pointers into it stay valid during pass 1. */
static size_t count_elements(xmlNodePtr root)
{
    size_t n = 0;
    xmlNodePtr p = root;
    while (p) {
        if (p->type == XML_ELEMENT_NODE)
            n++;
        if (p->children && p->type == XML_ELEMENT_NODE) {
            p = p->children;
            continue;
        }
        while (p && p != root && !p->next)
            p = p->parent;
        if (!p || p == root)
            break;
        p = p->next;
    }
    return n;
}

static xmlNodePtr find_body(xmlNodePtr root)
{
    for (xmlNodePtr k = root ? root->children : NULL; k; k = k->next)
        if (is_tag(k, "body"))
            return k;
    return root;
}

int kh_html_extract(const char *html, size_t len, kh_extracted *out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_html_extract: NULL output");
    memset(out, 0, sizeof *out);
    if (!html && len > 0)
        return kh_set_error(KH_EINVAL, "kh_html_extract: NULL input");
    if (len > KH_HTML_MAX_BYTES)
        return kh_set_error(KH_EINVAL, "HTML page of %zu bytes exceeds the %zu-byte limit", len,
                            KH_HTML_MAX_BYTES);
    if (len > INT32_MAX)
        return kh_set_error(KH_EINVAL, "HTML page too large");
    const char *nul = len ? memchr(html, '\0', len) : NULL;
    if (nul)
        return kh_set_error(KH_EENCODING, "binary data: NUL byte at offset %zu",
                            (size_t)(nul - html));
    size_t bad = kh_utf8_invalid_offset(html, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte offset %zu", bad);
    size_t i = 0;
    while (i < len && isspace((unsigned char)html[i]))
        i++;
    if (i == len)
        return kh_set_error(KH_EPARSE, "empty HTML page");
    pthread_once(&g_once, load_hints);

    htmlParserCtxtPtr pctx = htmlNewParserCtxt();
    if (!pctx)
        return kh_set_error(KH_ENOMEM, "out of memory creating the HTML parser");
    htmlDocPtr doc = htmlCtxtReadMemory(pctx, html, (int)len, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_COMPACT);
    /* libxml2 stops at 256 levels of nesting ("Excessive depth"): the rest
     * of the page is lost, so the page is refused rather than cut. */
    int too_deep = pctx->lastError.message &&
                   strstr(pctx->lastError.message, "Excessive depth") != NULL;
    int line = pctx->lastError.line;
    htmlFreeParserCtxt(pctx);
    if (doc && too_deep) {
        xmlFreeDoc(doc);
        return kh_set_error(KH_EPARSE, "elements nested deeper than %d levels (line %d)",
                            KH_HTML_MAX_DEPTH, line);
    }
    if (!doc)
        return kh_set_error(KH_EPARSE, "libxml2 could not parse the page");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) {
        xmlFreeDoc(doc);
        return kh_set_error(KH_EPARSE, "HTML page has no root element");
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.src = html;
    c.len = len;
    c.hints = calloc(HINT_CACHE, sizeof *c.hints); /* NULL: no cache, still correct */
    int rc = KH_OK;
    if (build_lines(&c)) {
        rc = kh_set_error(KH_ENOMEM, "out of memory indexing lines");
        goto done;
    }
    /* The root itself gets an info slot so that its children have a parent. */
    size_t nel = count_elements(root) + 1;
    if (grow((void **)&c.info, &c.capinfo, nel, sizeof(ninfo)) ||
        grow((void **)&c.order, &c.caporder, nel, sizeof(xmlNodePtr)) || new_info(&c, root)) {
        rc = kh_set_error(KH_ENOMEM, "out of memory");
        goto done;
    }
    collect_element_meta(&c, root, (const char *)root->name);
    prep(&c, root, 1, 0, &c.info[0]);
    if (c.nomem) {
        rc = kh_set_error(KH_ENOMEM, "out of memory extracting HTML");
        goto done;
    }
    mark_dead(&c, root, 0, 1);
    xmlNodePtr body = find_body(root);
    score_all(&c);
    xmlNodePtr top = select_top(&c, body);
    select_siblings(&c, top);
    mark_has_sel(&c);
    c.top_text = info_of(&c, top)->text;
    /* An <article> around the selection counts as being inside one. */
    for (xmlNodePtr p = top->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        c.in_article += is_tag(p, "article");

    choose_metadata(&c, out);
    c.title_cmp = out->title;
    c.author_cmp = out->author;
    c.item_cmp = out->item_id;
    if (info_of(&c, body)->flags & F_SEL)
        emit(&c, body, 1);
    else
        walk_outside(&c, body, 1);
    flush_line(&c);
    if (c.nomem) {
        rc = kh_set_error(KH_ENOMEM, "out of memory extracting HTML");
        goto done;
    }
    if (!c.body.data && kh_buf_append(&c.body, "", 0) != KH_OK) {
        rc = KH_ENOMEM;
        goto done;
    }
    out->body = kh_buf_detach(&c.body, NULL);
    out->body_spans = c.spans;
    out->n_body_spans = c.nspans;
    c.spans = NULL;
    out->dropped = c.dropped;
    out->n_dropped = c.ndropped;
    c.dropped = NULL;
done:
    /* Clear our indices before libxml2 frees the tree. */
    for (size_t k = 0; k < c.ninfo; k++)
        c.info[k].node->_private = NULL;
    ctx_free(&c);
    xmlFreeDoc(doc);
    if (rc != KH_OK)
        kh_extracted_free(out);
    return rc;
}
