/*
 * dump.c: the text-dump extractor (see dump.h for the output contract and
 * docs/extract-dumps.md for the rules with examples).
 *
 * A dump is read as a sequence of lines; each line gets features, then one
 * pass over the lines with a small state machine assigns a class:
 *
 *     HEAD ──first prose line──▶ BODY ──section cue / source line / "X X"──▶ TAIL
 *      │ metadata, title                │ paragraphs                         │ boilerplate
 *      │ candidates, navigation         │ (prefixes: desk label, dateline;   │ (resumes BODY only for
 *      ▼                                │  inline ad markers cut out)        │  prose coherent with
 *   title = repeated candidate,         ▼                                    │  the body, never after
 *   else the longest                 dropped: repeated title/line,           │  an incoherent one)
 *                                    template, navigation, metadata          ▼
 *
 * Line features (computed once, on the folded copy of dump_lex.h):
 *   nwords     tokens with a letter or digit;
 *   strong     ends with '.', '…' (after closing quotes); weak: '?', '!';
 *   prose      (strong and >= 6 words) or (weak and >= 12) or >= 25 words:
 *              a paragraph of running text, never a headline or a label;
 *   doubled    "X X" with X of >= 3 words: a sidebar headline printed with
 *              its link text (in the head: the title printed twice);
 *   exact      hash of the folded line, counted over the dump: a title
 *              candidate that recurs is the title, a later copy of the
 *              title is "repeated title", a repeated paragraph is dropped;
 *   key        the same with digit runs as '0', looked up in a
 *              kh_dump_template (lines recurring across the outlet);
 *   cue        the longest lexicon phrase the line starts with.
 *
 * Cues are accepted with guards so that running text is not mistaken for a
 * label: metadata cues need a short line (<= 16 words); section cues need a
 * ':' after the phrase or a short, unpunctuated line; navigation cues must
 * be the whole line. In the head, a line of <= 8 words with a month name
 * and a number is a date line without a label.
 *
 * Paragraph prefixes (first paragraphs only): a desk label "گروه X:" on the
 * first; a dateline on the first DATELINE_PARAS while no outlet is known:
 * "به گزارش <outlet>،" or "<outlet>- " / "PLACE (Outlet) - " (a place name
 * from the lexicon or an upper-case ASCII word is not an outlet). The
 * prefix is dropped with its reason, the outlet span lies inside it.
 *
 * Coherence with the body: the share of the line's tokens of four or more
 * letters (compared without Arabic-script clitics) that already occur in
 * the body, title included. Only a prose line in the TAIL after a tag
 * list, a "read also" box or a source line is tested. At COHERENT or above
 * it rejoins the body (an inline "read also" box inside an article); below
 * it starts an "unrelated article" and nothing after it rejoins. Body
 * paragraphs of the seeds score 0.2-0.7 against the paragraphs before
 * them, the unrelated article of seed 004 0.16. Sidebars (latest, most
 * viewed, related, comments) are never resumed: their summaries are often
 * on the same topic.
 *
 * After the pass: short unpunctuated lines closing the body are "trailer";
 * without any title line the title is derived from the lead (first
 * sentence, else its last clause or word boundary within TITLE_MAX_CP code
 * points, trailing function words removed; title_derived = 1).
 *
 * Every step is linear in the input: one fold, one split, one pass, hash
 * sets for repetition and vocabulary, and a lexicon scan per line bounded
 * by the size of the lexicon.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/grow.h"
#include "extract/dump.h"
#include "extract/dump_lex.h"
#include "text/utf8.h"

#define TITLE_MAX_CP 100   /* a derived headline is cut to this many code points */
#define META_MAX_WORDS 16  /* metadata lines are short */
#define COHERENT 0.3       /* share of body words for a tail paragraph to rejoin */
#define DATELINE_PARAS 3   /* datelines are looked for in the first paragraphs */

enum { LC_BLANK, LC_CAND, LC_TITLE, LC_META, LC_BODY, LC_DROP };
enum { Z_HEAD, Z_BODY, Z_TAIL };

#define META_KINDS                                                                          \
    (KH_CUE_BIT(KH_CUE_DATE) | KH_CUE_BIT(KH_CUE_MODIFIED) | KH_CUE_BIT(KH_CUE_ID) |        \
     KH_CUE_BIT(KH_CUE_SOURCE) | KH_CUE_BIT(KH_CUE_BYLINE))
#define SECTION_KINDS                                                                       \
    (KH_CUE_BIT(KH_CUE_TAGS) | KH_CUE_BIT(KH_CUE_READALSO) | KH_CUE_BIT(KH_CUE_RELATED) |   \
     KH_CUE_BIT(KH_CUE_LATEST) | KH_CUE_BIT(KH_CUE_POPULAR) | KH_CUE_BIT(KH_CUE_COMMENTS) | \
     KH_CUE_BIT(KH_CUE_COPYRIGHT))
#define LINE_KINDS (KH_CUE_BIT(KH_CUE_NAV) | KH_CUE_BIT(KH_CUE_ADLINE))

typedef struct dline {
    uint32_t start, end; /* the line in the input, white space trimmed */
    uint32_t fs, fe;     /* the line in the folded text */
    uint32_t bstart;     /* LC_BODY: where the kept text starts */
    uint32_t desk_end;   /* LC_BODY: end of a desk label prefix, or 0 */
    uint32_t nwords;
    uint8_t strong, weak, prose, doubled;
    uint8_t cls;
    const char *reason; /* LC_META/LC_DROP: why; LC_BODY: of the prefix */
    uint64_t key;   /* kh_dump_line_key: for the template counter */
    uint64_t exact; /* hash of the folded line: repetition inside the dump */
} dline;

