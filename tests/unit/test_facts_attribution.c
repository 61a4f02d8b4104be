/*
 * test_facts_attribution.c: who says what (src/facts/attribution.c):
 * speakers before (Persian) and after (Arabic) the verb, stances (claim,
 * denial, confirmation, no answer, ignorance), content spans, cited
 * sources and chains, and the attributions the seeds must give.
 */
#include "facts_seed.h"

static kh_facts *F;

static int setup(void **state)
{
    (void)state;
    return kh_facts_new(&F) == KH_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kh_facts_free(F);
    return 0;
}

static json_t *must_find(json_t *root, const char *stance, const char *key)
{
    json_t *a = facts_find_attribution(root, stance, key);
    if (!a) {
        char *s = json_dumps(json_object_get(root, "attributions"), 0);
        fail_msg("no %s by %s in %s", stance, key, s);
    }
    return a;
}

static const char *content_text(json_t *a)
{
    json_t *c = json_object_get(a, "content");
    return json_is_object(c) ? js(c, "text") : "";
}

static void test_persian_claim(void **state)
{
    (void)state;
    json_t *r = facts_run_str(F, "سخنگوی پلیس گفت که دست کم ۱۲ نفر کشته شدند.", "fa");
    json_t *a = must_find(r, "claim", "سخنگوی پلیس");
    assert_string_equal(js(json_object_get(a, "verb"), "text"), "گفت");
    assert_string_equal(content_text(a), "دست کم ۱۲ نفر کشته شدند");
    assert_int_equal(json_array_size(json_object_get(r, "attributions")), 1);
    json_decref(r);
}

static void test_arabic_verb_first(void **state)
{
    (void)state;
    json_t *r = facts_run_str(F, "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إن الزيارة ألغيت.", "ar");
    json_t *a = must_find(r, "claim", "peskov");
    assert_string_equal(content_text(a), "الزيارة ألغيت");
    json_decref(r);
    /* a subject before the verb is found too */
    r = facts_run_str(F, "كانت الولايات المتحدة قد أعلنت أن التنظيم نفذ الهجوم.", "ar");
    must_find(r, "claim", "usa");
    json_decref(r);
}

