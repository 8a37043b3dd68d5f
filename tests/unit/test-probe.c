/* SPDX-License-Identifier: MIT */
/* The ELF header reader: fields as libelf reads them, and every way a
 * header can be cut short or wrong reported, never trusted. */
#include "unit-files.h"

#include <elf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/stat.h>

#include "elfprobe/probe.h"

/* A header written byte by byte, in the file's byte order. */
static size_t header(unsigned char *h, int class, int data, uint16_t type, uint16_t machine,
		     uint32_t flags)
{
	size_t flags_at = class == ELFCLASS64 ? 48 : 36;
	size_t len = class == ELFCLASS64 ? 64 : 52;
	bool msb = data == ELFDATA2MSB;

	memset(h, 0, BINFMT_HEADER_SIZE);
	memcpy(h,
	       "\x7f"
	       "ELF",
	       4);
	h[EI_CLASS] = (unsigned char)class;
	h[EI_DATA] = (unsigned char)data;
	h[EI_VERSION] = EV_CURRENT;
	h[EI_OSABI] = ELFOSABI_GNU;
	h[EI_ABIVERSION] = 1;
	h[msb ? 16 : 17] = (unsigned char)(type >> 8);
	h[msb ? 17 : 16] = (unsigned char)type;
	h[msb ? 18 : 19] = (unsigned char)(machine >> 8);
	h[msb ? 19 : 18] = (unsigned char)machine;
	h[msb ? 23 : 20] = EV_CURRENT;
	for (int i = 0; i < 4; i++)
		h[flags_at + (msb ? 3 - i : i)] = (unsigned char)(flags >> (8 * i));
	return len;
}

static void parse(struct probe_header *p, const unsigned char *bytes, size_t len)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->head, bytes, len);
	p->head_len = len;
	probe_parse(p);
}

static void test_probe_reads_64_bit_lsb(void **state)
{
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	(void)state;
	parse(&p, h, header(h, ELFCLASS64, ELFDATA2LSB, ET_DYN, EM_AARCH64, 0x12345678));
	assert_int_equal(p.kind, PROBE_ELF);
	assert_int_equal(p.elf_class, ELFCLASS64);
	assert_int_equal(p.elf_data, ELFDATA2LSB);
	assert_int_equal(p.osabi, ELFOSABI_GNU);
	assert_int_equal(p.abi_version, 1);
	assert_int_equal(p.type, ET_DYN);
	assert_int_equal(p.machine, EM_AARCH64);
	assert_int_equal(p.version, EV_CURRENT);
	assert_int_equal(p.flags, 0x12345678);
}

static void test_probe_reads_32_bit_msb(void **state)
{
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	(void)state;
	parse(&p, h,
	      header(h, ELFCLASS32, ELFDATA2MSB, ET_EXEC, EM_MIPS, EF_MIPS_ABI2 | 0x80000000));
	assert_int_equal(p.kind, PROBE_ELF);
	assert_int_equal(p.elf_class, ELFCLASS32);
	assert_int_equal(p.elf_data, ELFDATA2MSB);
	assert_int_equal(p.type, ET_EXEC);
	assert_int_equal(p.machine, EM_MIPS);
	assert_int_equal(p.flags, EF_MIPS_ABI2 | 0x80000000);
}

static void test_probe_keeps_raw_bytes(void **state)
{
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	(void)state;
	header(h, ELFCLASS64, ELFDATA2LSB, ET_EXEC, EM_X86_64, 0);
	memset(h + 64, 0x5a, BINFMT_HEADER_SIZE - 64);
	parse(&p, h, BINFMT_HEADER_SIZE);
	assert_int_equal(p.kind, PROBE_ELF);
	assert_memory_equal(p.head, h, BINFMT_HEADER_SIZE);
}

static void test_probe_not_elf(void **state)
{
	struct probe_header p;
	(void)state;
	parse(&p, (const unsigned char *)"#!/bin/sh\n", 10);
	assert_int_equal(p.kind, PROBE_NOT_ELF);
	parse(&p,
	      (const unsigned char *)"\x7f"
				     "EL",
	      3);
	assert_int_equal(p.kind, PROBE_NOT_ELF);
	parse(&p, (const unsigned char *)"", 0);
	assert_int_equal(p.kind, PROBE_NOT_ELF);
}