typedef struct dctx {
    const char *text;
    size_t len;
    const kh_dump_template *tpl;
    kh_dump_folded f;
    kh_dump_lexicon own; /* loaded for this call when no cues were given */
    const kh_dump_lexicon *lx;
    dline *ln;
    size_t nln;
    kh_dump_hset lines;  /* line key -> occurrences in this dump */
    kh_dump_hset vocab;  /* tokens of the body */
    kh_dump_hset seen;   /* keys of body lines */
    kh_span title, outlet, author, published, modified, item_id;
    int have_title, title_derived;
    uint64_t title_key;
    size_t nbody;
    int zone, tail, unrelated;
    kh_extracted *out;
    kh_buf body;
    size_t spans_cap, dropped_cap;
} dctx;

/* ---- small helpers on the input ---------------------------------- */

/* Length of the white space (or invisible format character) ending at e. */
static size_t space_before(const char *s, size_t b, size_t e)
{
    if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
        return 1;
    if (e >= b + 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0)
        return 2;
    if (e >= b + 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80) {
        unsigned char c = (unsigned char)s[e - 1];
        if ((c >= 0x80 && c <= 0x8F) || c == 0xAF)
            return 3; /* U+2000..U+200F, U+202F */
    }
    if (e >= b + 3 && (unsigned char)s[e - 3] == 0xEF && (unsigned char)s[e - 2] == 0xBB &&
        (unsigned char)s[e - 1] == 0xBF)
        return 3;
    return 0;
}

static size_t space_after(const char *s, size_t b, size_t e)
{
    if (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n'))
        return 1;
    if (b + 2 <= e && (unsigned char)s[b] == 0xC2 && (unsigned char)s[b + 1] == 0xA0)
        return 2;
    if (b + 3 <= e && (unsigned char)s[b] == 0xE2 && (unsigned char)s[b + 1] == 0x80) {
        unsigned char c = (unsigned char)s[b + 2];
        if ((c >= 0x80 && c <= 0x8F) || c == 0xAF)
            return 3;
    }
    if (b + 3 <= e && (unsigned char)s[b] == 0xEF && (unsigned char)s[b + 1] == 0xBB &&
        (unsigned char)s[b + 2] == 0xBF)
        return 3;
    return 0;
}

static kh_span trim(const char *s, size_t b, size_t e)
{
    size_t n;
    while (b < e && (n = space_after(s, b, e)) > 0)
        b += n;
    while (e > b && (n = space_before(s, b, e)) > 0)
        e -= n;
    return (kh_span){(uint32_t)b, (uint32_t)e};
}

/* The input span of the folded range [a, b), trimmed. */
static kh_span fspan(const dctx *c, size_t a, size_t b)
{
    return trim(c->text, c->f.map[a], c->f.map[b]);
}

static char *span_dup(const char *text, kh_span sp)
{
    size_t n = sp.end - sp.start;
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, text + sp.start, n);
    s[n] = '\0';
    return s;
}

/* ---- line features ---------------------------------------------- */

static uint32_t count_words(const char *s, size_t n)
{
    uint32_t words = 0;
    int in = 0;
    size_t i = 0;
    while (i < n) {
        int w = kh_dump_is_word_cp(kh_utf8_next(s, &i));
        if (w && !in)
            words++;
        in = w;
    }
    return words;
}

static int is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0xBB || cp == 0x201D ||
           cp == 0x2019 || cp == 0x203A;
}

/* Sentence punctuation at the end of a folded line: 2 strong, 1 weak, 0. */
static int end_punct(const char *s, size_t n)
{
    while (n > 0) {
        size_t i = n - 1;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        size_t j = i;
        uint32_t cp = kh_utf8_next(s, &j);
        if (cp == '.' || cp == 0x2026)
            return 2;
        if (cp == '!' || cp == '?')
            return 1;
        if (!is_closer(cp) && cp != ' ')
            return 0;
        n = i;
    }
    return 0;
}

static int is_doubled(const char *s, size_t n)
{
    if (n < 5 || n % 2 == 0 || s[n / 2] != ' ')
        return 0;
    return memcmp(s, s + n / 2 + 1, n / 2) == 0 && count_words(s, n / 2) >= 3;
}

static int split_lines(dctx *c)
{
    size_t cap = 16;
    c->ln = malloc(cap * sizeof *c->ln);
    if (!c->ln)
        return kh_set_error(KH_ENOMEM, "out of memory splitting a dump");
    size_t fs = 0;
    while (fs <= c->f.len) {
        const char *nl = memchr(c->f.s + fs, '\n', c->f.len - fs);
        size_t fe = nl ? (size_t)(nl - c->f.s) : c->f.len;
        if (c->nln == cap) {
            dline *v = realloc(c->ln, cap * 2 * sizeof *v);
            if (!v)
                return kh_set_error(KH_ENOMEM, "out of memory splitting a dump");
            c->ln = v;
            cap *= 2;
        }
        dline *l = &c->ln[c->nln++];
        memset(l, 0, sizeof *l);
        l->fs = (uint32_t)fs;
        l->fe = (uint32_t)fe;
        if (fe > fs) {
            const char *s = c->f.s + fs;
            size_t n = fe - fs;
            kh_span sp = fspan(c, fs, fe);
            l->start = sp.start;
            l->end = sp.end;
            l->bstart = sp.start;
            l->nwords = count_words(s, n);
            int p = end_punct(s, n);
            l->strong = p == 2;
            l->weak = p == 1;
            l->prose = (l->strong && l->nwords >= 6) || (l->weak && l->nwords >= 12) ||
                       l->nwords >= 25;
            l->doubled = (uint8_t)is_doubled(s, n);
            l->key = kh_dump_line_key(s, n);
            l->exact = kh_dump_hash(s, n);
            l->cls = LC_CAND; /* provisional */
            int rc = kh_dump_hset_add(&c->lines, l->exact, NULL);
            if (rc)
                return rc;
        } else {
            l->cls = LC_BLANK;
        }
        if (!nl)
            break;
        fs = fe + 1;
    }
    return KH_OK;
}