static void test_stances(void **state)
{
    (void)state;
    static const struct {
        const char *text, *lang, *stance, *speaker;
    } cases[] = {
        {"کرملین این گزارش را تکذیب کرد.", "fa", "denial", "kremlin"},
        {"ونفت وزارة الدفاع الروسية هذه التقارير.", "ar", "denial", "وزارة الدفاع"},
        {"ارتش اسرائیل تایید کرد که دو سرباز کشته شدند.", "fa", "confirmation", "ارتش"},
        {"وأكدت الشرطة اعتقال 3 أشخاص.", "ar", "confirmation", "الشرطة"},
        {"پنتاگون به درخواست توضیح پاسخی نداد.", "fa", "no_answer", "pentagon"},
        {"ولم ترد وزارة الخارجية على طلب للتعليق.", "ar", "no_answer", "وزارة الخارجية"},
        {"ورفض متحدث باسم الوزارة التعليق على التقرير.", "ar", "no_answer", "الوزارة"},
        {"سخنگوی کاخ کرملین از آن اظهار بی‌اطلاعی کرد.", "fa", "ignorance", "kremlin"},
        /* a first-person phrase inside the content sets the speaker's stance */
        {"پسکوف گفت: من از این مسئله مطلع نیستم.", "fa", "ignorance", "peskov"},
        {"وقال بيسكوف: \"ليس لدي معلومات بأن إيران حذرت روسيا\".", "ar", "ignorance", "peskov"},
        {"اما مسکو می‌گوید که اطلاعی درباره این موضوع ندارد.", "fa", "ignorance", "moscow"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *r = facts_run_str(F, cases[i].text, cases[i].lang);
        must_find(r, cases[i].stance, cases[i].speaker);
        json_decref(r);
    }
}

static void test_cites_and_chains(void **state)
{
    (void)state;
    /* a cited source between speaker and verb */
    json_t *r = facts_run_str(F, "خبرگزاري رويترز به نقل از سه منبع گزارش داده که ايران هشدار داده بود.", "fa");
    json_t *a = must_find(r, "claim", "reuters");
    json_t *c = json_array_get(json_object_get(a, "cites"), 0);
    assert_non_null(c);
    assert_string_equal(js(json_object_get(c, "source"), "text"), "سه منبع");
    json_decref(r);
    /* Arabic نقلت X عن Y, with a date in between */
    r = facts_run_str(F,
                      "نقلت وكالة \"رويترز\" للأنباء، يوم الاثنين، عن ثلاثة مصادر مطلعة أن إيران "
                      "حذرت روسيا.",
                      "ar");
    a = must_find(r, "claim", "reuters");
    c = json_array_get(json_object_get(a, "cites"), 0);
    assert_non_null(c);
    assert_string_equal(js(json_object_get(c, "source"), "text"), "ثلاثة مصادر مطلعة");
    json_decref(r);
    /* outlet <- ISNA <- Reuters <- three sources: a chain of parents */
    r = facts_run_str(F,
                      "به نقل از ایسنا خبرگزاری انگلیسی رویترز نوشت که سه منبع مطلع مدعی شدند که "
                      "ایران به روسیه هشدار داده بود.",
                      "fa");
    json_t *isna = must_find(r, "claim", "isna");
    json_t *reuters = must_find(r, "claim", "reuters");
    json_t *sources = must_find(r, "claim", "سه منبع مطلع");
    json_t *atts = json_object_get(r, "attributions");
    size_t i_isna = 0, i_reuters = 0;
    for (size_t i = 0; i < json_array_size(atts); i++) {
        if (json_array_get(atts, i) == isna)
            i_isna = i;
        if (json_array_get(atts, i) == reuters)
            i_reuters = i;
    }
    assert_true(json_is_null(json_object_get(isna, "parent")));
    assert_int_equal(json_integer_value(json_object_get(reuters, "parent")), (json_int_t)i_isna);
    assert_int_equal(json_integer_value(json_object_get(sources, "parent")), (json_int_t)i_reuters);
    json_decref(r);
    /* according to */
    r = facts_run_str(F, "ووفقا لوكالة \"رويترز\"، قال أحد المصادر إن طهران أبلغت موسكو.", "ar");
    must_find(r, "claim", "reuters");
    must_find(r, "claim", "أحد المصادر");
    json_decref(r);
    /* a stance with its own speaker inside someone's content is a child */
    r = facts_run_str(F,
                      "این خبرگزاری مدعی شد که وزارت امور خارجه ایران به درخواست توضیح پاسخی نداد.",
                      "fa");
    a = must_find(r, "no_answer", "iran_foreign_ministry");
    assert_true(json_is_integer(json_object_get(a, "parent")));
    json_decref(r);
}

static void test_addressee_not_speaker(void **state)
{
    (void)state;
    json_t *r = facts_run_str(F, "یکی از منابع مطلع به خبرگزاری رویترز گفت که حمله قریب‌الوقوع بود.", "fa");
    must_find(r, "claim", "منابع مطلع");
    assert_null(facts_find_attribution(r, "claim", "reuters"));
    json_decref(r);
    r = facts_run_str(F, "وقال مصدر مطلع لـ\"رويترز\": \"الهجوم كان متوقعا\".", "ar");
    json_t *a = must_find(r, "claim", "مصدر مطلع");
    assert_string_equal(facts_speaker_key(a), "");
    json_decref(r);
}

static void test_seed_000(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("000_7a2339865d4e93cd.txt", "برچسب ها:", &len);
    json_t *r = facts_run(F, t, len, "fa");
    facts_print("000", r);
    must_find(r, "ignorance", "kremlin");  /* the headline: the Kremlin spokesman */
    must_find(r, "ignorance", "peskov");   /* من ... مطلع نیستم */
    json_t *reu = must_find(r, "claim", "reuters");
    (void)reu;
    must_find(r, "claim", "سه منبع مطلع"); /* Reuters' three sources */
    must_find(r, "no_answer", "iran_foreign_ministry");
    must_find(r, "claim", "isna");
    json_decref(r);
    free(t);
}

static void test_seed_001(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("001_4021acd122d8fafe.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "fa");
    facts_print("001", r);
    json_t *a = must_find(r, "claim", "reuters");
    assert_string_equal(js(json_object_get(json_array_get(json_object_get(a, "cites"), 0), "source"), "text"),
                        "سه منبع");
    must_find(r, "ignorance", "moscow");
    must_find(r, "ignorance", "peskov");
    json_decref(r);
    free(t);
}

static void test_seed_002(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("002_609d45a39ab9baaa.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("002", r);
    must_find(r, "ignorance", "peskov");
    json_t *a = must_find(r, "claim", "reuters");
    assert_string_equal(js(json_object_get(json_array_get(json_object_get(a, "cites"), 0), "source"), "text"),
                        "ثلاثة مصادر مطلعة");
    must_find(r, "denial", "kyiv");
    json_decref(r);
    free(t);
}

static void test_seed_003(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("003_45858de1e21267e7.txt", NULL, &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("003", r);
    json_t *a = must_find(r, "claim", "reuters");
    assert_string_equal(js(json_object_get(json_array_get(json_object_get(a, "cites"), 0), "source"), "text"),
                        "ثلاثة مصادر مطلعة");
    must_find(r, "claim", "isis");
    must_find(r, "denial", "irna");
    json_decref(r);
    free(t);
}

static void test_seed_004(void **state)
{
    (void)state;
    size_t len;
    char *t = facts_seed_text("004_2172b40dd589fe05.txt", "المصدر: سكاي نيوز عربية", &len);
    json_t *r = facts_run(F, t, len, "ar");
    facts_print("004", r);
    must_find(r, "claim", "مسؤول أميركي"); /* the US official */
    must_find(r, "claim", "isis");          /* claimed on Telegram */
    json_t *w = must_find(r, "claim", "المسؤول");
    assert_non_null(strstr(content_text(w), "حذرت روسيا")); /* the US warned Russia */
    must_find(r, "claim", "us_embassy_moscow");
    json_decref(r);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persian_claim),      cmocka_unit_test(test_arabic_verb_first),
        cmocka_unit_test(test_stances),            cmocka_unit_test(test_cites_and_chains),
        cmocka_unit_test(test_addressee_not_speaker), cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_001),           cmocka_unit_test(test_seed_002),
        cmocka_unit_test(test_seed_003),           cmocka_unit_test(test_seed_004),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
