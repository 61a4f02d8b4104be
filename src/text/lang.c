/*
 * lang.c: which language an article is in.
 *
 * Two deciders, chosen by script:
 *
 *   Arabic script  Arabic, Persian, Urdu, Pashto and Sorani share most
 *                  letters, and Persian is often typed with Arabic Yeh and
 *                  Kaf (seed 001), so n-gram profiles trained on clean text
 *                  are unreliable on short or mixed input. Instead, evidence
 *                  is counted and weighed:
 *                    - letters only one language uses: پ چ ژ گ (Persian),
 *                      ة ى and hamza on alef (Arabic), ٹ ڈ ڑ ں ے (Urdu), ...
 *                    - Keheh ک and Farsi Yeh ی (Persian, weak: typing varies);
 *                    - function words of each language that the other does
 *                      not use (data/lang/{fa,ar}_function.txt), compared
 *                      with Yeh and Kaf unified;
 *                    - the Arabic article prefix ال.
 *   other scripts  a script that names its language (Han, Hangul, Greek,
 *                  Hebrew, ...) decides; Latin and Cyrillic text goes to
 *                  libexttextcat, restricted to the languages of
 *                  data/lang/textcat.txt.
 *
 * Only the first KH_LANG_SCAN_BYTES of a text are examined: that is plenty
 * for an article and bounds the cost on huge inputs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexttextcat/textcat.h>
#include <xxhash.h>

#include "core/data.h"
#include "core/error.h"
#include "core/grow.h"
#include "text/analysis.h"
#include "text/text.h"
#include "text/utf8.h"

#define KH_LANG_SCAN_BYTES 16384
/* libexttextcat's cost grows with its input; 2 KiB is plenty to decide. */
#define KH_TEXTCAT_BYTES 2048
#define KH_TEXTCAT_DIR "/usr/share/libexttextcat/"

enum script {
    SC_OTHER, SC_LATIN, SC_ARABIC, SC_CYRILLIC, SC_GREEK, SC_HEBREW, SC_HAN, SC_KANA,
    SC_HANGUL, SC_DEVANAGARI, SC_THAI, SC_ARMENIAN, SC_GEORGIAN, SC_COUNT
};

