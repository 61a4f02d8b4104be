/*
 * facts.c: loading data/facts/ into one lexicon, running the stages, and
 * the cross-language name skeleton.
 *
 * Every table is a TSV whose last column holds phrases separated by '|'
 * (see data/facts/README.md); the other columns are turned into the
 * payload of each phrase here. Unknown values in a column are errors, so a
 * typo in the data fails kh_facts_new loudly instead of matching nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/error.h"
#include "facts/facts.h"
#include "text/utf8.h"

static const char *const type_names[] = {"", "person", "org", "place"};
static const char *const sub_names[KH_SUB_N] = {"",       "country", "city",   "region",
                                                "venue",  "agency",  "org",    "group",
                                                "gov",    "leader",  "official", "person"};
static const char *const cue_names[KH_CUE_N] = {"",      "title",     "agency", "orghead",
                                                "place", "honorific", "source", "prep",
                                                "pronoun"};
static const char *const thing_names[KH_THING_N] = {
    "", "killed", "injured", "arrested", "missing", "displaced", "kidnapped", "other",
    "unit", "skip", "event"};
static const char *const qual_names[KH_QUAL_N] = {"exact",     "at_least",  "about", "nearly",
                                                  "more_than", "less_than", "up_to"};
static const char *const stance_names[KH_STANCE_N] = {"claim", "denial", "confirmation",
                                                      "no_answer", "ignorance"};
static const char *const rv_names[] = {"", "verb", "phrase", "cite", "according", "comp"};
static const char *const datew_names[] = {"", "month", "weekday", "cue", "relative"};

const char *kh_entity_type_name(int type)
{
    return type > 0 && type <= 3 ? type_names[type] : "";
}
const char *kh_entity_subtype_name(int s)
{
    return s > 0 && s < KH_SUB_N ? sub_names[s] : "";
}
const char *kh_thing_name(int thing)
{
    return thing > 0 && thing < KH_THING_N ? thing_names[thing] : "";
}
const char *kh_qual_name(int q)
{
    return q >= 0 && q < KH_QUAL_N ? qual_names[q] : "";
}
const char *kh_stance_name(int s)
{
    return s >= 0 && s < KH_STANCE_N ? stance_names[s] : "";
}

static int lookup(const char *const *names, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return -1;
}

/* Adds every '|'-separated phrase of field to table. */
static int add_phrases(struct kh_facts *f, int table, const char *field, size_t len,
                       const kh_lex_payload *p)
{
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && field[j] != '|')
            j++;
        if (j > i && !(j - i == 1 && field[i] == '-')) {
            int rc = kh_lex_add(&f->lex, f->text, table, field + i, j - i, p);
            if (rc != KH_OK)
                return rc;
        }
        i = j + 1;
    }
    return KH_OK;
}

static double parse_double(const char *s, size_t len, int *ok)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf) {
        *ok = 0;
        return 0;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double v = strtod(buf, &end);
    *ok = *end == '\0';
    return v;
}

#define BAD(file, line, len) \
    kh_set_error(KH_ERROR, "bad line in data/facts/%s: %.*s", file, (int)(len), line)