/* ---- cues on a line ---------------------------------------------- */

static const kh_cue *line_cue(const dctx *c, const dline *l, uint32_t kinds, size_t *after,
                              int *colon)
{
    return kh_dump_cue_prefix(c->lx, c->f.s + l->fs, l->fe - l->fs, kinds, after, colon);
}

static const kh_cue *meta_cue(const dctx *c, const dline *l, size_t *after)
{
    int colon = 0;
    const kh_cue *cue = line_cue(c, l, META_KINDS, after, &colon);
    if (!cue || l->nwords > META_MAX_WORDS || *after >= l->fe - l->fs)
        return NULL;
    if (!colon && (l->prose || l->nwords > cue->nwords + 6u))
        return NULL;
    return cue;
}

static const kh_cue *section_cue(const dctx *c, const dline *l)
{
    size_t after;
    int colon = 0;
    const kh_cue *cue = line_cue(c, l, SECTION_KINDS, &after, &colon);
    if (!cue)
        return NULL;
    if (cue->kind == KH_CUE_COPYRIGHT)
        return l->nwords <= 24 ? cue : NULL;
    if (colon || (l->nwords <= cue->nwords + 4u && !l->strong))
        return cue;
    return NULL;
}

static const kh_cue *whole_line_cue(const dctx *c, const dline *l)
{
    size_t after;
    const kh_cue *cue = line_cue(c, l, LINE_KINDS, &after, NULL);
    return cue && after == (size_t)(l->fe - l->fs) ? cue : NULL;
}

static const char *section_reason(int kind)
{
    switch (kind) {
    case KH_CUE_TAGS: return "tag list";
    case KH_CUE_READALSO: return "read also";
    case KH_CUE_RELATED: return "related";
    case KH_CUE_LATEST: return "latest news";
    case KH_CUE_POPULAR: return "most viewed";
    case KH_CUE_COMMENTS: return "comments";
    case KH_CUE_COPYRIGHT: return "copyright";
    case KH_CUE_NAV: return "navigation";
    case KH_CUE_ADLINE: return "ad marker";
    case KH_CUE_SOURCE: return "source line";
    default: return "boilerplate";
    }
}

/* Why a non-cue line inside the tail is dropped. */
static const char *tail_reason(int tail)
{
    switch (tail) {
    case KH_CUE_TAGS: return "tag list";
    case KH_CUE_READALSO: return "read also";
    case KH_CUE_RELATED:
    case KH_CUE_LATEST:
    case KH_CUE_POPULAR: return "sidebar";
    case KH_CUE_COMMENTS: return "comments";
    case KH_CUE_COPYRIGHT: return "copyright";
    default: return "trailer";
    }
}

/* ---- metadata ---------------------------------------------------- */

static void set_meta(dctx *c, dline *l, const kh_cue *cue, size_t after, int record)
{
    kh_span v = fspan(c, l->fs + after, l->fe);
    l->cls = LC_META;
    switch (cue->kind) {
    case KH_CUE_DATE:
        l->reason = "date line";
        if (record && !c->published.end)
            c->published = v;
        break;
    case KH_CUE_MODIFIED:
        l->reason = "modified line";
        if (record && !c->modified.end)
            c->modified = v;
        break;
    case KH_CUE_ID:
        l->reason = "item id line";
        if (record && !c->item_id.end)
            c->item_id = v;
        break;
    case KH_CUE_SOURCE:
        l->reason = "source line";
        if (record && !c->outlet.end)
            c->outlet = v;
        break;
    default:
        l->reason = "byline";
        if (record && !c->author.end)
            c->author = v;
        break;
    }
}

/* ---- body vocabulary and coherence ------------------------------- */

/* Arabic-script clitics a token is compared without: the conjunction waw
 * and the article (wa-, al-, wal-, bal-, fal-, kal-, lil-) in front, the
 * Persian plural -ha / -hay behind. A light stem, for overlap only. */
static const char *const stem_prefixes[] = {
    "\xd9\x88\xd8\xa7\xd9\x84", "\xd8\xa8\xd8\xa7\xd9\x84", "\xd9\x81\xd8\xa7\xd9\x84",
    "\xd9\x83\xd8\xa7\xd9\x84", "\xd9\x84\xd9\x84", "\xd8\xa7\xd9\x84", "\xd9\x88",
};
static const char *const stem_suffixes[] = {
    "\xd9\x87\xd8\xa7\xd9\x8a", "\xd9\x87\xd8\xa7",
};

/* Hash of a folded token after stripping one prefix and one suffix, as
 * long as six bytes (three Arabic letters) remain. */
