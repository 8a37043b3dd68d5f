/* SPDX-License-Identifier: MIT */
/* verify's decision for one file: ok, unmatched, wrong, ambiguous. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit-lint.h"
#include "elfprobe/verdict.h"

/* A probed header of a typical binary of `target`. */
static void binary(struct probe_header *h, const char *target)
{
	const struct target *t = target_lookup(target);
	memset(h, 0, sizeof(*h));
	struct elf_sample usual = elf_sample_usual(t, ET_DYN, ELFOSABI_SYSV);
	h->head_len = elf_sample_header(t, &usual, h->head);
	h->kind = PROBE_ELF;
	h->elf_class = t->elf_class;
	h->elf_data = t->elf_data;
	h->machine = t->machine;
	h->type = ET_DYN;
	h->flags = t->abi == ABI_MIPS_N32 ? EF_MIPS_ABI2 : 0;
}

static void decide(const char *table_text, const char *target, bool host_native,
		   struct verdict_detail *d)
{
	struct table t;
	struct probe_header h;
	struct host host;

	unit_host(&host, "x86_64");
	table_init(&t);
	if (table_text)
		table_parse_register(&t, "t", table_text, strlen(table_text));
	else
		table_load_builtin(&t, "/q-{}", NULL);
	binary(&h, target);
	verdict_decide(&t, &h, "file", verdict_expected(&h, &host, host_native), d);
	table_free(&t);
}

static void test_verdict_builtin_picks_each_target(void **state)
{
	(void)state;
	for (size_t i = 0; i < target_count; i++) {
		struct verdict_detail d;
		decide(NULL, targets[i].name, false, &d);
		assert_int_equal(d.verdict, VERDICT_OK);
		assert_int_equal(d.match_count, 1);
		assert_ptr_equal(d.expected, &targets[i]);
	}
}

static void test_verdict_host_family_expects_nothing(void **state)
{
	struct verdict_detail d;
	(void)state;
	/* The built-in table with all targets picks x86_64, which --host
	 * says the host runs itself. */
	decide(NULL, "x86_64", true, &d);
	assert_null(d.expected);
	assert_int_equal(d.verdict, VERDICT_WRONG);
	decide(":qemu-aarch64:E::nothing::/i:\n", "i386", true, &d);
	assert_int_equal(d.verdict, VERDICT_OK);
	decide(":qemu-aarch64:E::nothing::/i:\n", "i386", false, &d);
	assert_int_equal(d.verdict, VERDICT_UNMATCHED);
}

static void test_verdict_wrong_target_and_ambiguous(void **state)
{
	char text[2048], line[1024];
	struct verdict_detail d;
	(void)state;
	/* Guix's mips and mipsn32 rules are the same rule. */
	unit_magic_line(text, sizeof(text), "qemu-mips", "7f454c4601020100000000000000000000020008",
			"ffffffffffffff00fffffffffffffffffffeffff");
	decide(text, "mipsn32", false, &d);
	assert_int_equal(d.verdict, VERDICT_WRONG);
	assert_int_equal(d.match_count, 1);
	unit_magic_line(line, sizeof(line), "qemu-mipsn32",
			"7f454c4601020100000000000000000000020008",
			"ffffffffffffff00fffffffffffffffffffeffff");
	strcat(text, line);
	decide(text, "mips", false, &d);
	assert_int_equal(d.verdict, VERDICT_AMBIGUOUS);
	assert_int_equal(d.match_count, 2);
	assert_int_equal(d.matches[0], 1); /* newest first: the kernel's pick */
	assert_int_equal(d.matches[1], 0);
}

static void test_verdict_unknown_entry_target_is_wrong(void **state)
{
	struct verdict_detail d;
	(void)state;
	decide(":mystery:M::\\x7fELF::/i:\n", "aarch64", false, &d);
	assert_int_equal(d.verdict, VERDICT_WRONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_verdict_builtin_picks_each_target),
	    cmocka_unit_test(test_verdict_host_family_expects_nothing),
	    cmocka_unit_test(test_verdict_wrong_target_and_ambiguous),
	    cmocka_unit_test(test_verdict_unknown_entry_target_is_wrong),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
