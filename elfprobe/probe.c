/* SPDX-License-Identifier: MIT */
/* The ELF header reader.  Our own checks come first and decide "cut
 * short" and "invalid" before libelf sees a byte: libelf then parses a
 * private copy of exactly one header, so it cannot be led past it. */
#include "probe.h"

#include "files.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool probe_init(void)
{
	return elf_version(EV_CURRENT) != EV_NONE;
}

__attribute__((format(printf, 2, 3))) static void corrupt(struct probe_header *h, const char *fmt,
							  ...);

static void corrupt(struct probe_header *h, const char *fmt, ...)
{
	va_list ap;

	h->kind = PROBE_CORRUPT;
	va_start(ap, fmt);
	if (vsnprintf(h->problem, sizeof(h->problem), fmt, ap) < 0)
		snprintf(h->problem, sizeof(h->problem), "corrupt ELF header");
	va_end(ap);
}

void probe_parse(struct probe_header *h)
{
	/* Aligned storage for libelf, which may read the header in place. */
	union {
		Elf32_Ehdr e32;
		Elf64_Ehdr e64;
		unsigned char bytes[sizeof(Elf64_Ehdr)];
	} copy;
	GElf_Ehdr ehdr;
	size_t need;
	Elf *elf;

	h->kind = PROBE_NOT_ELF;
	h->problem[0] = '\0';
	if (h->head_len > sizeof(h->head))
		h->head_len = sizeof(h->head);
	if (h->head_len < SELFMAG || memcmp(h->head, ELFMAG, SELFMAG) != 0)
		return;
	if (h->head_len < EI_NIDENT) {
		corrupt(h, "truncated ELF identification: %zu of %d bytes", h->head_len, EI_NIDENT);
		return;
	}
	if (h->head[EI_CLASS] != ELFCLASS32 && h->head[EI_CLASS] != ELFCLASS64) {
		corrupt(h, "invalid ELF class %u", h->head[EI_CLASS]);
		return;
	}
	if (h->head[EI_DATA] != ELFDATA2LSB && h->head[EI_DATA] != ELFDATA2MSB) {
		corrupt(h, "invalid ELF data encoding %u", h->head[EI_DATA]);
		return;
	}
	if (h->head[EI_VERSION] != EV_CURRENT) {
		corrupt(h, "unknown ELF version %u", h->head[EI_VERSION]);
		return;
	}
	need = h->head[EI_CLASS] == ELFCLASS32 ? sizeof(Elf32_Ehdr) : sizeof(Elf64_Ehdr);
	if (h->head_len < need) {
		corrupt(h, "truncated ELF header: %zu of %zu bytes", h->head_len, need);
		return;
	}

	memcpy(copy.bytes, h->head, need);
	elf = elf_memory((char *)copy.bytes, need);
	if (!elf) {
		corrupt(h, "libelf: %s", elf_errmsg(-1));
		return;
	}
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &ehdr)) {
		corrupt(h, "libelf: %s", elf_errmsg(-1));
		elf_end(elf);
		return;
	}
	h->kind = PROBE_ELF;
	h->elf_class = ehdr.e_ident[EI_CLASS];
	h->elf_data = ehdr.e_ident[EI_DATA];
	h->osabi = ehdr.e_ident[EI_OSABI];
	h->abi_version = ehdr.e_ident[EI_ABIVERSION];
	h->type = ehdr.e_type;
	h->machine = ehdr.e_machine;
	h->version = ehdr.e_version;
	h->flags = ehdr.e_flags;
	elf_end(elf);
}

int probe_fd(int fd, size_t want, struct probe_header *h)
{
	if (want > sizeof(h->head))
		want = sizeof(h->head);
	long n = file_read_prefix(fd, h->head, want);
	if (n < 0)
		return (int)n;
	h->head_len = (size_t)n;
	probe_parse(h);
	return 0;
}

int probe_file(int dirfd, const char *path, size_t want, unsigned how, struct probe_header *h)
{
	int fd = file_open_regular(dirfd, path, how & PROBE_FOLLOW, how & PROBE_KNOWN_REGULAR);

	if (fd < 0)
		return fd;
	int r = probe_fd(fd, want, h);
	/* A folder that passed for a regular file (d_type lied) fails here. */
	close(fd);
	return r;
}