static uint64_t token_hash(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof stem_prefixes / sizeof *stem_prefixes; i++) {
        size_t k = strlen(stem_prefixes[i]);
        if (n >= k + 6 && memcmp(s, stem_prefixes[i], k) == 0) {
            s += k;
            n -= k;
            break;
        }
    }
    for (size_t i = 0; i < sizeof stem_suffixes / sizeof *stem_suffixes; i++) {
        size_t k = strlen(stem_suffixes[i]);
        if (n >= k + 6 && memcmp(s + n - k, stem_suffixes[i], k) == 0) {
            n -= k;
            break;
        }
    }
    return kh_dump_hash(s, n);
}

/* Calls fn on every token of four or more code points of a folded range. */
static int each_token(dctx *c, size_t a, size_t b, int (*fn)(dctx *, uint64_t, void *), void *arg)
{
    size_t i = a, tok = a;
    unsigned cps = 0;
    while (i <= b) {
        size_t at = i;
        int w = 0;
        if (i < b)
            w = kh_dump_is_word_cp(kh_utf8_next(c->f.s, &i));
        else
            i++;
        if (w) {
            if (cps == 0)
                tok = at;
            cps++;
            continue;
        }
        if (cps >= 4) {
            int rc = fn(c, token_hash(c->f.s + tok, at - tok), arg);
            if (rc)
                return rc;
        }
        cps = 0;
    }
    return KH_OK;
}

static int vocab_add(dctx *c, uint64_t h, void *arg)
{
    (void)arg;
    return kh_dump_hset_add(&c->vocab, h, NULL);
}

static int vocab_probe(dctx *c, uint64_t h, void *arg)
{
    unsigned *n = arg;
    n[0]++;
    if (kh_dump_hset_get(&c->vocab, h))
        n[1]++;
    return KH_OK;
}

static double coherence(dctx *c, const dline *l)
{
    unsigned n[2] = {0, 0};
    each_token(c, l->fs, l->fe, vocab_probe, n);
    return n[0] >= 4 ? (double)n[1] / n[0] : 0.0;
}

/* ---- paragraph prefixes: desk label, datelines ------------------- */

/* Folded offset of the first input byte at or after input offset o. */
static size_t fold_at(const dctx *c, const dline *l, uint32_t o)
{
    size_t k = l->fs;
    while (k < l->fe && c->f.map[k] < o)
        k++;
    return k;
}

/* "گروه دیپلماسی: ..." at the start of the first paragraph. */
static size_t strip_desk(dctx *c, dline *l, size_t p)
{
    size_t after;
    const char *s = c->f.s;
    const kh_cue *cue = kh_dump_cue_prefix(c->lx, s + p, l->fe - p, KH_CUE_BIT(KH_CUE_DESK),
                                           &after, NULL);
    if (!cue)
        return p;
    size_t q = p + cue->len, words = 0;
    while (q < l->fe && q < p + cue->len + 48 && s[q] != ':') {
        if (s[q] == ' ')
            words++;
        q++;
    }
    if (q >= l->fe || s[q] != ':' || words > 3 || q + 2 >= l->fe)
        return p;
    l->desk_end = fspan(c, l->fs, q + 1).end;
    l->bstart = fspan(c, q + 1, l->fe).start;
    return q + 1 + (s[q + 1] == ' ');
}

/* "به گزارش <outlet>، ..." : the outlet is up to the comma. */
static int strip_report(dctx *c, dline *l, size_t p)
{
    size_t after;
    const char *s = c->f.s;
    const kh_cue *cue = kh_dump_cue_prefix(c->lx, s + p, l->fe - p, KH_CUE_BIT(KH_CUE_REPORT),
                                           &after, NULL);
    if (!cue)
        return 0;
    size_t a = p + after, q = a, words = 1;
    while (q < l->fe && q < a + 96 && s[q] != ',' && words <= 7) {
        if (s[q] == ' ')
            words++;
        q++;
    }
    if (q >= l->fe || s[q] != ',' || q == a)
        return 0;
    c->outlet = fspan(c, a, q);
    l->bstart = fspan(c, q + 1, l->fe).start;
    l->reason = "dateline";
    return 1;
}

static int all_upper_ascii(const char *s, kh_span sp)
{
    int letters = 0;
    for (uint32_t i = sp.start; i < sp.end; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'a' && ch <= 'z')
            return 0;
        if (ch >= 0x80)
            return 0;
        letters += ch >= 'A' && ch <= 'Z';
    }
    return letters > 0;
}

/* "<outlet>- ..." or "PLACE (Outlet) - ...": a short run then a dash. */
static int strip_dash(dctx *c, dline *l, size_t p)
{
    const char *s = c->f.s;
    size_t q = p, words = 1, paren_a = 0, paren_b = 0;
    while (q < l->fe && q < p + 96 && words <= 6) {
        char ch = s[q];
        if (ch == '-')
            break;
        if (ch == '(')
            paren_a = q + 1;
        else if (ch == ')')
            paren_b = q;
        else if (strchr(".:,;!?\"", ch))
            return 0;
        else if (ch == ' ')
            words++;
        q++;
    }
    if (q >= l->fe || s[q] != '-' || q == p || q + 1 >= l->fe || s[q + 1] != ' ')
        return 0;
    size_t xe = q;
    while (xe > p && s[xe - 1] == ' ')
        xe--;
    if (xe == p || l->fe - q < 8)
        return 0;
    if (paren_a && paren_b > paren_a && paren_b < q)
        c->outlet = fspan(c, paren_a, paren_b);
    else if (!kh_dump_cue_is(c->lx, KH_CUE_PLACE, s + p, xe - p) &&
             !all_upper_ascii(c->text, fspan(c, p, xe)))
        c->outlet = fspan(c, p, xe);
    l->bstart = fspan(c, q + 1, l->fe).start;
    l->reason = "dateline";
    return 1;
}

