/* SPDX-License-Identifier: MIT */
/* Static, dynamic, or a PT_INTERP the kernel refuses: the real fixtures,
 * then synthetic programs (an ELF header, one program header, the
 * interpreter's text) bent one way at a time. */
#include "unit-files.h"

#include <elf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "elf-linking.h"

static const char *fixture(const char *name)
{
	static char path[PATH_MAX];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", top ? top : ".", name);
	return path;
}

static void test_elf_linking_fixtures(void **state)
{
	struct elf_interp interp;
	(void)state;

	assert_int_equal(elf_linking_of_path(fixture("bin/hello-aarch64")), ELF_LINKING_STATIC);
	assert_int_equal(elf_linking_of_path(fixture("bin/hello-aarch64-pie")), ELF_LINKING_STATIC);
	assert_int_equal(elf_linking_of_path(fixture("neg/script.sh")), ELF_LINKING_NOT_ELF);
	assert_int_equal(elf_linking_of_path(fixture("neg/truncated-elf")), ELF_LINKING_CORRUPT);
	assert_int_equal(elf_linking_of_path(fixture("neg/no-such-file")), ELF_LINKING_UNREADABLE);
	assert_int_equal(elf_interp_of_path(fixture("secure/probe-aarch64"), &interp),
			 ELF_LINKING_DYNAMIC);
	assert_string_equal(interp.path, "/lib/ld-linux-aarch64.so.1");
	assert_int_equal(interp.size, sizeof("/lib/ld-linux-aarch64.so.1"));
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_OPENS);
	assert_int_equal(elf_interp_of_path(fixture("bin/hello-aarch64"), &interp),
			 ELF_LINKING_STATIC);
	assert_string_equal(interp.path, "");
}

/* A 64-bit little-endian program: the ELF header, its program headers at
 * phoff (PT_LOAD, then PT_INTERP), the interpreter's text at 512. */
struct synthetic {
	unsigned char bytes[8192];
	size_t len;
};

static void put(unsigned char *at, uint64_t value, size_t size)
{
	for (size_t i = 0; i < size; i++)
		at[i] = (unsigned char)(value >> (8 * i));
}

static void synthetic_program(struct synthetic *s, uint64_t phoff, const char *interp,
			      uint64_t size)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->bytes, ELFMAG, SELFMAG);
	s->bytes[EI_CLASS] = ELFCLASS64;
	s->bytes[EI_DATA] = ELFDATA2LSB;
	s->bytes[EI_VERSION] = EV_CURRENT;
	put(s->bytes + 16, ET_EXEC, 2);
	put(s->bytes + 18, EM_AARCH64, 2);
	put(s->bytes + 32, phoff, 8);
	put(s->bytes + 54, sizeof(Elf64_Phdr), 2);
	put(s->bytes + 56, 2, 2);
	put(s->bytes + phoff, PT_LOAD, 4);
	unsigned char *ph = s->bytes + phoff + sizeof(Elf64_Phdr);
	put(ph, PT_INTERP, 4);
	put(ph + 8, 512, 8);
	put(ph + 32, size, 8);
	memcpy(s->bytes + 512, interp, strlen(interp) + 1);
	s->len = phoff + 2 * sizeof(Elf64_Phdr) > 512 + size ? phoff + 2 * sizeof(Elf64_Phdr)
							     : 512 + size;
}

static enum elf_linking linking_of(const struct synthetic *s, struct elf_interp *interp)
{
	const char *dir = unit_tmpdir();
	char path[PATH_MAX];
	assert_non_null(dir);
	assert_non_null(unit_join(path, sizeof(path), dir, "program"));
	FILE *f = fopen(path, "we");
	assert_non_null(f);
	assert_int_equal(fwrite(s->bytes, 1, s->len, f), s->len);
	assert_int_equal(fclose(f), 0);
	enum elf_linking linking = elf_interp_of_path(path, interp);
	/* The launcher's question, without the text, agrees. */
	assert_int_equal(elf_linking_of_path(path), linking);
	unit_remove_tree(dir);
	return linking;
}

static void test_elf_linking_absolute_and_relative_interp_are_dynamic(void **state)
{
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	synthetic_program(&s, 64, "/lib/ld.so", sizeof("/lib/ld.so"));
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_DYNAMIC);
	assert_string_equal(interp.path, "/lib/ld.so");
	/* The kernel opens a relative one from the caller's working folder. */
	synthetic_program(&s, 64, "lib/ld.so", sizeof("lib/ld.so"));
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_DYNAMIC);
	assert_string_equal(interp.path, "lib/ld.so");
	/* An empty text in a large enough PT_INTERP: opened too (as ""). */
	synthetic_program(&s, 64, "", 8);
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_DYNAMIC);
	assert_string_equal(interp.path, "");
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_OPENS);
}

static void test_elf_linking_refuses_interp_under_2_bytes(void **state)
{
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	synthetic_program(&s, 64, "", 1);
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_BAD_INTERP);
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_TOO_SHORT);
	synthetic_program(&s, 64, "", 0);
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_BAD_INTERP);
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_TOO_SHORT);
	assert_int_equal(interp.size, 0);
}

static void test_elf_linking_refuses_interp_over_path_max(void **state)
{
	static char text[4200];
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	memset(text, 'l', sizeof(text) - 1);
	text[0] = '/';
	text[sizeof(text) - 1] = '\0';
	synthetic_program(&s, 64, text, sizeof(text));
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_BAD_INTERP);
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_TOO_LONG);
	assert_true(interp.terminated);
	assert_true(interp.path_cut);
	assert_int_equal(strlen(interp.path), PATH_MAX - 1);
	/* PATH_MAX itself, NUL included, is still taken. */
	text[PATH_MAX - 1] = '\0';
	synthetic_program(&s, 64, text, PATH_MAX);
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_DYNAMIC);
	assert_false(interp.path_cut);
}

static void test_elf_linking_refuses_unterminated_interp(void **state)
{
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	synthetic_program(&s, 64, "/lib/ld.so", strlen("/lib/ld.so"));
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_BAD_INTERP);
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_UNTERMINATED);
	assert_false(interp.terminated);
	assert_true(interp.within_file);
}

static void test_elf_linking_interp_past_the_end(void **state)
{
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	synthetic_program(&s, 64, "/lib/ld.so", sizeof("/lib/ld.so"));
	s.len = 512 + 4;
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_BAD_INTERP);
	assert_int_equal(elf_interp_kernel_fault(&interp), ELF_INTERP_PAST_END);
	assert_false(interp.within_file);
}

static void test_elf_linking_table_beyond_the_first_read(void **state)
{
	struct synthetic s;
	struct elf_interp interp;
	(void)state;

	synthetic_program(&s, 4096, "/lib/ld.so", sizeof("/lib/ld.so"));
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_DYNAMIC);
	assert_string_equal(interp.path, "/lib/ld.so");
	/* Cut inside the table: no verdict on what is not there. */
	s.len = 4096 + sizeof(Elf64_Phdr) + 8;
	assert_int_equal(linking_of(&s, &interp), ELF_LINKING_CORRUPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_elf_linking_fixtures),
	    cmocka_unit_test(test_elf_linking_absolute_and_relative_interp_are_dynamic),
	    cmocka_unit_test(test_elf_linking_refuses_interp_under_2_bytes),
	    cmocka_unit_test(test_elf_linking_refuses_interp_over_path_max),
	    cmocka_unit_test(test_elf_linking_refuses_unterminated_interp),
	    cmocka_unit_test(test_elf_linking_interp_past_the_end),
	    cmocka_unit_test(test_elf_linking_table_beyond_the_first_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
