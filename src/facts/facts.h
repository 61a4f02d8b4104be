/*
 * facts.h: the facts layer: entities, figures with meaning, attributions.
 *
 *   text --kh_fdoc_scan--> tokens, sentences, lexicon matches (lexicon.h)
 *        --kh_entities_find--> entities (gazetteer, cue words, quotes)
 *        --kh_figures_find---> figures (number, qualifier range, counted
 *                              thing, happening: event cue, anchor, date)
 *        --kh_attributions_find--> speaker, verb, stance, content, chain
 *
 * kh_facts (opaque in khabar.h) owns a kh_text and the lexicon built once
 * from the tables of data/facts/; kh_fres holds the results of one text, reused
 * from text to text. Spans are byte offsets in the text. Not thread-safe:
 * one kh_facts per thread.
 */
#ifndef KH_FACTS_FACTS_H
#define KH_FACTS_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "facts/lexicon.h"

/* Entity types and the subtypes of the gazetteer. */
enum { KH_ENT_PERSON = 1, KH_ENT_ORG, KH_ENT_PLACE };
enum {
    KH_SUB_NONE = 0,
    KH_SUB_COUNTRY,
    KH_SUB_CITY,
    KH_SUB_REGION,
    KH_SUB_VENUE,
    KH_SUB_AGENCY,
    KH_SUB_ORG,
    KH_SUB_GROUP,
    KH_SUB_GOV,
    KH_SUB_LEADER,
    KH_SUB_OFFICIAL,
    KH_SUB_PERSON,
    KH_SUB_N
};
/* How an entity was found. */
enum { KH_SRC_GAZ = 1, KH_SRC_CUE, KH_SRC_QUOTE, KH_SRC_PROPAGATED };

/* Entity cue classes (entity_cues.tsv). */
enum {
    KH_CUE_TITLE = 1, /* role before a person or body: سخنگوی، المتحدث باسم */
    KH_CUE_AGENCY,    /* خبرگزاری، وكالة + name */
    KH_CUE_ORGHEAD,   /* the cue heads the name: وزارت ...، وزارة ... */
    KH_CUE_PLACE,     /* شهر، مدينة، قاعة + name */
    KH_CUE_HONORIFIC, /* آقای، السيد + person */
    KH_CUE_SOURCE,    /* منبع، مصدر، مسؤول: anonymous speakers */
    KH_CUE_PREP,      /* a preposition: the name after it is not a speaker */
    KH_CUE_PRONOUN,   /* a personal pronoun: او، وی، هو */
    KH_CUE_N
};

/* Counted things (count_cues.tsv); UNIT, SKIP and EVENT are not things. */
enum {
    KH_THING_NONE = 0,
    KH_THING_KILLED,
    KH_THING_INJURED,
    KH_THING_ARRESTED,
    KH_THING_MISSING,
    KH_THING_DISPLACED,
    KH_THING_KIDNAPPED,
    KH_THING_OTHER,
    KH_THING_UNIT,  /* a noun of people or things counted: نفر، شخص */
    KH_THING_SKIP,  /* not a count: years, hours, percent */
    KH_THING_EVENT, /* a happening: حمله، تفجير، attack */
    KH_THING_N
};
#define KH_COUNT_VERB 1 /* flag: a clause-final verb (Persian object + را) */

/* Qualifier kinds (qualifiers.tsv). */
enum {
    KH_QUAL_EXACT = 0,
    KH_QUAL_AT_LEAST,
    KH_QUAL_ABOUT,
    KH_QUAL_NEARLY,
    KH_QUAL_MORE_THAN,
    KH_QUAL_LESS_THAN,
    KH_QUAL_UP_TO,
    KH_QUAL_N
};
#define KH_QUAL_BEFORE 1
#define KH_QUAL_AFTER 2