static void strip_prefixes(dctx *c, dline *l)
{
    size_t p = l->fs;
    if (c->nbody == 0)
        p = strip_desk(c, l, p);
    if (c->nbody < DATELINE_PARAS && !c->outlet.end && !strip_report(c, l, p))
        strip_dash(c, l, p);
}

/* ---- the pass over the lines ------------------------------------- */

static int add_body(dctx *c, dline *l)
{
    uint32_t seen = 0;
    int rc = kh_dump_hset_add(&c->seen, l->exact, &seen);
    if (rc)
        return rc;
    if (seen > 1) {
        l->cls = LC_DROP;
        l->reason = "repeated line";
        return KH_OK;
    }
    l->cls = LC_BODY;
    l->reason = NULL;
    strip_prefixes(c, l);
    c->nbody++;
    c->zone = Z_BODY;
    return each_token(c, fold_at(c, l, l->bstart), l->fe, vocab_add, NULL);
}

static void drop(dline *l, const char *reason)
{
    l->cls = LC_DROP;
    l->reason = reason;
}

/* The title among the head's candidate lines [0, upto): one that recurs
 * in the dump, else the one with most words. The others are "header". */
static int choose_title(dctx *c, size_t upto)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < upto; i++) {
        const dline *l = &c->ln[i];
        if (l->cls != LC_CAND)
            continue;
        if (kh_dump_hset_get(&c->lines, l->exact) >= 2) {
            best = i;
            break;
        }
        if (best == SIZE_MAX || l->nwords > c->ln[best].nwords)
            best = i;
    }
    if (best == SIZE_MAX)
        return 0;
    for (size_t i = 0; i < upto; i++)
        if (c->ln[i].cls == LC_CAND && i != best)
            drop(&c->ln[i], c->ln[i].exact == c->ln[best].exact ? "repeated title" : "header");
    dline *t = &c->ln[best];
    t->cls = LC_TITLE;
    t->reason = "title";
    c->have_title = 1;
    if (t->doubled) {
        size_t half = (t->fe - t->fs) / 2;
        c->title = fspan(c, t->fs, t->fs + half);
        c->title_key = kh_dump_hash(c->f.s + t->fs, half);
    } else {
        c->title = (kh_span){t->start, t->end};
        c->title_key = t->exact;
    }
    return each_token(c, t->fs, t->fe, vocab_add, NULL);
}

/* A short line with a month name and a number ("۱۳ فروردین ۱۴۰۳ - ۱۶:۵۳",
 * "Monday 3 June 2024") is a date line even without a label. */
static int date_shaped(const dctx *c, const dline *l)
{
    if (l->nwords > 8 || l->prose)
        return 0;
    const char *s = c->f.s;
    int month = 0, digit = 0;
    size_t i = l->fs, tok = l->fs;
    while (i <= l->fe) {
        size_t at = i;
        int w = 0;
        if (i < l->fe)
            w = kh_dump_is_word_cp(kh_utf8_next(s, &i));
        else
            i++;
        if (w) {
            digit |= s[at] >= '0' && s[at] <= '9';
            continue;
        }
        if (at > tok && !month)
            month = kh_dump_cue_is(c->lx, KH_CUE_MONTH, s + tok, at - tok);
        tok = i;
    }
    return month && digit;
}

static int head_line(dctx *c, dline *l, size_t i)
{
    size_t after;
    const kh_cue *cue;
    if ((cue = meta_cue(c, l, &after))) {
        set_meta(c, l, cue, after, 1);
    } else if ((cue = section_cue(c, l)) || (cue = whole_line_cue(c, l))) {
        drop(l, section_reason(cue->kind));
    } else if (date_shaped(c, l)) {
        l->cls = LC_META;
        l->reason = "date line";
        if (!c->published.end)
            c->published = (kh_span){l->start, l->end};
    } else if (l->prose) {
        int rc = choose_title(c, i);
        if (rc)
            return rc;
        c->zone = Z_BODY;
        return 1; /* handle as body */
    }
    return KH_OK;
}

static int body_line(dctx *c, dline *l)
{
    size_t after;
    const kh_cue *cue;
    if (c->have_title && l->exact == c->title_key) {
        drop(l, "repeated title");
    } else if ((cue = meta_cue(c, l, &after))) {
        set_meta(c, l, cue, after, 1);
        if (cue->kind == KH_CUE_SOURCE) {
            c->zone = Z_TAIL;
            c->tail = KH_CUE_SOURCE;
        }
    } else if ((cue = section_cue(c, l))) {
        drop(l, section_reason(cue->kind));
        c->zone = Z_TAIL;
        c->tail = cue->kind;
    } else if ((cue = whole_line_cue(c, l))) {
        drop(l, section_reason(cue->kind));
    } else if (l->doubled) {
        drop(l, "sidebar");
        c->zone = Z_TAIL;
        c->tail = KH_CUE_LATEST;
    } else {
        return add_body(c, l);
    }
    return KH_OK;
}

