/* SPDX-License-Identifier: MIT */
/* The target table: derived bytes against hand-checked values from the
 * ELF specification, aliases, and no two targets claiming one binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <elf.h>
#include <string.h>

#include "elf-samples.h"
#include "entry-overlap.h"
#include "target-entry.h"

static void test_targets_aarch64_bytes(void **state)
{
	/* e_ident: 7f 'E' 'L' 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT, OSABI;
	 * e_type ET_EXEC = 2 little-endian; e_machine EM_AARCH64 = 183 = 0xb7. */
	static const unsigned char magic[20] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0,    0,
						0,    0,   0,	0,   0, 0, 2, 0, 0xb7, 0};
	static const unsigned char mask[20] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					       0xfc, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
					       0xff, 0xff, 0xfe, 0xff, 0xff, 0xff};
	unsigned char m[BINFMT_HEADER_SIZE], k[BINFMT_HEADER_SIZE];
	(void)state;
	assert_int_equal(target_magic(target_lookup("aarch64"), m, k), 20);
	assert_memory_equal(m, magic, 20);
	assert_memory_equal(k, mask, 20);
}

static void test_targets_s390x_is_big_endian(void **state)
{
	/* EM_S390 = 22 = 0x16, stored most significant byte first. */
	unsigned char m[BINFMT_HEADER_SIZE], k[BINFMT_HEADER_SIZE];
	(void)state;
	assert_int_equal(target_magic(target_lookup("s390x"), m, k), 20);
	assert_int_equal(m[4], 2);
	assert_int_equal(m[5], 2);
	assert_memory_equal(m + 16, "\x00\x02\x00\x16", 4);
	assert_memory_equal(k + 16, "\xff\xfe\xff\xff", 4);
}

static void test_targets_mips_abi_bit(void **state)
{
	/* 32-bit e_flags sits at offset 36; EF_MIPS_ABI2 = 0x20 is in its
	 * least significant byte: byte 36 little-endian, 39 big-endian. */
	unsigned char m[BINFMT_HEADER_SIZE], k[BINFMT_HEADER_SIZE];
	(void)state;
	assert_int_equal(target_magic(target_lookup("mipsn32el"), m, k), 40);
	assert_int_equal(m[36], 0x20);
	assert_int_equal(k[36], 0x20);
	assert_int_equal(k[39], 0);
	assert_int_equal(target_magic(target_lookup("mips"), m, k), 40);
	assert_int_equal(m[39], 0);
	assert_int_equal(k[39], 0x20);
	assert_memory_equal(m + 18, "\x00\x08", 2);
	for (int i = 20; i < 36; i++)
		assert_int_equal(k[i], 0);
}

static void test_targets_accept_exec_dyn_sysv_gnu(void **state)
{
	struct binfmt_entry e;
	unsigned char head[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0,	 0,
				  0,	0,   0,	  0,   0, 0, 2, 0, 0xf3, 0};
	(void)state;
	target_entry(target_lookup("riscv64"), "/x", 0, &e);
	assert_true(entry_match(&e, head, sizeof(head), "f"));
	head[16] = 3; /* ET_DYN */
	assert_true(entry_match(&e, head, sizeof(head), "f"));
	head[7] = 3; /* ELFOSABI_GNU */
	assert_true(entry_match(&e, head, sizeof(head), "f"));
	head[8] = 1; /* EI_ABIVERSION ignored */
	assert_true(entry_match(&e, head, sizeof(head), "f"));
	head[16] = 1; /* ET_REL */
	assert_false(entry_match(&e, head, sizeof(head), "f"));
	head[16] = 2;
	head[7] = 9; /* FreeBSD */
	assert_false(entry_match(&e, head, sizeof(head), "f"));
}

static void test_targets_cover_qemu_linux_user(void **state)
{
	static const char *const names[] = {
	    "aarch64",	    "aarch64_be", "alpha",  "arm",	   "armeb",    "cris",
	    "hexagon",	    "hppa",	  "i386",   "loongarch64", "m68k",     "microblaze",
	    "microblazeel", "mips",	  "mipsel", "mips64",	   "mips64el", "mipsn32",
	    "mipsn32el",    "nios2",	  "or1k",   "ppc",	   "ppc64",    "ppc64le",
	    "riscv32",	    "riscv64",	  "s390x",  "sh4",	   "sh4eb",    "sparc",
	    "sparc32plus",  "sparc64",	  "x86_64", "xtensa",	   "xtensaeb",
	};
	(void)state;
	assert_int_equal(target_count, sizeof(names) / sizeof(names[0]));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct target *t = target_lookup(names[i]);
		assert_non_null(t);
		assert_string_equal(t->name, names[i]);
	}
}

static void test_targets_aliases(void **state)
{
	(void)state;
	assert_string_equal(target_lookup("arm64")->name, "aarch64");
	assert_string_equal(target_lookup("aarch64-linux")->name, "aarch64");
	assert_string_equal(target_lookup("armhf")->name, "arm");
	assert_string_equal(target_lookup("armel")->name, "arm");
	assert_string_equal(target_lookup("ppc64el")->name, "ppc64le");
	assert_string_equal(target_lookup("amd64")->name, "x86_64");
	assert_string_equal(target_lookup("i686")->name, "i386");
	assert_string_equal(target_lookup("loong64")->name, "loongarch64");
	assert_null(target_lookup("arm6"));
	assert_null(target_lookup(""));
	assert_null(target_lookup("arm64 "));
}

