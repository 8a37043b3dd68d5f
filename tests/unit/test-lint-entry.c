/* SPDX-License-Identifier: MIT */
/* lint, one entry at a time: each finding kind on a small table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit-lint.h"

static void lint_magic(struct table *t, struct lint_report *r, const char *magic, const char *mask)
{
	char line[1024];
	unit_magic_line(line, sizeof(line), "qemu-aarch64", magic, mask);
	unit_lint(t, r, line);
}

static void done(struct table *t, struct lint_report *r)
{
	lint_report_free(r);
	table_free(t);
}

static void test_lint_clean_rule_has_no_findings(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	lint_magic(&t, &r, AARCH64_MAGIC, AARCH64_MASK);
	assert_int_equal(r.count, 0);
	done(&t, &r);
}

static void test_lint_builtin_table_is_clean_on_its_host(void **state)
{
	struct table t;
	struct lint_report r;
	struct host host;
	(void)state;
	unit_host(&host, "x86_64");
	table_init(&t);
	table_load_builtin(&t, "/q-{}", &host.profile);
	lint_table(&t, &host, &r);
	assert_int_equal(r.count, 0);
	done(&t, &r);
}

/* box64's entry, as box64 ships it: no P. */
static void test_lint_loses_argv0_without_p(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	unit_lint(
	    &t, &r,
	    ":box64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/local/bin/box64:\n");
	const struct lint_finding *f = unit_only(&r, LINT_LOSES_ARGV0);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_string_equal(
	    f->message,
	    "no P flag (preserve-argv0): the kernel hands /usr/local/bin/box64 (box64) the file's path in place of its argv[0], so the program never sees the name it was run by (multi-call programs such as busybox, and exec -a, break)");
	done(&t, &r);
	/* Extension entries (jar, Python) are no ELF programs' concern. */
	unit_lint(&t, &r, ":jar:E::jar::/usr/bin/jexec:\n");
	assert_int_equal(unit_count(&r, LINT_LOSES_ARGV0), 0);
	done(&t, &r);
}

static void test_lint_invalid_line_is_an_error_with_its_line(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	unit_lint(&t, &r, "\n:bad:M::\\xZZ::/i:\n");
	const struct lint_finding *f = unit_only(&r, LINT_INVALID);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_int_equal(f->line, 2);
	assert_string_equal(f->source, "t");
	assert_int_equal(f->entry, LINT_NO_ENTRY);
	done(&t, &r);
}

static void test_lint_extension_with_dot_never_matches(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	unit_lint(&t, &r, ":win:E::.exe::/wine:\n:ok:E::exe::/wine2:\n");
	const struct lint_finding *f = unit_only(&r, LINT_NEVER_MATCHES);
	assert_non_null(f);
	assert_int_equal(f->entry, 0);
	assert_int_equal(f->severity, LINT_ERROR);
	assert_int_equal(r.count, 1);
	done(&t, &r);
}

static void test_lint_contradicts_elf(void **state)
{
	static const struct {
		const char *magic, *mask, *message;
	} cases[] = {
	    {"7e454c46", "ffffffff",
	     "spells ELF but never matches an ELF file: byte 0 (the signature) must be 0x7e under mask 0xff, ELF files have 0x7f"},
	    {"7f454c4603", "ffffffffff",
	     "never matches an ELF file: byte 4 (EI_CLASS) accepts neither ELFCLASS32 (1) nor ELFCLASS64 (2)"},
	    {"7f454c460100", "ffffffffffff",
	     "never matches an ELF file: byte 5 (EI_DATA) accepts neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)"},
	    {"7f454c46010100", "ffffffffffffff",
	     "never matches an ELF file: byte 6 (EI_VERSION) rejects EV_CURRENT (1), the only version there is"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct table t;
		struct lint_report r;
		lint_magic(&t, &r, cases[i].magic, cases[i].mask);
		const struct lint_finding *f = unit_only(&r, LINT_CONTRADICTS_ELF);
		assert_non_null(f);
		assert_string_equal(f->message, cases[i].message);
		assert_int_equal(f->severity, LINT_ERROR);
		done(&t, &r);
	}
}

static void test_lint_e_type_findings(void **state)
{
	/* aarch64 with e_type masked exactly: ET_EXEC only, ET_DYN only, ET_REL. */
	static const struct {
		const char *magic, *mask;
		enum lint_kind kind;
		enum lint_severity severity;
	} cases[] = {
	    {AARCH64_MAGIC, "fffffffffffffffc00ffffffffffffffffffffff", LINT_REJECTS_PIE,
	     LINT_ERROR},
	    {"7f454c460201010000000000000000000300b700", "fffffffffffffffc00ffffffffffffffffffffff",
	     LINT_REJECTS_EXEC, LINT_WARNING},
	    {"7f454c460201010000000000000000000100b700", "fffffffffffffffc00ffffffffffffffffffffff",
	     LINT_NO_EXECUTABLE, LINT_ERROR},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct table t;
		struct lint_report r;
		lint_magic(&t, &r, cases[i].magic, cases[i].mask);
		const struct lint_finding *f = unit_only(&r, cases[i].kind);
		assert_non_null(f);
		assert_int_equal(f->severity, cases[i].severity);
		done(&t, &r);
	}
}

static void test_lint_e_type_in_either_byte_order(void **state)
{
	/* Data byte unmasked: ET_DYN is accepted if either order allows it. */
	struct table t;
	struct lint_report r;
	(void)state;
	lint_magic(&t, &r, "7f454c46020001000000000000000000020003",
		   "ffffffffff00ff000000000000000000feff00");
	assert_int_equal(unit_count(&r, LINT_REJECTS_PIE), 0);
	done(&t, &r);
}

static void test_lint_osabi_findings(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	/* Guix's mask: byte 7 exact 0, so GNU/Linux (3) is refused. */
	lint_magic(&t, &r, AARCH64_MAGIC, "ffffffffffffffff00fffffffffffffffeffffff");
	const struct lint_finding *f = unit_only(&r, LINT_REJECTS_GNU_OSABI);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_non_null(strstr(f->message, "must be 0x00 under mask 0xff"));
	done(&t, &r);

	/* m68k's 0xfe: 0 and 1 pass, 3 does not. */
	lint_magic(&t, &r, AARCH64_MAGIC, "fffffffffffffffe00fffffffffffffffeffffff");
	assert_int_equal(unit_count(&r, LINT_REJECTS_GNU_OSABI), 1);
	done(&t, &r);

	/* OSABI pinned to 3: System V (0) refused. */
	lint_magic(&t, &r, "7f454c460201010300000000000000000200b700",
		   "ffffffffffffffff00fffffffffffffffeffffff");
	f = unit_only(&r, LINT_REJECTS_SYSV_OSABI);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_ERROR);
	done(&t, &r);
}

