/* SPDX-License-Identifier: MIT */
/* entry_format(): canonical strings that parse back to the same entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "entry.h"

static void roundtrip(const char *in, const char *expected)
{
	struct binfmt_entry a, b;
	char out[BINFMT_REGISTER_MAX + 1];
	int len;

	assert_int_equal(entry_parse(in, strlen(in), &a, NULL, NULL), 0);
	len = entry_format(&a, out, sizeof(out));
	assert_true(len > 0);
	assert_string_equal(out, expected);
	assert_int_equal(entry_parse(out, (size_t)len, &b, NULL, NULL), 0);
	assert_string_equal(a.name, b.name);
	assert_true(entry_same_rule(&a, &b));
}

static void test_entry_format_escapes_every_byte(void **state)
{
	(void)state;
	roundtrip(":n:M:+2:\x7f"
		  "E\\x4c:\\xff\\xfe\\xfd:/bin/x:POCF\n",
		  ":n:M:2:\\x7f\\x45\\x4c:\\xff\\xfe\\xfd:/bin/x:POCF");
}

static void test_entry_format_c_shows_implied_o(void **state)
{
	(void)state;
	roundtrip(":n:M::ab::/bin/x:C", ":n:M:0:\\x61\\x62::/bin/x:OC");
}

static void test_entry_format_extension(void **state)
{
	(void)state;
	roundtrip("|jar|E|x|jar|y|/usr/bin/jexec|", ":jar:E::jar::/usr/bin/jexec:");
}

static void test_entry_format_avoids_delimiter_in_fields(void **state)
{
	(void)state;
	roundtrip("|a:b|M||ab||/x:y|F", "|a:b|M|0|\\x61\\x62||/x:y|F");
}

static void test_entry_format_reports_small_buffer(void **state)
{
	struct binfmt_entry e;
	char out[10];
	(void)state;
	assert_int_equal(entry_parse(":n:M::ab::/bin/x:", 17, &e, NULL, NULL), 0);
	assert_int_equal(entry_format(&e, out, sizeof(out)), -1);
}

static void test_entry_flags_string_order(void **state)
{
	char out[5];
	(void)state;
	entry_flags_string(ENTRY_FLAG_FIX_BINARY | ENTRY_FLAG_PRESERVE_ARGV0, out);
	assert_string_equal(out, "PF");
	entry_flags_string(0, out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_format_escapes_every_byte),
	    cmocka_unit_test(test_entry_format_c_shows_implied_o),
	    cmocka_unit_test(test_entry_format_extension),
	    cmocka_unit_test(test_entry_format_avoids_delimiter_in_fields),
	    cmocka_unit_test(test_entry_format_reports_small_buffer),
	    cmocka_unit_test(test_entry_flags_string_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