static void test_targets_aliases_are_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < target_count; i++) {
		const char *aliases = targets[i].aliases, *word;
		size_t len;
		while (name_next(&aliases, &word, &len)) {
			char alias[64];
			assert_true(len < sizeof(alias));
			memcpy(alias, word, len);
			alias[len] = '\0';
			assert_ptr_equal(target_lookup(alias), &targets[i]);
		}
	}
}

static void test_targets_name_next_walks_the_words(void **state)
{
	const char *names = "  a bb  ccc ", *word;
	size_t len;
	(void)state;

	assert_true(name_next(&names, &word, &len));
	assert_int_equal(len, 1);
	assert_memory_equal(word, "a", 1);
	assert_true(name_next(&names, &word, &len));
	assert_int_equal(len, 2);
	assert_memory_equal(word, "bb", 2);
	assert_true(name_next(&names, &word, &len));
	assert_int_equal(len, 3);
	assert_false(name_next(&names, &word, &len));
	names = "";
	assert_false(name_next(&names, &word, &len));
	assert_true(name_listed("arm64 aarch64-linux", "aarch64-linux"));
	assert_false(name_listed("arm64 aarch64-linux", "arm"));
}

static void test_targets_never_overlap(void **state)
{
	(void)state;
	for (size_t i = 0; i < target_count; i++) {
		for (size_t j = i + 1; j < target_count; j++) {
			struct binfmt_entry a, b;
			target_entry(&targets[i], "/x", 0, &a);
			target_entry(&targets[j], "/x", 0, &b);
			if (entry_overlap(&a, &b))
				fail_msg("%s and %s can match one binary", targets[i].name,
					 targets[j].name);
		}
	}
}

/* Each row's usual e_flags fit its own ABI: its binaries are its own. */
static void test_targets_for_elf_finds_each_target(void **state)
{
	(void)state;
	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		assert_ptr_equal(target_for_elf(t->elf_class, t->elf_data, t->machine, t->flags),
				 t);
	}
	assert_null(target_for_elf(1, 1, 83 /* EM_AVR */, 0));
}

static void test_targets_for_header_reads_the_deciding_fields(void **state)
{
	unsigned char head[BINFMT_HEADER_SIZE];
	(void)state;

	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		struct elf_sample s = elf_sample_usual(t, ET_DYN, ELFOSABI_GNU);
		size_t len = elf_sample_header(t, &s, head);
		assert_ptr_equal(target_for_header(head, len), t);
		/* Cut before e_flags: only rows that need no e_flags remain. */
		const struct target *cut = target_for_header(head, EI_NIDENT + 4);
		if (t->abi == ABI_ANY)
			assert_ptr_equal(cut, t);
		else
			assert_null(cut);
	}
	/* Cut before e_machine, not ELF, no target's e_machine. */
	assert_null(target_for_header(head, EI_NIDENT + 3));
	head[0] = 'x';
	assert_null(target_for_header(head, sizeof(head)));
	head[0] = 0x7f;
	head[EI_NIDENT + 2] = 83; /* EM_AVR, either byte order */
	head[EI_NIDENT + 3] = 0;
	assert_null(target_for_header(head, sizeof(head)));
}

static void test_targets_in_family(void **state)
{
	(void)state;
	assert_true(target_in_family(target_lookup("i386"), "x86"));
	assert_false(target_in_family(target_lookup("i386"), "arm"));
	assert_false(target_in_family(target_lookup("i386"), NULL));
}

static void test_targets_entry_is_valid_register_string(void **state)
{
	(void)state;
	for (size_t i = 0; i < target_count; i++) {
		struct binfmt_entry e, back;
		char s[BINFMT_REGISTER_MAX + 1];
		target_entry(&targets[i], "/usr/libexec/qbinfmt/launch", ENTRY_FLAG_PRESERVE_ARGV0,
			     &e);
		int len = entry_format(&e, s, sizeof(s));
		assert_true(len > 0);
		assert_int_equal(entry_parse(s, (size_t)len, &back, NULL, NULL), 0);
		assert_true(entry_same_rule(&e, &back));
		assert_int_equal(
		    strncmp(back.name, TARGET_ENTRY_PREFIX, strlen(TARGET_ENTRY_PREFIX)), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_targets_aarch64_bytes),
	    cmocka_unit_test(test_targets_s390x_is_big_endian),
	    cmocka_unit_test(test_targets_mips_abi_bit),
	    cmocka_unit_test(test_targets_accept_exec_dyn_sysv_gnu),
	    cmocka_unit_test(test_targets_cover_qemu_linux_user),
	    cmocka_unit_test(test_targets_aliases),
	    cmocka_unit_test(test_targets_aliases_are_unique),
	    cmocka_unit_test(test_targets_name_next_walks_the_words),
	    cmocka_unit_test(test_targets_never_overlap),
	    cmocka_unit_test(test_targets_for_elf_finds_each_target),
	    cmocka_unit_test(test_targets_for_header_reads_the_deciding_fields),
	    cmocka_unit_test(test_targets_in_family),
	    cmocka_unit_test(test_targets_entry_is_valid_register_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