static enum script script_of(uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
        (c >= 0x1E00 && c <= 0x1EFF))
        return SC_LATIN;
    if ((c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
        (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
        (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC))
        return SC_ARABIC;
    if (c >= 0x0400 && c <= 0x052F)
        return SC_CYRILLIC;
    if (c >= 0x0370 && c <= 0x03FF)
        return SC_GREEK;
    if (c >= 0x05D0 && c <= 0x05EA)
        return SC_HEBREW;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
        return SC_HAN;
    if (c >= 0x3040 && c <= 0x30FF)
        return SC_KANA;
    if (c >= 0xAC00 && c <= 0xD7AF)
        return SC_HANGUL;
    if (c >= 0x0900 && c <= 0x097F)
        return SC_DEVANAGARI;
    if (c >= 0x0E00 && c <= 0x0E7F)
        return SC_THAI;
    if (c >= 0x0530 && c <= 0x058F)
        return SC_ARMENIAN;
    if (c >= 0x10A0 && c <= 0x10FF)
        return SC_GEORGIAN;
    return SC_OTHER;
}

/* Evidence gathered from Arabic-script text. */
typedef struct arabic_evidence {
    double fa, ar, ur, ps, ckb;
    unsigned words;
} arabic_evidence;

static void count_letter(arabic_evidence *ev, uint32_t c)
{
    switch (c) {
    case 0x067E: case 0x0686: case 0x0698: case 0x06AF: /* پ چ ژ گ */
        ev->fa += 3.0;
        break;
    case 0x06A9: case 0x06CC: /* ک ی: Persian keyboards, weak */
        ev->fa += 0.6;
        break;
    case 0x0629: /* ة */
        ev->ar += 3.0;
        break;
    case 0x0649: /* ى */
        ev->ar += 2.0;
        break;
    case 0x0623: case 0x0625: /* أ إ */
        ev->ar += 1.0;
        break;
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: /* ٹ ڈ ڑ ں ے */
        ev->ur += 3.0;
        break;
    case 0x067C: case 0x0689: case 0x0693: case 0x069A: case 0x0696: case 0x06AB: case 0x06BC:
        ev->ps += 3.0;
        break;
    case 0x0695: case 0x06B5: case 0x06C6: case 0x06CE: /* ڕ ڵ ۆ ێ */
        ev->ckb += 3.0;
        break;
    default:
        break;
    }
}

/* Hash of a word with Yeh (ي ى ی) and Kaf (ك ک) unified, ZWNJ dropped. */
static uint64_t word_key(const uint32_t *cps, size_t n)
{
    char buf[128];
    size_t len = 0;
    for (size_t i = 0; i < n && len + 4 < sizeof buf; i++) {
        uint32_t c = cps[i];
        if (c == 0x0649 || c == 0x06CC)
            c = 0x064A;
        else if (c == 0x06A9)
            c = 0x0643;
        else if (c == 0x200C || c == 0x0640 || (c >= 0x064B && c <= 0x0652))
            continue;
        len += kh_utf8_encode(c, buf + len);
    }
    return XXH3_64bits(buf, len);
}

/* Function-word sets: sorted hash arrays, built once per kh_text. */
typedef struct word_set {
    uint64_t *keys;
    size_t n;
} word_set;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int word_set_load(word_set *set, const char *name)
{
    size_t len, cursor = 0, line_len;
    const char *bytes = kh_data_get(name, &len), *line;
    if (!bytes)
        return kh_set_error(KH_ERROR, "data file %s is missing from the build", name);
    size_t cap = 64;
    set->keys = malloc(cap * sizeof *set->keys);
    set->n = 0;
    if (!set->keys)
        return kh_set_error(KH_ENOMEM, "out of memory");
    while (kh_data_next_line(bytes, len, &cursor, &line, &line_len)) {
        uint32_t cps[64];
        size_t n = 0, i = 0;
        while (i < line_len && n < 64)
            cps[n++] = kh_utf8_next(line, &i);
        if (set->n == cap) {
            uint64_t *k = realloc(set->keys, 2 * cap * sizeof *k);
            if (!k)
                return kh_set_error(KH_ENOMEM, "out of memory");
            set->keys = k;
            cap *= 2;
        }
        set->keys[set->n++] = word_key(cps, n);
    }
    qsort(set->keys, set->n, sizeof *set->keys, cmp_u64);
    return KH_OK;
}

static int word_set_has(const word_set *set, uint64_t key)
{
    return bsearch(&key, set->keys, set->n, sizeof key, cmp_u64) != NULL;
}

typedef struct lang_tables {
    word_set fa, ar;
    uint8_t script[0x10000]; /* script_of each BMP code point: one lookup per character */
} lang_tables;

static inline enum script script_fast(const lang_tables *lt, uint32_t c)
{
    return c < 0x10000 ? (enum script)lt->script[c] : script_of(c);
}

static void lang_tables_free(void *p)
{
    lang_tables *lt = p;
    if (!lt)
        return;
    free(lt->fa.keys);
    free(lt->ar.keys);
    free(lt);
}

static int lang_tables_get(kh_text *t, lang_tables **out)
{
    if (!t->lang_tables) {
        lang_tables *lt = calloc(1, sizeof *lt);
        if (!lt)
            return kh_set_error(KH_ENOMEM, "out of memory");
        int rc;
        if ((rc = word_set_load(&lt->fa, "lang/fa_function.txt")) != KH_OK ||
            (rc = word_set_load(&lt->ar, "lang/ar_function.txt")) != KH_OK) {
            lang_tables_free(lt);
            return rc;
        }
        for (uint32_t c = 0; c < 0x10000; c++)
            lt->script[c] = (uint8_t)script_of(c);
        t->lang_tables = lt;
        t->lang_tables_free = lang_tables_free;
    }
    *out = t->lang_tables;
    return KH_OK;
}

static void count_word(arabic_evidence *ev, const lang_tables *lt, const uint32_t *w, size_t n)
{
    if (n == 0)
        return;
    ev->words++;
    uint64_t key = word_key(w, n);
    if (word_set_has(&lt->fa, key))
        ev->fa += 2.0;
    if (word_set_has(&lt->ar, key))
        ev->ar += 2.0;
    /* Persian morphology that survives Arabic Yeh and Kaf: the ezafe or
     * plural ending -ای / -های after a vowel (شورای, کارت‌های), which Arabic
     * words hardly ever end with (أي keeps its hamza). */
    uint32_t last = w[n - 1], prev = n >= 2 ? w[n - 2] : 0;
    if (n >= 3 && (last == 0x064A || last == 0x06CC) && (prev == 0x0627 || prev == 0x0648))
        ev->fa += 1.5;
    /* The article prefix ال, also after the proclitics و ف ب ك ل. */
    size_t at = (n > 4 && (w[0] == 0x0648 || w[0] == 0x0641 || w[0] == 0x0628)) ? 1 : 0;
    if (n >= at + 4 && w[at] == 0x0627 && w[at + 1] == 0x0644)
        ev->ar += 1.0;
}

static void set_guess(kh_lang_guess *out, const char *code, double confidence)
{
    snprintf(out->code, sizeof out->code, "%s", code);
    out->confidence = confidence;
}

static void decide_arabic_script(const arabic_evidence *ev, kh_lang_guess *out)
{
    const char *names[] = {"fa", "ar", "ur", "ps", "ckb"};
    const double scores[] = {ev->fa, ev->ar, ev->ur, ev->ps, ev->ckb};
    size_t best = 1, second = 0; /* Arabic when there is no evidence at all */
    for (size_t i = 0; i < 5; i++)
        if (scores[i] > scores[best])
            best = i;
    second = best == 0 ? 1 : 0;
    for (size_t i = 0; i < 5; i++)
        if (i != best && scores[i] > scores[second])
            second = i;
    double margin = scores[best] - scores[second];
    /* 1 - exp(-margin/4): a few strong cues already make it near certain. */
    double conf = scores[best] <= 0 ? 0.5 : 1.0 - 0.5 * exp(-margin / 4.0);
    set_guess(out, names[best], conf);
}

/* Writes the restricted textcat configuration to a temporary file. */
static int textcat_open(kh_text *t)
{
    size_t len, cursor = 0, line_len;
    const char *list = kh_data_get("lang/textcat.txt", &len), *line;
    if (!list)
        return kh_set_error(KH_ERROR, "data file lang/textcat.txt is missing from the build");
    const char *tmpdir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/khabar-textcat-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return kh_set_error(KH_EIO, "cannot create a temporary file for libexttextcat");
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(path);
        return kh_set_error(KH_EIO, "cannot write the libexttextcat configuration");
    }
    while (kh_data_next_line(list, len, &cursor, &line, &line_len)) {
        int stem = (int)line_len - 3; /* "en.lm" -> "en" */
        fprintf(f, "%.*s %.*s--utf8\n", (int)line_len, line, stem > 0 ? stem : 0, line);
    }
    fclose(f);
    t->textcat = special_textcat_Init(path, KH_TEXTCAT_DIR);
    unlink(path);
    if (!t->textcat) {
        t->textcat_failed = 1;
        return kh_set_error(KH_ERROR, "libexttextcat could not load its fingerprints from %s",
                            KH_TEXTCAT_DIR);
    }
    return KH_OK;
}

