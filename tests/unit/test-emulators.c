/* SPDX-License-Identifier: MIT */
/* lib/emulators: which emulator an entry runs, from the register strings
 * the projects ship (tests/data/emulators) and qemu's and qbinfmt's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "emulators.h"

static const char *emulator_of_line(const char *line)
{
	static struct binfmt_entry e;
	struct entry_error error;

	assert_int_equal(entry_parse(line, strlen(line), &e, &error, NULL), 0);
	return emulator_name(&e);
}

/* By the interpreter's file name first: box64 named its entry x86_64
 * before 2024, a name any entry may carry. */
static void test_emulators_named_by_interpreter_and_name(void **state)
{
	(void)state;
	assert_string_equal(
	    emulator_of_line(
		":FEX-x86_64:M:0:\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00:\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\x00\\x00\\x00\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/FEX:POCF"),
	    "FEX-Emu");
	assert_string_equal(
	    emulator_of_line(":FEX-x86:M::\\x7fELF::/opt/fex/bin/FEXInterpreter:POCF"), "FEX-Emu");
	assert_string_equal(emulator_of_line(":x86_64:M::\\x7fELF::/usr/local/bin/box64:"),
			    "box64");
	assert_string_equal(emulator_of_line(":box64:M::\\x7fELF::/usr/bin/box64:"), "box64");
	assert_string_equal(emulator_of_line(":x86:M::\\x7fELF::/usr/local/bin/box86:"), "box86");
	assert_string_equal(emulator_of_line(":rosetta:M::\\x7fELF::/mnt/lima-rosetta/rosetta:OCF"),
			    "Rosetta");
	assert_string_equal(
	    emulator_of_line(
		":qemu-x86_64:M::\\x7fELF::/usr/libexec/qemu-binfmt/x86_64-binfmt-P:OPF"),
	    "qemu");
	assert_string_equal(emulator_of_line(":qemu-arm:M::\\x7fELF::/usr/bin/qemu-arm-static:F"),
			    "qemu");
	assert_string_equal(
	    emulator_of_line(
		":qbinfmt-x86_64:M::\\x7fELF::/usr/libexec/qbinfmt/qemu-x86_64-binfmt-P,cpu=max:P"),
	    "qemu");
	/* A name alone, its interpreter elsewhere (a wrapper script). */
	assert_string_equal(emulator_of_line(":rosetta:M::\\x7fELF::/usr/local/bin/wrapped:OCF"),
			    "Rosetta");
	assert_string_equal(emulator_of_line(":x86_64:M::\\x7fELF::/usr/local/bin/other:"), "-");
	assert_string_equal(emulator_of_line(":jar:E::jar::/usr/bin/jexec:"), "-");
}

static void test_emulators_describe(void **state)
{
	struct binfmt_entry e;
	struct entry_error error;
	char out[128];
	const char *line = ":FEX-x86:M::\\x7fELF::/usr/bin/FEX:POCF";
	(void)state;

	assert_int_equal(entry_parse(line, strlen(line), &e, &error, NULL), 0);
	assert_string_equal(emulator_describe(&e, out, sizeof(out)), "FEX-x86 (FEX-Emu)");
	line = ":jar:E::jar::/usr/bin/jexec:";
	assert_int_equal(entry_parse(line, strlen(line), &e, &error, NULL), 0);
	assert_string_equal(emulator_describe(&e, out, sizeof(out)), "jar");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_emulators_named_by_interpreter_and_name),
	    cmocka_unit_test(test_emulators_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