static int load_table(struct kh_facts *f, const char *file, int table)
{
    char name[64];
    snprintf(name, sizeof name, "facts/%s", file);
    size_t len;
    const char *bytes = kh_data_get(name, &len);
    if (!bytes)
        return kh_set_error(KH_ERROR, "data file %s is missing from the build", name);
    size_t cursor = 0, ll;
    const char *line;
    while (kh_data_next_line(bytes, len, &cursor, &line, &ll)) {
        const char *fl[8];
        size_t fn[8];
        size_t nf = kh_lex_fields(line, ll, fl, fn, 8);
        kh_lex_payload p = {0};
        int rc = KH_OK, ok = 1;
        switch (table) {
        case KH_LEX_GAZ: { /* key type subtype fa ar en */
            if (nf < 6)
                return BAD(file, line, ll);
            int ty = lookup(type_names, 4, fl[1], fn[1]);
            int st = lookup(sub_names, KH_SUB_N, fl[2], fn[2]);
            if (ty <= 0 || st < 0)
                return BAD(file, line, ll);
            p.a = ty;
            p.b = st;
            p.s = fl[0];
            p.s_len = fn[0];
            for (int c = 3; c < 6 && rc == KH_OK; c++)
                rc = add_phrases(f, table, fl[c], fn[c], &p);
            break;
        }
        case KH_LEX_ECUE: { /* class phrases */
            if (nf < 2 || (p.a = lookup(cue_names, KH_CUE_N, fl[0], fn[0])) <= 0)
                return BAD(file, line, ll);
            rc = add_phrases(f, table, fl[1], fn[1], &p);
            break;
        }
        case KH_LEX_QUAL: { /* kind pos lo hi phrases */
            if (nf < 5 || (p.a = lookup(qual_names, KH_QUAL_N, fl[0], fn[0])) < 0)
                return BAD(file, line, ll);
            p.b = (fn[1] == 6 && memcmp(fl[1], "before", 6) == 0)  ? KH_QUAL_BEFORE
                  : (fn[1] == 5 && memcmp(fl[1], "after", 5) == 0) ? KH_QUAL_AFTER
                                                                   : 0;
            p.x = parse_double(fl[2], fn[2], &ok);
            if (ok)
                p.y = fn[3] == 1 && fl[3][0] == '-' ? -1 : parse_double(fl[3], fn[3], &ok);
            if (!p.b || !ok)
                return BAD(file, line, ll);
            rc = add_phrases(f, table, fl[4], fn[4], &p);
            break;
        }
        case KH_LEX_COUNT: { /* thing flags phrases */
            if (nf < 3 || (p.a = lookup(thing_names, KH_THING_N, fl[0], fn[0])) <= 0)
                return BAD(file, line, ll);
            p.b = (fn[1] == 4 && memcmp(fl[1], "verb", 4) == 0) ? KH_COUNT_VERB : 0;
            rc = add_phrases(f, table, fl[2], fn[2], &p);
            break;
        }
        case KH_LEX_RVERB: { /* stance kind phrases */
            if (nf < 3 || (p.a = lookup(stance_names, KH_STANCE_N, fl[0], fn[0])) < 0 ||
                (p.b = lookup(rv_names, 6, fl[1], fn[1])) <= 0)
                return BAD(file, line, ll);
            rc = add_phrases(f, table, fl[2], fn[2], &p);
            break;
        }
        case KH_LEX_NUMW: { /* value kind phrases; kind: n (adds) or x (multiplies) */
            if (nf < 3)
                return BAD(file, line, ll);
            p.x = parse_double(fl[0], fn[0], &ok);
            p.a = fn[1] == 1 && fl[1][0] == 'x';
            if (!ok)
                return BAD(file, line, ll);
            rc = add_phrases(f, table, fl[2], fn[2], &p);
            break;
        }
        case KH_LEX_DATEW: { /* kind phrases */
            if (nf < 2 || (p.a = lookup(datew_names, 5, fl[0], fn[0])) <= 0)
                return BAD(file, line, ll);
            rc = add_phrases(f, table, fl[1], fn[1], &p);
            break;
        }
        case KH_LEX_STOP:
            rc = add_phrases(f, table, line, ll, &p);
            break;
        default:
            return kh_set_error(KH_ERROR, "unknown facts table %d", table);
        }
        if (rc != KH_OK)
            return rc;
    }
    return KH_OK;
}

int kh_facts_load(struct kh_facts *f)
{
    static const struct {
        const char *file;
        int table;
    } tables[] = {
        {"gazetteer_places.tsv", KH_LEX_GAZ}, {"gazetteer_orgs.tsv", KH_LEX_GAZ},
        {"gazetteer_people.tsv", KH_LEX_GAZ}, {"entity_cues.tsv", KH_LEX_ECUE},
        {"qualifiers.tsv", KH_LEX_QUAL},      {"count_cues.tsv", KH_LEX_COUNT},
        {"reporting_verbs.tsv", KH_LEX_RVERB}, {"number_words.tsv", KH_LEX_NUMW},
        {"function_words.txt", KH_LEX_STOP},  {"date_words.tsv", KH_LEX_DATEW},
    };
    int rc = kh_lex_init(&f->lex);
    for (size_t i = 0; rc == KH_OK && i < sizeof tables / sizeof tables[0]; i++)
        rc = load_table(f, tables[i].file, tables[i].table);
    return rc;
}

