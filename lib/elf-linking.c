/* SPDX-License-Identifier: MIT */
#include "elf-linking.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/types.h>
#include <string.h>
#include <unistd.h>

/* Program header tables larger than this are not real programs (the
 * kernel's load_elf_phdrs() refuses more than 64 KiB). */
#define MAX_TABLE 65536

/* Enough for the ELF header and the program headers of every real
 * program we have met (qemu has a dozen): one read in the common case. */
#define FIRST_READ 1024

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
	int is64, msb;
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
	t->is64 = file[EI_CLASS] == ELFCLASS64;
	t->msb = file[EI_DATA] == ELFDATA2MSB;
	if ((!t->is64 && file[EI_CLASS] != ELFCLASS32) || (!t->msb && file[EI_DATA] != ELFDATA2LSB))
		return -1;
	if (len < (t->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return -1;
	/* e_phoff, e_phentsize, e_phnum: offsetof in Elf32_Ehdr / Elf64_Ehdr. */
	t->offset = t->is64 ? field(file + 32, 8, t->msb) : field(file + 28, 4, t->msb);
	t->entry_size = (size_t)field(file + (t->is64 ? 54 : 42), 2, t->msb);
	t->count = (size_t)field(file + (t->is64 ? 56 : 44), 2, t->msb);
	if (t->count == 0) {
		*verdict = ELF_LINKING_STATIC; /* nothing to load an interpreter for */
		return -1;
	}
	if (t->entry_size < (t->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) ||
	    t->count > MAX_TABLE / t->entry_size || t->offset > INT64_MAX - MAX_TABLE)
		return -1;
	return 0;
}

static long read_at(int fd, unsigned char *buf, size_t want, uint64_t at)
{
	size_t len = 0;

	if (at > INT64_MAX - want)
		return 0; /* past any file's end */
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

enum elf_interp_fault elf_interp_kernel_fault(const struct elf_interp *interp)
{
	/* As fs/binfmt_elf.c:load_elf_binary(): the size, the read (elf_read():
	 * a short one is -EIO), then the terminating NUL. */
	if (interp->size < 2)
		return ELF_INTERP_TOO_SHORT;
	if (interp->size > PATH_MAX)
		return ELF_INTERP_TOO_LONG;
	if (!interp->within_file)
		return ELF_INTERP_PAST_END;
	if (!interp->terminated)
		return ELF_INTERP_UNTERMINATED;
	return ELF_INTERP_OPENS;
}

/* The PT_INTERP whose program header is ph; its text only when `text`. */
static enum elf_linking read_interp(int fd, const unsigned char *ph, const struct table_place *t,
				    struct elf_interp *interp, bool text)
{
	/* p_offset and p_filesz. */
	uint64_t at = t->is64 ? field(ph + 8, 8, t->msb) : field(ph + 4, 4, t->msb);
	unsigned char last;
	long n;

	interp->size = t->is64 ? field(ph + 32, 8, t->msb) : field(ph + 16, 4, t->msb);
	interp->within_file = interp->size == 0;
	if (interp->size > 0 && at <= UINT64_MAX - (interp->size - 1)) {
		n = read_at(fd, &last, 1, at + interp->size - 1);
		if (n < 0)
			return ELF_LINKING_UNREADABLE;
		interp->within_file = n == 1;
		interp->terminated = n == 1 && last == '\0';
	}
	if (text && interp->size > 0) {
		size_t room = sizeof(interp->path);
		n = read_at(fd, (unsigned char *)interp->path,
			    interp->size < room ? (size_t)interp->size : room, at);
		if (n < 0)
			return ELF_LINKING_UNREADABLE;
		if (!memchr(interp->path, '\0', (size_t)n)) {
			/* No NUL in PATH_MAX bytes: no path open() takes. */
			interp->path_cut = (size_t)n == room;
			interp->path[(size_t)n < room ? (size_t)n : room - 1] = '\0';
		}
	}
	return elf_interp_kernel_fault(interp) == ELF_INTERP_OPENS ? ELF_LINKING_DYNAMIC
								   : ELF_LINKING_BAD_INTERP;
}

/* Walk the program headers for the first PT_INTERP, as the kernel does. */
static enum elf_linking linking_of_fd(int fd, struct elf_interp *interp, bool text)
{
	unsigned char first[FIRST_READ];
	struct table_place t;
	enum elf_linking verdict;
	long n = read_at(fd, first, sizeof(first), 0);

	/* Not the path: the launcher asks without it, on every exec. */
	interp->size = 0;
	interp->within_file = interp->terminated = interp->path_cut = false;
	interp->path[0] = '\0';
	if (n < 0)
		return ELF_LINKING_UNREADABLE;
	if (header(first, (size_t)n, &t, &verdict) < 0)
		return verdict;
	size_t want = t.is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	for (size_t i = 0; i < t.count; i++) {
		uint64_t at = t.offset + i * t.entry_size;
		unsigned char ph[sizeof(Elf64_Phdr)];
		/* Most tables are in the first read; one further in is read
		 * an entry at a time, so no buffer grows with what the file
		 * claims. */
		if (at + want <= (uint64_t)n) {
			memcpy(ph, first + at, want);
		} else {
			long got = read_at(fd, ph, want, at);
			if (got < 0)
				return ELF_LINKING_UNREADABLE;
			if ((size_t)got < want)
				return ELF_LINKING_CORRUPT;
		}
		if (field(ph, 4, t.msb) == PT_INTERP)
			return read_interp(fd, ph, &t, interp, text);
	}
	return ELF_LINKING_STATIC;
}

enum elf_linking elf_linking_of_fd(int fd)
{
	struct elf_interp interp;

	return linking_of_fd(fd, &interp, false);
}

static enum elf_linking of_path(const char *path, struct elf_interp *interp, bool text)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return ELF_LINKING_UNREADABLE;
	enum elf_linking linking = linking_of_fd(fd, interp, text);
	int saved = errno;
	close(fd);
	errno = saved;
	return linking;
}

enum elf_linking elf_linking_of_path(const char *path)
{
	struct elf_interp interp;

	return of_path(path, &interp, false);
}

enum elf_linking elf_interp_of_path(const char *path, struct elf_interp *interp)
{
	memset(interp, 0, sizeof(*interp));
	enum elf_linking linking = of_path(path, interp, true);
	if (linking != ELF_LINKING_DYNAMIC && linking != ELF_LINKING_BAD_INTERP)
		memset(interp, 0, sizeof(*interp));
	return linking;
}