static void test_lint_masked_bits_explains_the_kernel(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	lint_magic(&t, &r, "7f454c460201010300000000000000000200b700", AARCH64_MASK);
	const struct lint_finding *f = unit_only(&r, LINT_MASKED_BITS);
	assert_non_null(f);
	assert_int_equal(f->severity, LINT_WARNING);
	assert_string_equal(
	    f->message,
	    "magic has bits set where the mask is 0 (1 byte, first byte 7: magic 0x03, mask 0xfc): the kernel ignores them, since it tests (byte ^ magic) & mask, so the entry still matches; a different mask may have been meant");
	done(&t, &r);
}

static void test_lint_old_kernel_and_long_interpreter(void **state)
{
	char text[600];
	struct table t;
	struct lint_report r;
	(void)state;
	snprintf(text, sizeof(text), ":far:M:120:abcdefghij::/%0150d:\n", 0);
	unit_lint(&t, &r, text);
	const struct lint_finding *f = unit_only(&r, LINT_OLD_KERNEL);
	assert_non_null(f);
	assert_string_equal(
	    f->message,
	    "magic reaches byte 129: kernels before 5.1 read only the first 128 bytes and refuse the entry");
	f = unit_only(&r, LINT_LONG_INTERPRETER);
	assert_non_null(f);
	assert_string_equal(
	    f->message,
	    "interpreter path of 151 bytes: older kernels cannot run interpreters of 128 bytes or more");
	done(&t, &r);
}

static void test_lint_disabled_and_switched_off(void **state)
{
	struct table t;
	struct lint_report r;
	struct host host;
	(void)state;
	unit_host(&host, "x86_64");
	table_init(&t);
	table_parse_register(&t, "t", ":a:E::a::/i:\n", 12);
	t.items[0].entry.enabled = false;
	t.switched_off = true;
	lint_table(&t, &host, &r);
	assert_int_equal(r.count, 2);
	assert_int_equal(unit_only(&r, LINT_DISABLED)->severity, LINT_INFO);
	assert_int_equal(unit_only(&r, LINT_SWITCHED_OFF)->severity, LINT_WARNING);
	assert_int_equal(r.counts[LINT_INFO], 1);
	assert_int_equal(r.counts[LINT_WARNING], 1);
	done(&t, &r);
}

static void test_lint_findings_sorted_by_line(void **state)
{
	struct table t;
	struct lint_report r;
	(void)state;
	unit_lint(&t, &r, ":b:E::.b::/i:\n:bad\n:a:E::.a::/i:\n");
	assert_int_equal(r.count, 3);
	assert_int_equal(r.items[0].line, 1);
	assert_int_equal(r.items[1].line, 2);
	assert_int_equal(r.items[1].kind, LINT_INVALID);
	assert_int_equal(r.items[2].line, 3);
	done(&t, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lint_clean_rule_has_no_findings),
	    cmocka_unit_test(test_lint_builtin_table_is_clean_on_its_host),
	    cmocka_unit_test(test_lint_loses_argv0_without_p),
	    cmocka_unit_test(test_lint_invalid_line_is_an_error_with_its_line),
	    cmocka_unit_test(test_lint_extension_with_dot_never_matches),
	    cmocka_unit_test(test_lint_contradicts_elf),
	    cmocka_unit_test(test_lint_e_type_findings),
	    cmocka_unit_test(test_lint_e_type_in_either_byte_order),
	    cmocka_unit_test(test_lint_osabi_findings),
	    cmocka_unit_test(test_lint_masked_bits_explains_the_kernel),
	    cmocka_unit_test(test_lint_old_kernel_and_long_interpreter),
	    cmocka_unit_test(test_lint_disabled_and_switched_off),
	    cmocka_unit_test(test_lint_findings_sorted_by_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