static void test_probe_corrupt_headers_say_why(void **state)
{
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	(void)state;

	header(h, ELFCLASS64, ELFDATA2LSB, ET_EXEC, EM_X86_64, 0);
	parse(&p, h, 10);
	assert_int_equal(p.kind, PROBE_CORRUPT);
	assert_string_equal(p.problem, "truncated ELF identification: 10 of 16 bytes");
	parse(&p, h, 63);
	assert_string_equal(p.problem, "truncated ELF header: 63 of 64 bytes");
	header(h, ELFCLASS32, ELFDATA2LSB, ET_EXEC, EM_386, 0);
	parse(&p, h, 51);
	assert_string_equal(p.problem, "truncated ELF header: 51 of 52 bytes");

	h[EI_CLASS] = 3;
	parse(&p, h, 52);
	assert_string_equal(p.problem, "invalid ELF class 3");
	h[EI_CLASS] = ELFCLASS32;
	h[EI_DATA] = 0;
	parse(&p, h, 52);
	assert_string_equal(p.problem, "invalid ELF data encoding 0");
	h[EI_DATA] = ELFDATA2LSB;
	h[EI_VERSION] = 2;
	parse(&p, h, 52);
	assert_string_equal(p.problem, "unknown ELF version 2");
}

static void test_probe_ignores_sizes_in_the_header(void **state)
{
	/* Section and program header tables far past the header, extended
	 * numbering: only the header is read, and it reads fine. */
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	(void)state;
	header(h, ELFCLASS64, ELFDATA2LSB, ET_EXEC, EM_X86_64, 0);
	memset(h + 32, 0xff, 16); /* e_phoff, e_shoff */
	memset(h + 52, 0xff, 12); /* e_ehsize .. e_shstrndx */
	parse(&p, h, 64);
	assert_int_equal(p.kind, PROBE_ELF);
	assert_int_equal(p.machine, EM_X86_64);
}

static void test_probe_file_reads_at_most_what_is_asked(void **state)
{
	const char *dir = unit_tmpdir();
	unsigned char h[BINFMT_HEADER_SIZE];
	struct probe_header p;
	char path[PATH_MAX];
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s", unit_path(dir, "elf"));
	f = fopen(path, "we");
	fwrite(h, 1, header(h, ELFCLASS64, ELFDATA2LSB, ET_EXEC, EM_RISCV, 0), f);
	fputs("trailing bytes after the header", f);
	fclose(f);
	assert_int_equal(probe_file(AT_FDCWD, path, 64, PROBE_FOLLOW, &p), 0);
	assert_int_equal(p.head_len, 64);
	assert_int_equal(p.machine, EM_RISCV);
	assert_int_equal(probe_file(AT_FDCWD, path, 1000, PROBE_FOLLOW, &p), 0);
	assert_int_equal(p.head_len, 64 + strlen("trailing bytes after the header"));
	unit_remove_tree(dir);
}

static void test_probe_file_refuses_what_is_not_a_regular_file(void **state)
{
	const char *dir = unit_tmpdir();
	struct probe_header p;
	char fifo[PATH_MAX], link[PATH_MAX];
	(void)state;
	snprintf(fifo, sizeof(fifo), "%s", unit_path(dir, "fifo"));
	snprintf(link, sizeof(link), "%s", unit_path(dir, "link"));
	unit_write(dir, "file", "#!/bin/sh\n");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("file", link), 0);

	assert_int_equal(probe_file(AT_FDCWD, dir, 64, PROBE_FOLLOW, &p), -EISDIR);
	/* Never opened: opening a FIFO without a writer would block. */
	assert_int_equal(probe_file(AT_FDCWD, fifo, 64, PROBE_FOLLOW, &p), -EINVAL);
	assert_int_equal(probe_file(AT_FDCWD, "/dev/null", 64, PROBE_FOLLOW, &p), -EINVAL);
	assert_int_equal(probe_file(AT_FDCWD, link, 64, PROBE_FOLLOW, &p), 0);
	assert_int_equal(p.kind, PROBE_NOT_ELF);
	assert_int_equal(probe_file(AT_FDCWD, link, 64, 0, &p), -EINVAL);
	assert_int_equal(probe_file(AT_FDCWD, unit_path(dir, "none"), 64, 0, &p), -ENOENT);
	unit_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_probe_reads_64_bit_lsb),
	    cmocka_unit_test(test_probe_reads_32_bit_msb),
	    cmocka_unit_test(test_probe_keeps_raw_bytes),
	    cmocka_unit_test(test_probe_not_elf),
	    cmocka_unit_test(test_probe_corrupt_headers_say_why),
	    cmocka_unit_test(test_probe_ignores_sizes_in_the_header),
	    cmocka_unit_test(test_probe_file_reads_at_most_what_is_asked),
	    cmocka_unit_test(test_probe_file_refuses_what_is_not_a_regular_file),
	};
	if (!probe_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
