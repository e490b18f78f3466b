/*
 * test_amount.c — printed amounts as exact decimals (amount.h): parsing
 * into a scaled integer with the printed number of decimals, formatting
 * back as a JSON number, and what is refused (text, placeholders, a second
 * decimal point, more than 6 decimals, values past int64).
 *
 * The contract tested is the one amount.c implements; where it is looser
 * than the grammar's `amount` rule (a misplaced thousands separator, a
 * trailing point) the case says so: stage three calls amount_parse() on
 * every cell, so what it accepts becomes a value.
 */
#include "unit.h"
#include "amount.h"

#include <stdint.h>

/* Parses text, expects success with scaled/decimals, and checks that it
 * formats as want. */
static void parses(const char *text, int64_t scaled, int decimals, const char *want)
{
    pr_amount a = {12345, 3};
    int ok = amount_parse(text, &a);
    if (!ok) {
        unit.current_failed++;
        fprintf(stderr, "  %s: amount_parse(\"%s\") refused it\n", unit.current, text);
        return;
    }
    if (a.scaled != scaled || a.decimals != decimals) {
        unit.current_failed++;
        fprintf(stderr, "  %s: amount_parse(\"%s\") = %lld/%d, want %lld/%d\n",
                unit.current, text, (long long)a.scaled, a.decimals,
                (long long)scaled, decimals);
    }
    char buf[48];
    CHECK_STR(amount_format(a, buf, sizeof buf), want);
}

/* Expects amount_parse to refuse text and leave *out alone. */
static void refuses(const char *text)
{
    pr_amount a = {777, 1};
    if (amount_parse(text, &a)) {
        unit.current_failed++;
        fprintf(stderr, "  %s: amount_parse(\"%s\") accepted it as %lld/%d\n",
                unit.current, text, (long long)a.scaled, a.decimals);
    }
    CHECK(a.scaled == 777 && a.decimals == 1);
}

static void thousands_and_decimals_are_exact(void)
{
    parses("13,297.11", 1329711, 2, "13297.11");
    parses("1,234,567.89", 123456789, 2, "1234567.89");
    parses("800.00", 80000, 2, "800.00");
    parses("0", 0, 0, "0");
    parses("0.00", 0, 2, "0.00");
    parses("907.42", 90742, 2, "907.42");
    parses("4.90", 490, 2, "4.90");           /* the trailing 0 is kept */
    parses("2010201", 2010201, 0, "2010201"); /* a code is digits too */
    parses("0.123456", 123456, 6, "0.123456");
    parses("-0.50", -50, 2, "-0.50");
    parses("-5.00", -500, 2, "-5.00");
    parses("\xEF\xBC\x8D" "5.00", -500, 2, "-5.00");   /* full-width minus */
    parses(".5", 5, 1, "0.5");
    parses("-.5", -5, 1, "-0.5");
}

static void format_round_trips(void)
{
    const char *texts[] = {"13297.11", "-0.50", "800.00", "0", "1", "-1",
                           "0.000001", "123456789012.345678", "-7.0"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        pr_amount a;
        char buf[48];
        CHECK(amount_parse(texts[i], &a));
        CHECK_STR(amount_format(a, buf, sizeof buf), texts[i]);
    }
    /* largest and smallest values the type holds print exactly */
    char buf[48];
    CHECK_STR(amount_format((pr_amount){INT64_MAX, 2}, buf, sizeof buf),
              "92233720368547758.07");
    CHECK_STR(amount_format((pr_amount){INT64_MIN, 0}, buf, sizeof buf),
              "-9223372036854775808");
    CHECK_STR(amount_format((pr_amount){-5, 6}, buf, sizeof buf), "-0.000005");
    /* a short buffer is truncated, still terminated */
    char small[5];
    CHECK_STR(amount_format((pr_amount){1329711, 2}, small, sizeof small), "1329");
}

static void refuses_what_is_not_an_amount(void)
{
    refuses("");
    refuses("abc");
    refuses("-");
    refuses("\xE2\x80\x94");                /* — placeholder */
    refuses("/");
    refuses(".");
    refuses("1.2.3");
    refuses("1,234.5.6");
    refuses("12.3,4");                      /* a comma after the point */
    refuses(",5");                          /* a comma before any digit */
    refuses("+5");
    refuses("--5");
    refuses("5-");
    refuses("1 234");                       /* callers compact first */
    refuses("201一般公共服务支出");
    refuses("5.00%");
    refuses("\xEF\xBC\x95\xEF\xBC\x90\xEF\xBC\x90");   /* ５００ full-width */
    refuses("0.1234567");                   /* 7 decimals: more than 6 */
    refuses("99999999999999999999");        /* past int64 */
    refuses("9223372036854775807");         /* INT64_MAX: refused (guard is
                                               conservative by one digit) */
    parses("922337203685477579", 922337203685477579LL, 0, "922337203685477579");
}

/* Thousands separators must group by three, as the grammar's amount rule
 * says, and a point needs a decimal after it: a cell like "1,2" is not
 * an amount, so it never becomes the value 12. */
static void separators_must_group_by_three(void)
{
    refuses("1,2");
    refuses("12,34");
    refuses("1,,2");
    refuses("1,");
    refuses("1.");
    refuses("1234,567");
    refuses("1,2345");
    parses("1,234", 1234, 0, "1234");
    parses("12,345,678.90", 1234567890, 2, "12345678.90");
    parses("-0.00", 0, 2, "0.00");          /* the sign of zero is lost */
}
void unit_group_amount(void)
{
    unit_run("amount: thousands separators and decimals are exact",
             thousands_and_decimals_are_exact);
    unit_run("amount: format round-trips what it parsed",
             format_round_trips);
    unit_run("amount: text, placeholders, overflow, 7 decimals are refused",
             refuses_what_is_not_an_amount);
    unit_run("amount: thousands separators group by three; a point needs decimals",
             separators_must_group_by_three);
}