int kh_facts_run(struct kh_facts *f, const char *text, size_t len, const char *lang)
{
    int rc = kh_fdoc_scan(&f->doc, f->text, &f->lex, text, len, lang);
    if (rc == KH_OK)
        rc = kh_entities_find(&f->lex, &f->doc, &f->res);
    if (rc == KH_OK)
        rc = kh_figures_find(&f->lex, &f->doc, &f->res);
    if (rc == KH_OK)
        rc = kh_attributions_find(&f->lex, &f->doc, &f->res);
    return rc;
}

void kh_fres_free(kh_fres *r)
{
    free(r->ent);
    free(r->tok_ent);
    free(r->fig);
    free(r->att);
    memset(r, 0, sizeof *r);
}

/*
 * The skeleton: Persian and Arabic spell a foreign name with the same
 * consonants but different vowel letters (روسیه / روسيا), Persian letters
 * Arabic lacks (پ گ چ ژ -> ب غ/ك ج ز) and Arabic emphatics Persian
 * replaces (ط ص ض ظ -> ت س ز ز). So: drop a leading ال, drop the long
 * vowels and hamza (ا و ي ء ع) and a final ه, merge each class of letters
 * that transliterate one foreign sound, and write it in Latin. Latin
 * names keep their consonants the same way ("Peskov" -> "pskv"); both are
 * rough, but stable, which is what a key needs.
 */
static char skel_class(uint32_t c)
{
    switch (c) {
    case 0x0628: case 0x067E: return 'b';           /* ب پ */
    case 0x062A: case 0x0637: case 0x062B: return 't'; /* ت ط ث(->t) */
    case 0x062C: case 0x0686: case 0x0698: return 'j'; /* ج چ ژ */
    case 0x062D: case 0x0647: case 0x062E: return 'h'; /* ح ه خ */
    case 0x062F: return 'd';                            /* د */
    case 0x0630: case 0x0632: case 0x0636: case 0x0638: return 'z'; /* ذ ز ض ظ */
    case 0x0631: return 'r';
    case 0x0633: case 0x0635: return 's';               /* س ص */
    case 0x0634: return 'S';                            /* ش */
    case 0x063A: case 0x0642: case 0x0643: case 0x06AF: case 0x06A9: return 'k'; /* غ ق ك گ ک */
    case 0x0641: case 0x06A4: return 'f';
    case 0x0644: return 'l';
    case 0x0645: return 'm';
    case 0x0646: return 'n';
    default: break;
    }
    if (c >= 'a' && c <= 'z') {
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w' ||
            c == 'h')
            return 0;
        if (c == 'c' || c == 'q' || c == 'g')
            return 'k';
        if (c == 'p')
            return 'b';
        if (c == 'v')
            return 'f';
        if (c == 'x')
            return 'k';
        return (char)c;
    }
    if (c >= '0' && c <= '9')
        return (char)c;
    return 0;
}

size_t kh_name_skeleton(const char *folded, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    if (cap == 0)
        return 0;
    /* the article: ال at the start of the name (and after a clitic) */
    if (len >= 6 && (unsigned char)folded[0] == 0xD8 && (unsigned char)folded[1] == 0xA7 &&
        (unsigned char)folded[2] == 0xD9 && (unsigned char)folded[3] == 0x84)
        i = 4;
    size_t word_start = o;
    while (i < len) {
        size_t at = i;
        uint32_t c = kh_utf8_next(folded, &i);
        if (c == ' ' || c == '-') {
            /* drop a final ه of the word (روسیه), then separate words */
            if (o > word_start && o > 0 && out[o - 1] == 'h' && at > 1 &&
                (unsigned char)folded[at - 2] == 0xD9 && (unsigned char)folded[at - 1] == 0x87)
                o--;
            if (o > 0 && out[o - 1] != '-' && o + 1 < cap)
                out[o++] = '-';
            word_start = o;
            continue;
        }
        char k = skel_class(c);
        if (!k)
            continue;
        if (o > word_start && out[o - 1] == k)
            continue; /* doubled letters: Moskva/Moskkva */
        if (o + 1 < cap)
            out[o++] = k;
    }
    if (o > word_start && out[o - 1] == 'h' && len >= 2 &&
        (unsigned char)folded[len - 2] == 0xD9 && (unsigned char)folded[len - 1] == 0x87)
        o--;
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    return o;
}