static int tail_line(dctx *c, dline *l)
{
    size_t after;
    const kh_cue *cue;
    /* after a tag list, a "read also" box or a source line an article may
     * follow: ours (resumed when coherent) or an unrelated one */
    int article = c->tail == KH_CUE_TAGS || c->tail == KH_CUE_READALSO || c->tail == KH_CUE_SOURCE;
    if ((cue = section_cue(c, l))) {
        drop(l, section_reason(cue->kind));
        c->tail = cue->kind;
    } else if ((cue = whole_line_cue(c, l))) {
        drop(l, section_reason(cue->kind));
    } else if (l->doubled) {
        drop(l, "sidebar");
    } else if (c->unrelated && article) {
        drop(l, "unrelated article");
    } else if ((cue = meta_cue(c, l, &after))) {
        set_meta(c, l, cue, after, 0);
    } else if (l->prose && article && !c->unrelated) {
        if (coherence(c, l) >= COHERENT)
            return add_body(c, l);
        c->unrelated = 1;
        drop(l, "unrelated article");
    } else {
        drop(l, tail_reason(c->tail));
    }
    return KH_OK;
}

/* Short unpunctuated lines closing the body ("Editor's pick", a lone link
 * text) are page furniture, not text: a body never ends on a heading. */
static void drop_trailer(dctx *c)
{
    size_t i = c->nln, prose = 0;
    for (size_t k = 0; k < c->nln; k++)
        prose += c->ln[k].cls == LC_BODY && c->ln[k].prose;
    if (!prose)
        return;
    while (i-- > 0) {
        dline *l = &c->ln[i];
        if (l->cls != LC_BODY)
            continue;
        if (l->prose || l->strong || l->weak || l->nwords > 8 || l->bstart != l->start)
            break;
        drop(l, "trailer");
    }
}

static int classify(dctx *c)
{
    for (size_t i = 0; i < c->nln; i++) {
        dline *l = &c->ln[i];
        if (l->cls == LC_BLANK)
            continue;
        if (c->tpl && kh_dump_template_has_key(c->tpl, l->key)) {
            drop(l, "template");
            continue;
        }
        int rc = KH_OK;
        switch (c->zone) {
        case Z_HEAD:
            rc = head_line(c, l, i);
            if (rc == 1)
                rc = body_line(c, l);
            break;
        case Z_BODY:
            rc = body_line(c, l);
            break;
        default:
            rc = tail_line(c, l);
            break;
        }
        if (rc < 0)
            return rc;
    }
    if (c->zone != Z_HEAD) {
        drop_trailer(c);
        return KH_OK;
    }
    /* No paragraph of running text: the best candidate is the title and
     * the other candidates are the body. */
    int rc = choose_title(c, c->nln);
    for (size_t i = 0; i < c->nln && rc == KH_OK; i++) {
        dline *l = &c->ln[i];
        if (l->cls == LC_DROP && strcmp(l->reason, "header") == 0) {
            l->cls = LC_CAND;
            rc = body_line(c, l);
        }
    }
    return rc;
}

/* ---- a title from the lead --------------------------------------- */

static int is_sentence_end(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026 || cp == 0x06D4;
}

static int is_clause_mark(uint32_t cp)
{
    return cp == ',' || cp == 0x060C || cp == ';' || cp == 0x061B || cp == ':';
}

/* 1 if the punctuation cp ending at i closes a sentence: closers, then
 * white space or the end; not the dot of an initial ("U.S."). */
static int closes_sentence(const char *s, size_t a, size_t at, size_t i, size_t e, uint32_t cp)
{
    size_t j = i;
    while (j < e) {
        size_t k = j;
        if (!is_closer(kh_utf8_next(s, &k)))
            break;
        j = k;
    }
    if (j < e && !space_after(s, j, e))
        return 0;
    if (cp == '.' && at >= a + 1 && (at == a + 1 || s[at - 2] == ' ' || s[at - 2] == '.'))
        return 0;
    return 1;
}

