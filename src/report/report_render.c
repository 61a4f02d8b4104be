/*
 * report_render.c: a report model (report.c) as readable text, or as one
 * self-contained HTML page.
 *
 * The page has no external resource (styles inline, no script), so it can
 * be mailed or archived as one file. Persian and Arabic read right to
 * left: the page's direction follows the summary's language, and every
 * piece of article text is its own element with dir="auto", so mixed
 * Persian, Arabic and English lines each take their own direction.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "report/report.h"

static const char *s(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

static void range_text(const json_t *lo, const json_t *hi, char *buf, size_t cap)
{
    if (json_is_number(lo) && json_is_number(hi) && json_number_value(lo) == json_number_value(hi))
        snprintf(buf, cap, "%g", json_number_value(lo));
    else if (json_is_number(lo) && json_is_number(hi))
        snprintf(buf, cap, "%g–%g", json_number_value(lo), json_number_value(hi));
    else if (json_is_number(lo))
        snprintf(buf, cap, "≥ %g", json_number_value(lo));
    else if (json_is_number(hi))
        snprintf(buf, cap, "≤ %g", json_number_value(hi));
    else
        snprintf(buf, cap, "?");
}

static const char *classification_label(const char *c)
{
    if (strcmp(c, "agreement") == 0)
        return "sources agree";
    if (strcmp(c, "compatible") == 0)
        return "compatible estimates";
    if (strcmp(c, "evolution") == 0)
        return "evolved over time";
    if (strcmp(c, "conflict") == 0)
        return "sources conflict";
    return "one source";
}

/* ---- text --------------------------------------------------------------- */

int kh_report_render_text(const json_t *r, FILE *out)
{
    size_t i, j;
    json_t *x, *y;
    fprintf(out, "%s %lld (event %lld): %s\n", s(r, "kind"),
            (long long)json_integer_value(json_object_get(r, "id")),
            (long long)json_integer_value(json_object_get(r, "event")), s(r, "title"));
    fprintf(out, "published %s .. %s\n", s(r, "first_published"), s(r, "last_published"));
    fprintf(out, "languages:");
    json_array_foreach(json_object_get(r, "languages"), i, x) fprintf(out, " %s",
                                                                      json_string_value(x));
    fprintf(out, "\noutlets:");
    json_array_foreach(json_object_get(r, "outlets"), i, x) fprintf(out, "%s %s", i ? ";" : "",
                                                                    s(x, "name"));
    json_t *summary = json_object_get(r, "summary");
    fprintf(out, "\n\nSummary (%s)\n", s(summary, "lang"));
    json_array_foreach(json_object_get(summary, "sentences"), i, x)
        fprintf(out, "  - %s [%lld]\n", s(x, "text"),
                (long long)json_integer_value(json_object_get(x, "article")));
    fprintf(out, "\nTimeline\n");
    json_array_foreach(json_object_get(r, "timeline"), i, x)
        fprintf(out, "  %-22s [%lld] %-3s %s: %s%s\n",
                *s(x, "published") ? s(x, "published") : "(undated)",
                (long long)json_integer_value(json_object_get(x, "article")), s(x, "lang"),
                s(x, "outlet"), s(x, "title"),
                json_is_null(json_object_get(x, "duplicate_of")) ? "" : " (near-duplicate)");
    fprintf(out, "\nFigures\n");
    json_array_foreach(json_object_get(r, "figures"), i, x)
    {
        char range[64];
        json_t *rg = json_object_get(x, "range");
        range_text(json_object_get(rg, "lo"), json_object_get(rg, "hi"), range, sizeof range);
        fprintf(out, "  %s, %s%s%s: %s (%s)\n", s(x, "counted"), s(x, "happening"),
                *s(x, "happening_day") ? " " : "", s(x, "happening_day"), range,
                classification_label(s(x, "classification")));
        json_array_foreach(json_object_get(x, "values"), j, y)
        {
            char v[64];
            range_text(json_object_get(y, "lo"), json_object_get(y, "hi"), v, sizeof v);
            fprintf(out, "      %-10s %-10s %s (\"%s\", %s) [%lld]\n", s(y, "published"), v,
                    s(y, "outlet"), s(y, "text"), s(y, "qualifier"),
                    (long long)json_integer_value(json_object_get(y, "article")));
        }
    }
    fprintf(out, "\nClaims and their challenges\n");
    json_array_foreach(json_object_get(r, "disputes"), i, x)
    {
        fprintf(out, "  %s (%s, [%lld]): %s\n", s(x, "speaker"), s(x, "stance"),
                (long long)json_integer_value(json_object_get(x, "article")), s(x, "content"));
        json_array_foreach(json_object_get(x, "claims"), j, y)
            fprintf(out, "      against %s: %s [%lld]\n", s(y, "speaker"), s(y, "content"),
                    (long long)json_integer_value(json_object_get(y, "article")));
    }
    fprintf(out, "\nEntities\n ");
    json_array_foreach(json_object_get(r, "entities"), i, x)
        fprintf(out, " %s(%lld)", s(x, "key"),
                (long long)json_integer_value(json_object_get(x, "mentions")));
    fprintf(out, "\n");
    json_array_foreach(json_object_get(r, "duplicates"), i, x)
        fprintf(out, "%s[%lld] is a near-duplicate of [%lld]\n", i ? "" : "\n",
                (long long)json_integer_value(json_object_get(x, "article")),
                (long long)json_integer_value(json_object_get(x, "duplicate_of")));
    return ferror(out) ? kh_set_error(KH_EIO, "cannot write the report") : KH_OK;
}

