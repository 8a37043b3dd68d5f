/* SPDX-License-Identifier: MIT */
#include "elf-linking.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/types.h>
#include <string.h>
#include <unistd.h>

/* Program header tables larger than this are not real programs (the
 * kernel's load_elf_phdrs() refuses more than 64 KiB). */
#define MAX_TABLE 65536

static uint64_t field(const unsigned char *p, size_t size, int msb)
{
	uint64_t value = 0;

	for (size_t i = 0; i < size; i++)
		value = value << 8 | p[msb ? i : size - 1 - i];
	return value;
}

/* Where the program header table is. */
struct table_place {
	uint64_t offset;
	size_t entry_size, count;
	int msb;
};

/* From the ELF header: the table's place, or a verdict without one. */
static int header(const unsigned char *file, size_t len, struct table_place *t,
		  enum elf_linking *verdict)
{
	if (len < SELFMAG || memcmp(file, ELFMAG, SELFMAG) != 0) {
		*verdict = ELF_LINKING_NOT_ELF;
		return -1;
	}
	*verdict = ELF_LINKING_CORRUPT;
	if (len < EI_NIDENT)
		return -1;
	int is64 = file[EI_CLASS] == ELFCLASS64;
	t->msb = file[EI_DATA] == ELFDATA2MSB;
	if ((!is64 && file[EI_CLASS] != ELFCLASS32) || (!t->msb && file[EI_DATA] != ELFDATA2LSB))
		return -1;
	if (len < (is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return -1;
	/* e_phoff, e_phentsize, e_phnum: offsetof in Elf32_Ehdr / Elf64_Ehdr. */
	t->offset = is64 ? field(file + 32, 8, t->msb) : field(file + 28, 4, t->msb);
	t->entry_size = (size_t)field(file + (is64 ? 54 : 42), 2, t->msb);
	t->count = (size_t)field(file + (is64 ? 56 : 44), 2, t->msb);
	if (t->count == 0) {
		*verdict = ELF_LINKING_STATIC; /* nothing to load an interpreter for */
		return -1;
	}
	if (t->entry_size < (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
	    t->count > MAX_TABLE / t->entry_size)
		return -1;
	return 0;
}

enum elf_linking elf_linking_of(const unsigned char *file, size_t len, size_t *table_end)
{
	struct table_place t;
	enum elf_linking verdict;

	*table_end = 0;
	if (header(file, len, &t, &verdict) < 0)
		return verdict;
	if (t.offset > len || t.count * t.entry_size > len - t.offset) {
		*table_end =
		    t.offset > SIZE_MAX / 2 ? SIZE_MAX : (size_t)t.offset + t.count * t.entry_size;
		return ELF_LINKING_CORRUPT;
	}
	for (size_t i = 0; i < t.count; i++)
		if (field(file + t.offset + i * t.entry_size, 4, t.msb) == PT_INTERP)
			return ELF_LINKING_DYNAMIC;
	return ELF_LINKING_STATIC;
}

/* Enough for the ELF header and the program headers of every real
 * program we have met (qemu has a dozen): one read in the common case. */
#define FIRST_READ 1024

static long read_at(int fd, unsigned char *buf, size_t want, uint64_t at)
{
	size_t len = 0;

	while (len < want) {
		ssize_t n = pread(fd, buf + len, want - len, (off_t)(at + len));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (long)len;
}

enum elf_linking elf_linking_of_fd(int fd)
{
	unsigned char first[FIRST_READ];
	size_t table_end;
	struct table_place t;
	enum elf_linking verdict;
	long n = read_at(fd, first, sizeof(first), 0);

	if (n < 0)
		return ELF_LINKING_UNREADABLE;
	verdict = elf_linking_of(first, (size_t)n, &table_end);
	if (!table_end || (size_t)n < sizeof(first) || header(first, (size_t)n, &t, &verdict) < 0)
		return verdict;
	/* A table further into the file: its entries' p_type one by one,
	 * so no buffer grows with what the file claims. */
	for (size_t i = 0; i < t.count; i++) {
		unsigned char type[4];
		n = read_at(fd, type, sizeof(type), t.offset + i * t.entry_size);
		if (n < 0)
			return ELF_LINKING_UNREADABLE;
		if (n < (long)sizeof(type))
			return ELF_LINKING_CORRUPT;
		if (field(type, 4, t.msb) == PT_INTERP)
			return ELF_LINKING_DYNAMIC;
	}
	return ELF_LINKING_STATIC;
}

_Bool elf_interpreter_of_path(const char *path, char *out, size_t size)
{
	unsigned char first[FIRST_READ];
	struct table_place t;
	enum elf_linking verdict;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	_Bool found = 0;

	if (fd < 0 || size == 0)
		goto out;
	long n = read_at(fd, first, sizeof(first), 0);
	if (n < 0 || header(first, (size_t)n, &t, &verdict) < 0)
		goto out;
	int is64 = first[EI_CLASS] == ELFCLASS64;
	for (size_t i = 0; i < t.count && !found; i++) {
		unsigned char ph[sizeof(Elf64_Phdr)];
		if (read_at(fd, ph, t.entry_size < sizeof(ph) ? t.entry_size : sizeof(ph),
			    t.offset + i * t.entry_size) < (long)(is64 ? 56 : 32) ||
		    field(ph, 4, t.msb) != PT_INTERP)
			continue;
		/* p_offset and p_filesz: where the path is, NUL included. */
		uint64_t at = is64 ? field(ph + 8, 8, t.msb) : field(ph + 4, 4, t.msb);
		uint64_t len = is64 ? field(ph + 32, 8, t.msb) : field(ph + 16, 4, t.msb);
		if (len == 0 || len > size)
			break;
		long got = read_at(fd, (unsigned char *)out, (size_t)len, at);
		if (got != (long)len || out[len - 1] != '\0' || out[0] != '/')
			break;
		found = 1;
	}
out:
	if (fd >= 0)
		close(fd);
	if (!found && size)
		out[0] = '\0';
	return found;
}

enum elf_linking elf_linking_of_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return ELF_LINKING_UNREADABLE;
	enum elf_linking linking = elf_linking_of_fd(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return linking;
}