/* Byte length of the last code point of s[a..e). */
static size_t last_cp_len(const char *s, size_t a, size_t e)
{
    size_t i = e - 1;
    while (i > a && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return e - i;
}

static int is_dangling(uint32_t cp)
{
    return is_clause_mark(cp) || cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0xAB ||
           cp == '"' || cp == '(' || cp == '.' || cp == 0x2026 || cp == 0x201C;
}

/* Drops trailing punctuation and words that cannot end a headline. */
static size_t clean_tail(dctx *c, size_t a, size_t e)
{
    for (int round = 0; round < 8 && e > a; round++) {
        e = trim(c->text, a, e).end;
        if (e <= a)
            break;
        size_t n = last_cp_len(c->text, a, e), k = e - n;
        if (is_dangling(kh_utf8_next(c->text, &k))) {
            e -= n;
            continue;
        }
        size_t w = e;
        while (w > a && !space_before(c->text, a, w))
            w--;
        if (w == a)
            break;
        kh_dump_folded f;
        if (kh_dump_fold(c->text + w, e - w, &f) != KH_OK)
            break;
        int notail = kh_dump_cue_is(c->lx, KH_CUE_NOTAIL, f.s, f.len);
        kh_dump_folded_free(&f);
        if (!notail)
            break;
        e = w;
    }
    return e;
}

/* The first sentence of the first paragraph, or its last clause (or word)
 * boundary within TITLE_MAX_CP code points. */
static void derive_title(dctx *c)
{
    const dline *l = NULL;
    for (size_t i = 0; i < c->nln && !l; i++)
        if (c->ln[i].cls == LC_BODY)
            l = &c->ln[i];
    if (!l)
        return;
    const char *s = c->text;
    size_t a = l->bstart, e = l->end, i = a, cut = 0, clause = 0, space = 0;
    const char *m = memmem(s + a, e - a, "[[", 2);
    if (m)
        e = (size_t)(m - s);
    unsigned cps = 0;
    int over = 0;
    while (i < e) {
        size_t at = i;
        uint32_t cp = kh_utf8_next(s, &i);
        if (++cps > TITLE_MAX_CP) {
            over = 1;
            break;
        }
        if (is_sentence_end(cp) && closes_sentence(s, a, at, i, e, cp)) {
            cut = (cp == '!' || cp == '?' || cp == 0x061F) ? i : at;
            break;
        }
        if (is_clause_mark(cp) && cps >= TITLE_MAX_CP / 2)
            clause = at;
        if (cp == ' ')
            space = at;
    }
    if (!cut)
        cut = !over ? e : clause ? clause : space ? space : i;
    cut = clean_tail(c, a, cut);
    if (cut <= a)
        return;
    c->title = trim(s, a, cut);
    c->have_title = 1;
    c->title_derived = 1;
}

/* ---- output ------------------------------------------------------ */

static int push_span(dctx *c, kh_span sp)
{
    kh_extracted *o = c->out;
    kh_span *v = kh_grow(o->body_spans, &c->spans_cap, o->n_body_spans, sizeof *v, 16);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory extracting a dump");
    o->body_spans = v;
    o->body_spans[o->n_body_spans++] = sp;
    return KH_OK;
}

static int push_dropped(dctx *c, kh_span sp, const char *reason)
{
    kh_extracted *o = c->out;
    if (sp.end <= sp.start)
        return KH_OK;
    kh_dropped *v = kh_grow(o->dropped, &c->dropped_cap, o->n_dropped, sizeof *v, 16);
    if (!v)
        return kh_set_error(KH_ENOMEM, "out of memory extracting a dump");
    o->dropped = v;
    o->dropped[o->n_dropped++] = (kh_dropped){sp, reason};
    return KH_OK;
}

/* Finds the next "[[...]]" marker (no white space inside, < 200 bytes). */
static int find_marker(const char *s, size_t p, size_t e, size_t *q, size_t *r)
{
    while (p + 4 <= e) {
        const char *m = memmem(s + p, e - p, "[[", 2);
        if (!m)
            return 0;
        size_t a = (size_t)(m - s), k = a + 2;
        while (k + 1 < e && k < a + 200 && !(s[k] == ']' && s[k + 1] == ']') && s[k] != ' ' &&
               s[k] != '\t' && s[k] != '\n')
            k++;
        if (k + 1 < e && s[k] == ']' && s[k + 1] == ']' && k > a + 2) {
            *q = a;
            *r = k + 2;
            return 1;
        }
        p = a + 2;
    }
    return 0;
}

static const char *marker_reason(const dctx *c, size_t q, size_t r)
{
    const kh_dump_lexicon *lx = c->lx;
    for (size_t i = lx->by_kind[KH_CUE_MARKER]; i < lx->by_kind[KH_CUE_MARKER + 1]; i++) {
        const kh_cue *cue = &lx->v[i];
        if (cue->len > r - q)
            continue;
        const char *p = c->lx->phrases.data + cue->off;
        size_t k = 0;
        while (k < cue->len) {
            char ch = c->text[q + k];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch + 32);
            if (ch != p[k])
                break;
            k++;
        }
        if (k == cue->len)
            return "ad marker";
    }
    return "markup marker";
}

static int emit_body(dctx *c, const dline *l)
{
    int rc = KH_OK, first = 1;
    uint32_t rest = l->start;
    if (l->desk_end) {
        rc = push_dropped(c, trim(c->text, l->start, l->desk_end), "desk label");
        rest = trim(c->text, l->desk_end, l->end).start;
    }
    if (rc == KH_OK && l->bstart > rest)
        rc = push_dropped(c, trim(c->text, rest, l->bstart), l->reason ? l->reason : "dateline");
    size_t p = l->bstart, q = 0, r = 0;
    while (rc == KH_OK && p < l->end) {
        int m = find_marker(c->text, p, l->end, &q, &r);
        kh_span piece = trim(c->text, p, m ? q : l->end);
        if (piece.end > piece.start) {
            const char *sep = first ? (c->body.len ? "\n" : "") : " ";
            rc = kh_buf_append_str(&c->body, sep);
            if (rc == KH_OK)
                rc = kh_buf_append(&c->body, c->text + piece.start, piece.end - piece.start);
            if (rc == KH_OK)
                rc = push_span(c, piece);
            first = 0;
        }
        if (!m || rc)
            break;
        rc = push_dropped(c, (kh_span){(uint32_t)q, (uint32_t)r}, marker_reason(c, q, r));
        p = r;
    }
    return rc;
}

static int emit_line(dctx *c, const dline *l)
{
    switch (l->cls) {
    case LC_BLANK:
        return KH_OK;
    case LC_BODY:
        return emit_body(c, l);
    case LC_TITLE:
        if (l->doubled) {
            size_t half = (l->fe - l->fs) / 2;
            int rc = push_dropped(c, fspan(c, l->fs, l->fs + half), "title");
            return rc ? rc : push_dropped(c, fspan(c, l->fs + half + 1, l->fe), "repeated title");
        }
        return push_dropped(c, (kh_span){l->start, l->end}, "title");
    default:
        return push_dropped(c, (kh_span){l->start, l->end}, l->reason ? l->reason : "header");
    }
}