/* ---- HTML --------------------------------------------------------------- */

static void esc(FILE *out, const char *t)
{
    for (; t && *t; t++) {
        switch (*t) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*t, out);
        }
    }
}

static int rtl(const char *lang)
{
    return lang && (strcmp(lang, "fa") == 0 || strcmp(lang, "ar") == 0 ||
                    strcmp(lang, "ur") == 0 || strcmp(lang, "he") == 0 ||
                    strcmp(lang, "ps") == 0 || strcmp(lang, "ckb") == 0);
}

static const char *css =
    "body{font-family:'Vazirmatn','Noto Naskh Arabic','DejaVu Sans',sans-serif;margin:0;"
    "background:#f6f5f1;color:#1d1d1b;line-height:1.7}"
    "main{max-width:60rem;margin:0 auto;padding:1.5rem}"
    "h1{font-size:1.6rem;margin:.2rem 0 .6rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;"
    "border-bottom:2px solid #c9c3b3;padding-bottom:.2rem}"
    ".meta{color:#5b5952;font-size:.92rem}.meta span{margin-inline-end:1rem}"
    "ol.summary li{margin:.35rem 0}.ref{color:#8a6d1d;font-size:.8rem;margin-inline-start:.3rem}"
    "table{border-collapse:collapse;width:100%;font-size:.92rem;background:#fff}"
    "th,td{border:1px solid #ddd8cc;padding:.3rem .5rem;text-align:start;vertical-align:top}"
    "th{background:#ece8dd}.badge{display:inline-block;padding:0 .5rem;border-radius:.7rem;"
    "font-size:.8rem;color:#fff}.agreement{background:#2f7d4f}.compatible{background:#3d6fa8}"
    ".evolution{background:#8a5a14}.conflict{background:#b23a2e}.single{background:#777}"
    ".claim{background:#fff;border-inline-start:4px solid #b23a2e;padding:.4rem .7rem;"
    "margin:.5rem 0}.against{color:#5b5952;font-size:.9rem;margin-inline-start:1rem}"
    ".ent{display:inline-block;background:#fff;border:1px solid #ddd8cc;border-radius:.3rem;"
    "padding:0 .4rem;margin:.15rem;font-size:.88rem}";

/* A link to an article's row of the timeline. */
static void html_ref(FILE *out, const json_t *item)
{
    long long id = (long long)json_integer_value(json_object_get(item, "article"));
    fprintf(out, "<a class=\"ref\" href=\"#a%lld\">[%lld]</a>", id, id);
}

static void html_summary(const json_t *r, FILE *out)
{
    size_t i;
    json_t *x, *summary = json_object_get(r, "summary");
    fprintf(out, "<h2>Summary</h2><ol class=\"summary\" lang=\"%s\">", s(summary, "lang"));
    json_array_foreach(json_object_get(summary, "sentences"), i, x)
    {
        fputs("<li><span dir=\"auto\">", out);
        esc(out, s(x, "text"));
        fputs("</span>", out);
        html_ref(out, x);
        fputs("</li>", out);
    }
    fputs("</ol>", out);
}

static void html_figures(const json_t *r, FILE *out)
{
    size_t i, j;
    json_t *x, *y;
    fputs("<h2>Figures by source</h2><table><tr><th>what</th><th>source</th><th>published</th>"
          "<th>says</th><th>range</th></tr>",
          out);
    json_array_foreach(json_object_get(r, "figures"), i, x)
    {
        char range[64];
        json_t *rg = json_object_get(x, "range");
        range_text(json_object_get(rg, "lo"), json_object_get(rg, "hi"), range, sizeof range);
        size_t n = json_array_size(json_object_get(x, "values"));
        json_array_foreach(json_object_get(x, "values"), j, y)
        {
            fputs("<tr>", out);
            if (j == 0) {
                fprintf(out, "<td rowspan=\"%zu\"><b>%s</b>, <span dir=\"auto\">", n,
                        s(x, "counted"));
                esc(out, s(x, "happening"));
                fprintf(out,
                        "</span> <span dir=\"ltr\">%s</span><br><span class=\"badge %s\">%s</span> "
                        "<span dir=\"ltr\">%s</span></td>",
                        s(x, "happening_day"), s(x, "classification"),
                        classification_label(s(x, "classification")), range);
            }
            char v[64];
            range_text(json_object_get(y, "lo"), json_object_get(y, "hi"), v, sizeof v);
            fputs("<td dir=\"auto\">", out);
            esc(out, s(y, "outlet"));
            fprintf(out, "</td><td dir=\"ltr\">%s</td><td dir=\"auto\">", s(y, "published"));
            esc(out, s(y, "text"));
            fprintf(out, " (%s)</td><td dir=\"ltr\">%s</td></tr>", s(y, "qualifier"), v);
        }
    }
    fputs("</table>", out);
}