static void decide_textcat(kh_text *t, const char *text, size_t len, kh_lang_guess *out)
{
    set_guess(out, "und", 0.0);
    if (!t->textcat && (t->textcat_failed || textcat_open(t) != KH_OK))
        return;
    if (len > KH_TEXTCAT_BYTES) {
        len = KH_TEXTCAT_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    candidate_t *cands = textcat_GetClassifyFullOutput(t->textcat);
    if (!cands)
        return;
    int n = textcat_ClassifyFull(t->textcat, text, len, cands);
    if (n > 0) {
        char code[8];
        size_t i = 0;
        for (; cands[0].name[i] && cands[0].name[i] != '-' && i + 1 < sizeof code; i++)
            code[i] = cands[0].name[i];
        code[i] = '\0';
        /* n candidates within textcat's tie threshold: 1 is a clear win. */
        set_guess(out, code, n == 1 ? 0.95 : 0.9 / n + 0.1);
    }
    textcat_ReleaseClassifyFullOutput(t->textcat, cands);
}

/*
 * Stopword evidence for Latin and Cyrillic text: every word of the first
 * KH_TEXTCAT_BYTES found in the stopword lists (data/stopwords/) of the
 * candidate languages counts 1/k for each of the k languages listing it.
 * libexttextcat alone confuses close languages on short or name-heavy
 * text (Spanish and Italian read as Catalan, Turkish as Danish) and gives
 * up on some texts; function words settle most of those cases.
 */
static const char *const SW_LANGS[] = {"en", "de", "es", "fr", "it", "pl", "ru", "tr", "pt", "nl",
                                       "ca", "da", "nb", "sv", "fi", "hu", "ro", "id", "lt", "sr"};
#define N_SW (sizeof SW_LANGS / sizeof SW_LANGS[0])

static void stopword_scores(kh_text *t, const char *text, size_t len, double *score, unsigned *words)
{
    for (size_t l = 0; l < N_SW; l++)
        score[l] = 0;
    *words = 0;
    const kh_hmap *masks = kh_an_stopword_masks(t, SW_LANGS, N_SW);
    if (!masks || !masks->n)
        return;
    const lang_tables *lt = t->lang_tables;
    char w[64];
    size_t wl = 0, i = 0;
    while (i <= len) {
        int end = i >= len;
        uint32_t c = end ? ' ' : kh_utf8_next(text, &i);
        enum script sc = lt ? script_fast(lt, c) : script_of(c);
        int letter = sc == SC_LATIN || sc == SC_CYRILLIC || c == '\'' || c == 0x2019;
        if (letter) {
            uint16_t f = c < 0x10000 && t->fast_map ? t->fast_map[c] : KH_FOLD_SLOW;
            if (f != KH_FOLD_SLOW && f != KH_FOLD_DROP && wl + 4 < sizeof w)
                wl += kh_utf8_encode(c == 0x2019 ? '\'' : f, w + wl);
            continue;
        }
        if (wl) {
            (*words)++;
            const uint64_t *m = kh_hmap_get(masks, XXH3_64bits(w, wl));
            if (m) {
                double share = 1.0 / __builtin_popcountll(*m);
                for (uint64_t b = *m; b; b &= b - 1)
                    score[__builtin_ctzll(b)] += share;
            }
            wl = 0;
        }
        if (end)
            break;
    }
}

static void decide_latin(kh_text *t, const char *text, size_t len, kh_lang_guess *out)
{
    size_t cut = len;
    if (cut > KH_TEXTCAT_BYTES) {
        cut = KH_TEXTCAT_BYTES;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    double score[N_SW];
    unsigned words;
    stopword_scores(t, text, cut, score, &words);
    size_t best = 0, tc = N_SW;
    for (size_t l = 0; l < N_SW; l++)
        if (score[l] > score[best])
            best = l;
    double second = 0;
    for (size_t l = 0; l < N_SW; l++)
        if (l != best && score[l] > second)
            second = score[l];
    /* Function words alone are decisive on most articles: textcat (the
     * costly part of language id) is asked only when they are not. */
    if (score[best] >= 4 && score[best] >= 2 * second + 2 && !memmem(text, cut, "\xc9\x99", 2)) {
        set_guess(out, SW_LANGS[best], 1.0 - 0.5 * exp(-(score[best] - second) / 2.0));
        return;
    }
    decide_textcat(t, text, len, out);
    for (size_t l = 0; l < N_SW; l++)
        if (strcmp(out->code, SW_LANGS[l]) == 0)
            tc = l;
    /* Dotless ı and ğ are Turkish (or Azerbaijani) letters only. */
    unsigned turkic = 0;
    for (const char *p = text; (p = memmem(p, (size_t)(text + cut - p), "\xc4", 1)) != NULL; p++)
        if (p + 1 < text + cut && ((unsigned char)p[1] == 0xB1 || (unsigned char)p[1] == 0x9F))
            turkic++;
    if (turkic >= 2 && turkic * 60 >= cut && strcmp(out->code, "az") != 0) {
        if (strcmp(out->code, "tr") != 0)
            set_guess(out, "tr", 0.8);
        return;
    }
    /* Azerbaijani writes ə; Turkish never does, and textcat mixes them up. */
    if (strcmp(out->code, "az") == 0 && !memmem(text, cut, "\xc9\x99", 2) &&
        !memmem(text, cut, "\xc6\x8f", 2))
        set_guess(out, "tr", 0.8);
    if (tc == best || score[best] <= second)
        return;
    double tc_score = tc < N_SW ? score[tc] : 0;
    /* textcat undecided or unsure, or the function words clearly disagree */
    int unsure = strcmp(out->code, "und") == 0 || out->confidence < 0.9;
    if ((unsure && score[best] >= 1.0) || (score[best] >= 2.0 && score[best] >= 2 * tc_score + 2)) {
        double margin = score[best] - second;
        set_guess(out, SW_LANGS[best], 1.0 - 0.5 * exp(-margin / 2.0));
    }
}

int kh_text_lang(kh_text *t, const char *text, size_t len, kh_lang_guess *out)
{
    if (!t || (!text && len) || !out)
        return kh_set_error(KH_EINVAL, "kh_text_lang: bad argument");
    set_guess(out, "und", 0.0);
    /* the whole text is checked (fast), though only its start is read */
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    if (len > KH_LANG_SCAN_BYTES) {
        len = KH_LANG_SCAN_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* do not cut a character */
    }
    lang_tables *lt = NULL;
    int rc = lang_tables_get(t, &lt);
    if (rc != KH_OK)
        return rc;

    unsigned counts[SC_COUNT] = {0};
    arabic_evidence ev = {0};
    uint32_t word[64];
    size_t wn = 0, i = 0;
    while (i < len) {
        if ((unsigned char)text[i] < 0x80) {
            /* a run of ASCII: Latin letters or others, and the end of an Arabic word */
            size_t j = i;
            unsigned latin = 0;
            for (unsigned char b; j < len && (b = (unsigned char)text[j]) < 0x80; j++)
                latin += (unsigned char)((b | 0x20) - 'a') <= 'z' - 'a';
            counts[SC_LATIN] += latin;
            counts[SC_OTHER] += (unsigned)(j - i) - latin;
            i = j;
            if (wn) {
                count_word(&ev, lt, word, wn);
                wn = 0;
            }
            continue;
        }
        uint32_t c = kh_utf8_next(text, &i);
        enum script sc = script_fast(lt, c);
        counts[sc]++;
        if (sc == SC_ARABIC || c == 0x200C || (c >= 0x064B && c <= 0x0652)) {
            count_letter(&ev, c);
            /* ZWNJ inside a word: Persian (and Kurdish, Urdu) writing, never Arabic */
            if (c == 0x200C && wn > 0)
                ev.fa += 2.0;
            if (wn < 64)
                word[wn++] = c;
        } else {
            count_word(&ev, lt, word, wn);
            wn = 0;
        }
    }
    count_word(&ev, lt, word, wn);

    /* One Han, kana or Hangul character weighs about a word of letters. */
    counts[SC_HAN] *= 3;
    counts[SC_KANA] *= 3;
    counts[SC_HANGUL] *= 3;
    unsigned letters = 0;
    enum script top = SC_OTHER;
    for (int s = SC_LATIN; s < SC_COUNT; s++) {
        letters += counts[s];
        if (counts[s] > counts[top])
            top = (enum script)s;
    }
    if (letters == 0)
        return KH_OK;
    double share = (double)counts[top] / letters;
    switch (top) {
    case SC_ARABIC:
        decide_arabic_script(&ev, out);
        break;
    case SC_HAN:
        set_guess(out, counts[SC_KANA] * 10 > counts[SC_HAN] ? "ja" : "zh", 0.95);
        break;
    case SC_KANA: set_guess(out, "ja", 0.95); break;
    case SC_HANGUL: set_guess(out, "ko", 0.97); break;
    case SC_GREEK: set_guess(out, "el", 0.97); break;
    case SC_HEBREW: set_guess(out, "he", 0.9); break;
    case SC_DEVANAGARI: set_guess(out, "hi", 0.8); break;
    case SC_THAI: set_guess(out, "th", 0.97); break;
    case SC_ARMENIAN: set_guess(out, "hy", 0.97); break;
    case SC_GEORGIAN: set_guess(out, "ka", 0.97); break;
    case SC_LATIN:
    case SC_CYRILLIC:
        decide_latin(t, text, len, out);
        break;
    default:
        break;
    }
    out->confidence *= share;
    return KH_OK;
}

/* Letters (of any script khabar knows) in s, up to limit. */
static unsigned count_letters(const char *s, size_t len, unsigned limit)
{
    unsigned n = 0;
    size_t i = 0;
    while (i < len && n < limit)
        if (script_of(kh_utf8_next(s, &i)) != SC_OTHER)
            n++;
    return n;
}

/* Paragraphs with fewer letters than this take the text's language. */
#define KH_PARA_MIN_LETTERS 16

int kh_text_lang_paragraphs(kh_text *t, const char *text, size_t len, kh_lang_span **out, size_t *n)
{
    if (!t || (!text && len) || !out || !n)
        return kh_set_error(KH_EINVAL, "kh_text_lang_paragraphs: bad argument");
    *out = NULL;
    *n = 0;
    size_t bad = kh_utf8_invalid_offset(text, len);
    if (bad < len)
        return kh_set_error(KH_EENCODING, "invalid UTF-8 at byte %zu", bad);
    kh_lang_guess whole;
    int whole_done = 0, rc;
    size_t cap = 0;
    kh_lang_span *v = NULL;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, s = pos, e = end;
        pos = nl ? end + 1 : len;
        while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        if (s == e)
            continue;
        kh_lang_span *nv = kh_grow(v, &cap, *n, sizeof *v, 16);
        if (!nv) {
            free(v);
            return kh_set_error(KH_ENOMEM, "out of memory");
        }
        v = nv;
        kh_lang_span *sp = &v[(*n)++];
        sp->start = (uint32_t)s;
        sp->end = (uint32_t)e;
        if (count_letters(text + s, e - s, KH_PARA_MIN_LETTERS) >= KH_PARA_MIN_LETTERS) {
            if ((rc = kh_text_lang(t, text + s, e - s, &sp->lang)) != KH_OK) {
                free(v);
                return rc;
            }
            continue;
        }
        if (!whole_done) {
            if ((rc = kh_text_lang(t, text, len, &whole)) != KH_OK) {
                free(v);
                return rc;
            }
            whole_done = 1;
        }
        sp->lang = whole;
        sp->lang.confidence *= 0.5; /* inherited, not observed */
    }
    *out = v;
    return KH_OK;
}