/* Stances (reporting_verbs.tsv) and kinds of reporting phrases. */
enum {
    KH_STANCE_CLAIM = 0,
    KH_STANCE_DENIAL,
    KH_STANCE_CONFIRMATION,
    KH_STANCE_NO_ANSWER,
    KH_STANCE_IGNORANCE,
    KH_STANCE_N
};
enum {
    KH_RV_VERB = 1,  /* a reporting verb: the speaker is around it */
    KH_RV_PHRASE,    /* a stance phrase in the content: پاسخی نداد */
    KH_RV_CITE,      /* a source cited: به نقل از X، نقلا عن X */
    KH_RV_ACCORDING  /* the sentence is X's: به گفته X، وفقا لـ X */
};

/* Date words (date_words.tsv). */
enum { KH_DATEW_MONTH = 1, KH_DATEW_WEEKDAY, KH_DATEW_CUE, KH_DATEW_REL };

typedef struct kh_span {
    uint32_t start, end; /* bytes; start == end: none */
} kh_span;

typedef struct kh_entity {
    uint32_t tb, te; /* tokens [tb, te) */
    kh_span span;
    int type, subtype, source;
    char key[80];
} kh_entity;

typedef struct kh_figure {
    uint32_t tb, te; /* the number's tokens */
    uint32_t sent;
    kh_span span;    /* the number */
    double value;
    int qual;        /* KH_QUAL_* */
    kh_span qspan;   /* the qualifier */
    double lo, hi;
    int lo_open, hi_open, hi_inf;
    int thing;       /* KH_THING_* (OTHER when only a unit noun is known) */
    kh_span cue;     /* the counted-thing cue */
    kh_span unit;    /* the unit noun */
    kh_span event;   /* the happening's cue noun */
    int anchor;      /* entity index of the happening's place, or -1 */
    kh_span date;    /* raw date text of the happening, if any */
    kh_span fdate;   /* raw date text nearest the figure, if any */
} kh_figure;

#define KH_MAX_CITES 3

typedef struct kh_attribution {
    uint32_t sent;
    int stance;
    int kind;          /* KH_RV_VERB, KH_RV_PHRASE, KH_RV_ACCORDING, or 0 for "X:" */
    kh_span verb;
    kh_span speaker;   /* start == end: unknown */
    int speaker_entity; /* entity index in the speaker phrase, or -1 */
    int speaker_anon;  /* an anonymous source noun (منبع، مصدر) */
    int speaker_coref; /* the speaker of an earlier attribution (وأضاف، به گفته او) */
    kh_span content;
    kh_span stance_cue; /* the phrase that set the stance, if not the verb */
    int parent;        /* the attribution whose content holds this one, or -1 */
    int ncites;
    kh_span cites[KH_MAX_CITES];
    int cite_entity[KH_MAX_CITES];
} kh_attribution;

typedef struct kh_fres {
    kh_entity *ent;
    size_t nent, cent;
    int32_t *tok_ent; /* per token: entity index or -1 */
    size_t ctok;
    kh_figure *fig;
    size_t nfig, cfig;
    kh_attribution *att;
    size_t natt, catt;
} kh_fres;

struct kh_facts {
    kh_text *text;
    kh_lex lex;
    kh_fdoc doc;
    kh_fres res;
};


/* Builds the lexicon from data/facts/ into f->lex (f->text must be set). */
int kh_facts_load(struct kh_facts *f);

/* Runs every stage over text: f->doc and f->res hold the results. */
int kh_facts_run(struct kh_facts *f, const char *text, size_t len, const char *lang);

int kh_entities_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r);
int kh_figures_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r);
int kh_attributions_find(const kh_lex *lex, const kh_fdoc *d, kh_fres *r);
void kh_fres_free(kh_fres *r);

/* Cross-language key of a name: the folded, clitic-stripped consonant
 * skeleton in Latin letters (روسیه, روسيا -> "rs"; پسکوف, بيسكوف -> "bskf").
 * Writes at most cap-1 bytes and a NUL; returns the length. */
size_t kh_name_skeleton(const char *folded, size_t len, char *out, size_t cap);

/* Names of the enums, for JSON and the tests. */
const char *kh_entity_type_name(int type);
const char *kh_entity_subtype_name(int subtype);
const char *kh_thing_name(int thing);
const char *kh_qual_name(int qual);
const char *kh_stance_name(int stance);

#endif
