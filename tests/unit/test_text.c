/*
 * test_text.c — the one UTF-8 toolkit (common/text.c): one definition of
 * whitespace, shared by stage one (glyphs dropped) and the grammars
 * (subjects compacted); decoding through GLib, a bad byte as U+FFFD.
 */
#include "unit.h"
#include "grammar.h"
#include "strbuf.h"
#include "text.h"

static void one_whitespace(void)
{
    const uint32_t spaces[] = {' ', '\t', '\n', 0x01, 0x7F, 0xA0, 0x2002, 0x200B, 0x3000, 0xFEFF};
    const uint32_t not_spaces[] = {'a', '0', 0x4E00, 0xFF0C, 0x200C, 0x2028, 0xFFFD};
    for (size_t i = 0; i < sizeof spaces / sizeof *spaces; i++)
        CHECK(pr_is_space(spaces[i]));
    for (size_t i = 0; i < sizeof not_spaces / sizeof *not_spaces; i++)
        CHECK(!pr_is_space(not_spaces[i]));
    /* the grammars drop exactly those from a subject */
    char out[64];
    gr_compact("合\xE3\x80\x80计 \xC2\xA0x\xE2\x80\x82y\xEF\xBB\xBFz", out, sizeof out);
    CHECK_STR(out, "合计xyz");
}

static void decode_and_encode(void)
{
    size_t len = 0;
    CHECK(pr_utf8_next("合计", &len) == 0x5408 && len == 3);
    CHECK(pr_utf8_next("\xF0\x9F\x98\x80", &len) == 0x1F600 && len == 4);
    CHECK(pr_utf8_next("\xFFx", &len) == 0xFFFD && len == 1);
    CHECK(pr_utf8_count("a合b", 5) == 3);
    pr_strbuf sb = PR_STRBUF_INIT;
    pr_strbuf_put_utf8(&sb, 0x5408);
    pr_strbuf_put_utf8(&sb, 0x1F600);
    pr_strbuf_put_utf8(&sb, 'x');
    CHECK_STR(sb.data, "合\xF0\x9F\x98\x80x");
    pr_strbuf_free(&sb);
}

void unit_group_text(void)
{
    unit_run("text: one whitespace, for glyphs and grammar subjects alike", one_whitespace);
    unit_run("text: decoding (GLib, a bad byte is U+FFFD), counting, encoding",
             decode_and_encode);
}