static void html_disputes(const json_t *r, FILE *out)
{
    size_t i, j;
    json_t *x, *y;
    fputs("<h2>Claims and their challenges</h2>", out);
    json_array_foreach(json_object_get(r, "disputes"), i, x)
    {
        fputs("<div class=\"claim\"><b dir=\"auto\">", out);
        esc(out, s(x, "speaker"));
        fprintf(out, "</b> <span class=\"badge conflict\">%s</span> <span dir=\"auto\">",
                s(x, "stance"));
        esc(out, s(x, "content"));
        fputs("</span>", out);
        json_array_foreach(json_object_get(x, "claims"), j, y)
        {
            fputs("<div class=\"against\">↔ <b dir=\"auto\">", out);
            esc(out, s(y, "speaker"));
            fputs("</b>: <span dir=\"auto\">", out);
            esc(out, s(y, "content"));
            fputs("</span> ", out);
            html_ref(out, y);
            fputs("</div>", out);
        }
        fputs("</div>", out);
    }
}

static void html_timeline(const json_t *r, FILE *out)
{
    size_t i;
    json_t *x;
    fputs("<h2>Timeline</h2><table><tr><th>#</th><th>published</th><th>outlet</th>"
          "<th>language</th><th>title</th></tr>",
          out);
    json_array_foreach(json_object_get(r, "timeline"), i, x)
    {
        long long id = (long long)json_integer_value(json_object_get(x, "article"));
        fprintf(out, "<tr id=\"a%lld\"><td>%lld</td><td dir=\"ltr\">%s</td><td dir=\"auto\">", id, id,
                *s(x, "published") ? s(x, "published") : "—");
        esc(out, s(x, "outlet"));
        fprintf(out, "</td><td>%s</td><td dir=\"auto\">", s(x, "lang"));
        esc(out, s(x, "title"));
        if (!json_is_null(json_object_get(x, "duplicate_of")))
            fputs(" <i>(near-duplicate)</i>", out);
        fputs("</td></tr>", out);
    }
    fputs("</table>", out);
}

static void html_entities(const json_t *r, FILE *out)
{
    size_t i, k;
    json_t *x, *forms;
    const char *lang;
    fputs("<h2>Entities</h2><div>", out);
    json_array_foreach(json_object_get(r, "entities"), i, x)
    {
        fputs("<span class=\"ent\" dir=\"auto\">", out);
        int first = 1;
        json_object_foreach(json_object_get(x, "forms"), lang, forms)
        {
            json_t *f;
            json_array_foreach(forms, k, f)
            {
                fputs(first ? "" : " / ", out);
                esc(out, json_string_value(f));
                first = 0;
            }
        }
        fprintf(out, " <small>%s ×%lld</small></span>", s(x, "type"),
                (long long)json_integer_value(json_object_get(x, "mentions")));
    }
    fputs("</div>", out);
}

int kh_report_render_html(const json_t *r, FILE *out)
{
    const char *lang = s(json_object_get(r, "summary"), "lang");
    fprintf(out, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width\"><title>",
            *lang ? lang : "und", rtl(lang) ? "rtl" : "ltr");
    esc(out, s(r, "title"));
    fprintf(out, "</title><style>%s</style></head><body><main>", css);
    fprintf(out, "<div class=\"meta\"><span>khabar · %s %lld · event %lld</span></div><h1 dir=\"auto\">",
            s(r, "kind"), (long long)json_integer_value(json_object_get(r, "id")),
            (long long)json_integer_value(json_object_get(r, "event")));
    esc(out, s(r, "title"));
    fprintf(out, "</h1><div class=\"meta\"><span dir=\"ltr\">%s → %s</span> · <span>languages:",
            s(r, "first_published"), s(r, "last_published"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r, "languages"), i, x) fprintf(out, " %s",
                                                                      json_string_value(x));
    fputs("</span> · <span dir=\"auto\">outlets: ", out);
    json_array_foreach(json_object_get(r, "outlets"), i, x)
    {
        fputs(i ? " · " : "", out);
        esc(out, s(x, "name"));
    }
    fputs("</span></div>", out);
    html_summary(r, out);
    html_figures(r, out);
    html_disputes(r, out);
    html_timeline(r, out);
    html_entities(r, out);
    fputs("</main></body></html>\n", out);
    return ferror(out) ? kh_set_error(KH_EIO, "cannot write the report") : KH_OK;
}
