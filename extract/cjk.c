/*
 * cjk.c — which characters are written without spaces between them.
 *
 * Used to decide whether a gap between two glyphs is a word space: between
 * CJK characters only a wide gap is (no spaces are invented inside Chinese
 * text), between Latin letters and digits a narrow one is.
 */
#include "extract_int.h"

int extract_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) ||    /* radicals */
           (cp >= 0x3000 && cp <= 0x33FF) ||    /* punctuation, kana, ... */
           (cp >= 0x3400 && cp <= 0x4DBF) ||    /* extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||    /* unified ideographs */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||    /* hangul */
           (cp >= 0xF900 && cp <= 0xFAFF) ||    /* compatibility */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||    /* compatibility forms */
           (cp >= 0xFF00 && cp <= 0xFFEF) ||    /* full-width forms */
           (cp >= 0x20000 && cp <= 0x3FFFF);    /* extensions B.. */
}
