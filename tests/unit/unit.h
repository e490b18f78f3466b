/*
 * unit.h — the smallest test harness that reports honestly: each CHECK
 * counts one assertion; a test passes when all its assertions hold. The
 * runner's last line is "N passed, N failed" (tests/run adds these up).
 */
#ifndef PDFROWS_UNIT_H
#define PDFROWS_UNIT_H

#include <stdio.h>
#include <string.h>

typedef struct unit_state {
    int passed, failed;
    int current_failed;
    const char *current;
} unit_state;

extern unit_state unit;

#define CHECK(cond) do { \
    if (!(cond)) { \
        unit.current_failed++; \
        fprintf(stderr, "  %s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
                unit.current, #cond); \
    } } while (0)

#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (!g_ || strcmp(g_, w_) != 0) { \
        unit.current_failed++; \
        fprintf(stderr, "  %s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, \
                __LINE__, unit.current, g_ ? g_ : "(null)", w_); \
    } } while (0)

#define CHECK_NEAR(got, want, tol) do { \
    double g_ = (got), w_ = (want); \
    if (!(g_ >= w_ - (tol) && g_ <= w_ + (tol))) { \
        unit.current_failed++; \
        fprintf(stderr, "  %s:%d: %s: got %g, want %g (+-%g)\n", __FILE__, \
                __LINE__, unit.current, g_, w_, (double)(tol)); \
    } } while (0)

/* The whole file at path, NUL-terminated; owned (free()), NULL if it
 * cannot be read. */
char *unit_slurp(const char *path);

/* The *.pdf names in dir, sorted; *names and each name owned (free()).
 * 0 (and *names NULL) when there are none or dir cannot be read. */
size_t unit_fixture_pdfs(const char *dir, char ***names);

/* Whether s is only blanks (space, tab, CR); strips them off s's end. */
int unit_blank(const char *s);
void unit_rstrip(char *s);

/* Runs one test function and records its outcome. */
void unit_run(const char *name, void (*fn)(void));

/* Test groups, one per file. */
void unit_group_lines(void);
void unit_group_rules(void);
void unit_group_orient(void);
void unit_group_options(void);
void unit_group_fixture_rules(const char *fixtures_dir);
void unit_group_grammar(void);
void unit_group_grammar_files(void);
void unit_group_amount(void);
void unit_group_stage2(void);
void unit_group_stage2_layout(void);
void unit_group_stage2_english(void);
void unit_group_stage2_fixtures(const char *fixtures_dir);
void unit_group_stage2_boxes(const char *fixtures_dir);
void unit_group_review(void);
void unit_group_confidence(void);
void unit_group_long(const char *fixtures_dir);
void unit_group_output_intents(void);
void unit_group_page_tree(void);
void unit_group_stream(void);
void unit_group_ocr_mend(void);
void unit_group_ocr_line_mend(void);
void unit_group_ocr_correct(void);
void unit_group_checks_overflow(void);
void unit_group_match_limits(void);
void unit_group_spool(void);
void unit_group_hidden(void);
void unit_group_text(void);

#endif
