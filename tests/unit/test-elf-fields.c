/* SPDX-License-Identifier: MIT */
/* lib/elf-fields: where the fields of an ELF header are, read and
 * written in the file's byte order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "elf-fields.h"

#include <elf.h>

static void test_elf_fields_flags_offset_by_class(void **state)
{
	(void)state;
	assert_int_equal(elf_flags_offset(ELFCLASS32), 36);
	assert_int_equal(elf_flags_offset(ELFCLASS64), 48);
	assert_string_equal(elf_field_name(36, ELFCLASS32), "e_flags");
	assert_string_equal(elf_field_name(51, ELFCLASS64), "e_flags");
}

static void test_elf_fields_get_and_put_in_either_byte_order(void **state)
{
	unsigned char at[4];
	(void)state;

	elf_put(at, 4, ELFDATA2MSB, 0x70001007);
	assert_memory_equal(at, "\x70\x00\x10\x07", 4);
	assert_int_equal(elf_get(at, 4, ELFDATA2MSB), 0x70001007);
	elf_put(at, 4, ELFDATA2LSB, 0x70001007);
	assert_memory_equal(at, "\x07\x10\x00\x70", 4);
	assert_int_equal(elf_get(at, 4, ELFDATA2LSB), 0x70001007);
	/* EM_AARCH64, 183 */
	elf_put(at, 2, ELFDATA2LSB, 0xb7);
	assert_memory_equal(at, "\xb7\x00", 2);
	assert_int_equal(elf_get(at, 2, ELFDATA2LSB), 0xb7);
	assert_int_equal(elf_get(at, 2, ELFDATA2MSB), 0xb700);
}

static void test_elf_fields_names_the_byte(void **state)
{
	(void)state;
	assert_string_equal(elf_field_name(0, ELFCLASS64), "the ELF signature");
	assert_string_equal(elf_field_name(EI_OSABI, ELFCLASS32), "EI_OSABI");
	assert_string_equal(elf_field_name(19, ELFCLASS32), "e_machine");
	assert_string_equal(elf_field_name(64, ELFCLASS64), "past the ELF header");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_elf_fields_flags_offset_by_class),
	    cmocka_unit_test(test_elf_fields_get_and_put_in_either_byte_order),
	    cmocka_unit_test(test_elf_fields_names_the_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