static int by_start(const void *a, const void *b)
{
    const kh_dropped *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    return (x->span.end > y->span.end) - (x->span.end < y->span.end);
}

/* The id as written, with Persian and Arabic-Indic digits made ASCII. */
static char *ascii_digits(const char *text, kh_span sp)
{
    char *o = malloc(sp.end - sp.start + 1);
    if (!o)
        return NULL;
    size_t i = sp.start, n = 0;
    while (i < sp.end) {
        size_t at = i;
        uint32_t cp = kh_utf8_next(text, &i);
        if (cp >= 0x06F0 && cp <= 0x06F9)
            o[n++] = (char)('0' + (cp - 0x06F0));
        else if (cp >= 0x0660 && cp <= 0x0669)
            o[n++] = (char)('0' + (cp - 0x0660));
        else
            while (at < i)
                o[n++] = text[at++];
    }
    o[n] = '\0';
    return o;
}

static int field(const dctx *c, char **dst, kh_span *dst_span, kh_span sp)
{
    if (sp.end <= sp.start)
        return KH_OK;
    *dst = span_dup(c->text, sp);
    if (!*dst)
        return kh_set_error(KH_ENOMEM, "out of memory extracting a dump");
    *dst_span = sp;
    return KH_OK;
}

static int emit(dctx *c)
{
    kh_extracted *o = c->out;
    int rc = KH_OK;
    for (size_t i = 0; i < c->nln && rc == KH_OK; i++)
        rc = emit_line(c, &c->ln[i]);
    if (rc)
        return rc;
    if (o->n_dropped > 1)
        qsort(o->dropped, o->n_dropped, sizeof *o->dropped, by_start);
    if ((rc = field(c, &o->title, &o->title_span, c->title)) ||
        (rc = field(c, &o->outlet, &o->outlet_span, c->outlet)) ||
        (rc = field(c, &o->author, &o->author_span, c->author)) ||
        (rc = field(c, &o->published_raw, &o->published_span, c->published)) ||
        (rc = field(c, &o->modified_raw, &o->modified_span, c->modified)))
        return rc;
    if (c->item_id.end > c->item_id.start) {
        o->item_id = ascii_digits(c->text, c->item_id);
        if (!o->item_id)
            return kh_set_error(KH_ENOMEM, "out of memory extracting a dump");
        o->item_id_span = c->item_id;
    }
    o->title_derived = c->title_derived;
    if ((rc = kh_buf_reserve(&c->body, 0)))
        return rc;
    o->body = kh_buf_detach(&c->body, NULL);
    return KH_OK;
}

/* ---- entry points ------------------------------------------------ */

static void ctx_free(dctx *c)
{
    kh_dump_folded_free(&c->f);
    kh_dump_lexicon_free(&c->own);
    free(c->ln);
    kh_dump_hset_free(&c->lines);
    kh_dump_hset_free(&c->vocab);
    kh_dump_hset_free(&c->seen);
    kh_buf_free(&c->body);
}

int kh_dump_extract_ex(const char *text, size_t len, const kh_dump_opts *opts, kh_extracted *out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_dump_extract: out is NULL");
    memset(out, 0, sizeof *out);
    if (!text && len)
        return kh_set_error(KH_EINVAL, "kh_dump_extract: text is NULL");
    if (len >= 0x7FFFFFFFu)
        return kh_set_error(KH_EINVAL, "kh_dump_extract: dump of %zu bytes is too large", len);
    if (!text)
        text = "";
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad != len)
        return kh_set_error(KH_EENCODING, "dump is not valid UTF-8 at byte %zu", bad);
    const char *nul = memchr(text, '\0', len);
    if (nul) /* the fields are C strings: a NUL would cut them silently */
        return kh_set_error(KH_EENCODING, "dump has a NUL byte at byte %zu",
                            (size_t)(nul - text));
    dctx c;
    memset(&c, 0, sizeof c);
    c.text = text;
    c.len = len;
    c.tpl = opts ? opts->tpl : NULL;
    c.out = out;
    int rc = kh_dump_fold(text, len, &c.f);
    c.lx = opts ? opts->cues : NULL;
    if (rc == KH_OK && !c.lx) {
        rc = kh_dump_lexicon_load(&c.own);
        c.lx = &c.own;
    }
    if (rc == KH_OK)
        rc = split_lines(&c);
    if (rc == KH_OK)
        rc = classify(&c);
    if (rc == KH_OK && !c.have_title)
        derive_title(&c);
    if (rc == KH_OK)
        rc = emit(&c);
    ctx_free(&c);
    if (rc)
        kh_extracted_free(out);
    return rc;
}

int kh_dump_cues_new(kh_dump_cues **out)
{
    if (!out)
        return kh_set_error(KH_EINVAL, "kh_dump_cues_new: out is NULL");
    *out = calloc(1, sizeof **out);
    if (!*out)
        return kh_set_error(KH_ENOMEM, "out of memory loading dump cues");
    int rc = kh_dump_lexicon_load(*out);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

void kh_dump_cues_free(kh_dump_cues *cues)
{
    if (!cues)
        return;
    kh_dump_lexicon_free(cues);
    free(cues);
}

int kh_dump_extract(const char *text, size_t len, kh_extracted *out)
{
    return kh_dump_extract_ex(text, len, NULL, out);
}
